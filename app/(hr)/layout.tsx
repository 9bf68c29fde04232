import { Shell } from '@/app/_components/shell';
import { requireRole } from '@/lib/server/auth/guards';

/** HR and admins. Each page checks its own role too: layouts do not re-run on every navigation. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireRole('hr');
  return <Shell user={user}>{children}</Shell>;
}
