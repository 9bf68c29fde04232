import Link from 'next/link';
import { getCurrentUser } from '@/lib/server/auth/session';
import { Shell } from './shell';

/**
 * A page that only says something (no access, not found): inside the signed-in frame for
 * someone signed in, so the menu stays where it was, else on its own.
 */
export async function NoticePage({ title, children }: { title: string; children: React.ReactNode }) {
  const user = await getCurrentUser();
  const card = (
    <div className="card stack notice-card">
      <h1>{title}</h1>
      {children}
      <p>
        <Link href="/" className="btn">
          Go to your home page
        </Link>
      </p>
    </div>
  );
  if (user) return <Shell user={user}>{card}</Shell>;
  return (
    <main id="main" className="signin">
      {card}
    </main>
  );
}
