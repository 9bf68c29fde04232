import { dismissNoticeAction } from '@/app/_actions/notices';
import { ActionButton } from './action-button';

type Notice = { id: string; message: string };

/** Changes others made to the person's bookings, until she dismisses them. */
export function Notices({ notices }: { notices: Notice[] }) {
  if (notices.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" className="card stack">
      <h2 id="notices-heading">Changes to your bookings</h2>
      <ul className="notice-list">
        {notices.map((n) => (
          <li key={n.id}>
            <p>{n.message}</p>
            <ActionButton action={dismissNoticeAction} label="Dismiss" className="btn btn-secondary btn-small" fields={{ id: n.id }} />
          </li>
        ))}
      </ul>
    </section>
  );
}
