import { Providers } from '@/app/_components/providers';
import { Shell } from '@/app/_components/shell';
import { requireUser } from '@/lib/server/auth/guards';

export default async function EmployeeLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <Shell user={user}>
      <Providers>{children}</Providers>
    </Shell>
  );
}
