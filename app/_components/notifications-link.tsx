'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * "Notifications" with the unread count. The server renders the first count; the layout is
 * not re-rendered on client navigation, so the count is fetched again on each page change,
 * after any one-button action (the `nook:changed` event), on focus and every minute.
 */
export function NotificationsLink({ initial }: { initial: number }) {
  const [unread, setUnread] = useState(initial);
  const [rendered, setRendered] = useState(initial);
  // A server re-render (after marking read, say) brings a newer count: take it.
  if (initial !== rendered) {
    setRendered(initial);
    setUnread(initial);
  }
  const pathname = usePathname();
  useEffect(() => {
    let alive = true;
    let latest = 0;
    const load = async () => {
      // Only the newest answer counts: an older one arriving late must not bring back a stale count.
      const ticket = ++latest;
      try {
        const res = await fetch('/api/v1/notifications', { cache: 'no-store' });
        const body = res.ok ? ((await res.json()) as { unread: number }) : null;
        if (body && alive && ticket === latest) setUnread(body.unread);
      } catch {
        // Offline for a moment: keep the last count.
      }
    };
    void load();
    const timer = setInterval(load, 60_000);
    window.addEventListener('focus', load);
    window.addEventListener('nook:changed', load);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('focus', load);
      window.removeEventListener('nook:changed', load);
    };
  }, [pathname]);
  return (
    <Link href="/notifications" className="notifications-link">
      Notifications
      {unread > 0 && (
        <>
          {' '}
          <span className="unread-count" aria-hidden="true">
            {unread}
          </span>
          <span className="sr-only">({unread} unread)</span>
        </>
      )}
    </Link>
  );
}
