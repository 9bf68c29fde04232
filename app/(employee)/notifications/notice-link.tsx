'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { markNotificationReadAction } from './actions';

/**
 * A notice's link. Opening an unread notice marks it read first (her own, through the same
 * action as "Mark as read"), then goes where it points, so the unread count is right on arrival.
 */
export function NoticeLink({ id, href, unread, children }: { id: string; href: string; unread: boolean; children: React.ReactNode }) {
  const router = useRouter();
  return (
    <Link
      href={href}
      onClick={async (event) => {
        if (!unread || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        const data = new FormData();
        data.set('id', id);
        try {
          await markNotificationReadAction(data);
        } finally {
          window.dispatchEvent(new Event('nook:changed'));
          router.push(href);
        }
      }}
    >
      {children}
    </Link>
  );
}
