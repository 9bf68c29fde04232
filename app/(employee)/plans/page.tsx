import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listPlans } from '@/db/queries/plans';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { describeWeekdays } from '@/lib/plans';
import { formatDateSpan } from '@/lib/time';

export const metadata: Metadata = { title: 'Pump plans' };

export default async function PlansPage() {
  await connection();
  const user = await requireRole('employee');
  const plans = await listPlans(await getDb(), user.id, new Date());
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Pump plans</h1>
        <p>Your breaks at the same times on the days you choose, booked for you up to 90 days ahead and kept booked until the plan ends.</p>
      </header>
      <p>
        <Link href="/plans/new" className="btn">
          New plan
        </Link>
      </p>
      {plans.length === 0 ? (
        <p className="muted">No plans yet. A plan books every break for you, with fallback rooms when your usual one is full.</p>
      ) : (
        <ul className="booking-list">
          {plans.map((p) => (
            <li key={p.id} className="card">
              <h2 style={{ margin: 0, fontSize: '1.1rem' }}>
                <Link href={`/plans/${p.id}`}>
                  {p.times.join(', ')} · {describeWeekdays(p.weekdays)}
                </Link>{' '}
                <span className={p.status === 'active' ? 'badge badge-ok' : 'badge'}>{p.status === 'active' ? 'Active' : 'Ended'}</span>
              </h2>
              <p className="muted small" style={{ margin: 0 }}>
                {p.lengthMin} minutes in {p.preferredRoomName}, {p.siteName} · {formatDateSpan(p.startDate, p.endDate)} · {p.upcoming} upcoming{' '}
                {p.upcoming === 1 ? 'booking' : 'bookings'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
