import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { TableWrap } from '@/app/_components/table-wrap';
import { listProblemQueue, type QueuedProblem } from '@/db/queries/problems';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { formatHours, hoursToFix, PROBLEM_KIND_LABELS, warrantsClosing } from '@/lib/problems';
import { formatLocal } from '@/lib/time';
import { closeRoomForProblemAction, fixProblemAction, handleProblemAction } from './actions';

export const metadata: Metadata = { title: 'Room problems' };

const FIXED_DAYS = 30;

function ProblemCard({ p }: { p: QueuedProblem }) {
  const label = PROBLEM_KIND_LABELS[p.kind];
  const what = `${label} in ${p.roomName}`;
  return (
    <li className="card stack" style={{ gap: '0.5rem' }}>
      <div>
        <h3 style={{ margin: 0 }}>
          {p.roomName}: {label.toLowerCase()}
        </h3>
        <p className="muted small" style={{ margin: 0 }}>
          {p.siteName}
          {p.floor ? `, floor ${p.floor}` : ''} · reported {formatLocal(p.reportedAt, p.timeZone)}
          {p.reports > 1 ? ` · ${p.reports} reports` : ''}
        </p>
      </div>
      <p className="small" style={{ margin: 0 }}>
        {p.status === 'in_progress' ? (
          <>
            <span className="badge badge-warn">Being handled</span> by {p.handlerName ?? 'someone no longer in Nook'}
            {p.startedAt ? ` since ${formatLocal(p.startedAt, p.timeZone)}` : ''}.
          </>
        ) : (
          <span className="badge badge-danger">Open</span>
        )}
        {p.roomStatus === 'out_of_service' && ' The room is out of service.'}
      </p>
      {p.notes.length > 0 && (
        <ul className="small" style={{ margin: 0 }} aria-label={`Notes on ${what}`}>
          {p.notes.map((n, i) => (
            <li key={i}>
              “{n.note}” <span className="muted">({formatLocal(n.at, p.timeZone)})</span>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form" style={{ flexWrap: 'wrap', gap: '0.5rem' }}>
        {p.status === 'open' && <ActionButton action={handleProblemAction} label="I'm on it" context={what} className="btn btn-secondary" fields={{ problemId: p.id }} />}
        <ActionButton action={fixProblemAction} label="Mark fixed" context={what} className="btn" fields={{ problemId: p.id }} />
      </div>
      {warrantsClosing(p.kind) && p.roomStatus !== 'out_of_service' && (
        <div className="stack" style={{ gap: '0.25rem' }}>
          <p className="small muted" style={{ margin: 0 }}>
            A room that cannot be locked or is overlooked is not private. Taking it out of service moves its upcoming bookings to a free station or room at the same time, or
            cancels them, and tells each person.
          </p>
          <ActionButton action={closeRoomForProblemAction} label={`Take ${p.roomName} out of service`} className="btn btn-danger" fields={{ problemId: p.id }} />
        </div>
      )}
      {p.roomStatus === 'out_of_service' && (
        <p className="small" style={{ margin: 0 }}>
          <Link href={`/admin/rooms/${p.roomId}`}>Put {p.roomName} back in service</Link> once it is fixed.
        </p>
      )}
    </li>
  );
}

/** Facilities' queue of room problems: open ones oldest first, then what was fixed lately and how fast. */
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What the last change did, from the redirect that brought the admin back here. */
function doneMessage(q: Record<string, string | string[] | undefined>): string | null {
  if (q.done === 'fixed') return 'Marked fixed. Whoever reported it has been told.';
  if (q.done !== 'closed') return null;
  const count = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : 0);
  const moved = count(q.moved);
  const cancelled = count(q.cancelled);
  const bookings =
    moved + cancelled === 0 ? 'No upcoming booking needed moving.' : `${moved} upcoming ${moved === 1 ? 'booking' : 'bookings'} moved, ${cancelled} cancelled; each person was told.`;
  return `The room is out of service. ${bookings} Put it back in service from its page once it is fixed.`;
}

export default async function ProblemsPage({ searchParams }: Props) {
  await connection();
  await requireRole('admin');
  const db = await getDb();
  const now = new Date();
  const rows = await listProblemQueue(db, new Date(now.getTime() - FIXED_DAYS * 86_400_000));
  const open = rows.filter((r) => r.status !== 'fixed');
  const fixed = rows.filter((r) => r.status === 'fixed');
  const done = doneMessage(await searchParams);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Room problems</h1>
        <p>Reported from rooms&apos; pages and door pages. No report says who sent it; whoever did is told when it is fixed.</p>
      </header>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <section className="stack" aria-labelledby="open-heading">
        <h2 id="open-heading">To fix</h2>
        {open.length === 0 ? (
          <p className="muted">Nothing to fix: no room has an open problem.</p>
        ) : (
          <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {open.map((p) => (
              <ProblemCard key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
      <section className="stack" aria-labelledby="fixed-heading">
        <h2 id="fixed-heading">Fixed in the last {FIXED_DAYS} days</h2>
        {fixed.length === 0 ? (
          <p className="muted">Nothing fixed in the last {FIXED_DAYS} days.</p>
        ) : (
          <TableWrap label="Problems fixed lately">
            <table>
              <caption className="sr-only">Problems fixed in the last {FIXED_DAYS} days, with how long each took</caption>
              <thead>
                <tr>
                  <th scope="col">Room</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Reported</th>
                  <th scope="col">Fixed</th>
                  <th scope="col">Time to fix</th>
                </tr>
              </thead>
              <tbody>
                {fixed.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.roomName}</th>
                    <td>{PROBLEM_KIND_LABELS[p.kind]}</td>
                    <td>{formatLocal(p.reportedAt, p.timeZone)}</td>
                    <td>{formatLocal(p.fixedAt!, p.timeZone)}</td>
                    <td>{formatHours(hoursToFix(p.reportedAt, p.fixedAt!))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
