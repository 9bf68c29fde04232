import Link from 'next/link';
import { unreadCount } from '@/db/queries/notifications';
import { getDb } from '@/db/runtime';
import type { User } from '@/db/schema';
import { navFor } from '@/lib/nav';
import { ROLE_LABELS } from '@/lib/roles';
import { signOutAction } from '@/app/_actions/session';
import { ActionButton } from './action-button';
import { NavLinks } from './nav-links';
import { NotificationsLink } from './notifications-link';

/** The signed-in frame: brand, navigation for the person's role, who they are, sign out. */
export async function Shell({ user, children }: { user: User; children: React.ReactNode }) {
  const unread = await unreadCount(await getDb(), user.id);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              N
            </span>
            Nook
          </Link>
          <NavLinks items={navFor(user.role)} />
          <div className="account">
            <NotificationsLink initial={unread} />
            <p className="account-name" style={{ margin: 0 }}>
              <strong>{user.name}</strong>
              {ROLE_LABELS[user.role]}
            </p>
            <ActionButton action={signOutAction} label="Sign out" className="btn btn-secondary btn-small" />
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
