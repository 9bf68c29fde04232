import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { planDetail, planRoomChoices } from '@/db/queries/plans';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { Refusal } from '@/lib/errors';
import { describeWeekdays, PLAN_MAX_YEARS_DAYS } from '@/lib/plans';
import { idParams } from '@/lib/schemas/booking';
import { addDays, formatDate, formatDateSpan, formatLocal, formatTime } from '@/lib/time';
import { cancelOccurrenceAction, changePlanAction, endPlanAction, removeSkipAction } from '../actions';
import { PlanForm } from '../plan-form';
import { ExtendForm, SkipForm } from './manage';

export const metadata: Metadata = { title: 'Pump plan' };

const STATE_LABEL = {
  booked: 'Booked',
  cancelled: 'Cancelled',
  released: 'Released (no check-in)',
  skipped: 'Skipped',
  no_room: 'No room',
  not_yet: 'Booked later',
  past: 'Past, not booked',
} as const;

async function load(userId: string, id: string) {
  try {
    return await planDetail(await getDb(), userId, id, new Date());
  } catch (err) {
    if (err instanceof Refusal && err.reason === 'not_found') notFound();
    throw err;
  }
}

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const user = await requireRole('employee');
  const parsed = idParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { plan, site, roomName, skips, occurrences, today } = await load(user.id, parsed.data.id);
  const tz = site.timeZone;
  const { rooms } = await planRoomChoices(await getDb(), plan.siteId);
  const active = plan.status === 'active';
  const roomsInOrder = [plan.preferredRoomId, ...plan.fallbackRoomIds].map((id) => roomName.get(id) ?? 'a removed room');

  return (
    <div className="stack">
      <p className="small">
        <Link href="/plans">← Pump plans</Link>
      </p>
      <header className="page-header">
        <h1>
          Pump plan: {plan.times.join(', ')} · {describeWeekdays(plan.weekdays)}{' '}
          <span className={active ? 'badge badge-ok' : 'badge'}>{active ? 'Active' : 'Ended'}</span>
        </h1>
        <p>
          {plan.lengthMin} minutes each, {formatDateSpan(plan.startDate, plan.endDate)} at {site.name}. Rooms in order: {roomsInOrder.join(' → ')}.
        </p>
      </header>

      <section aria-labelledby="next-heading" className="stack">
        <h2 id="next-heading">Next 14 days</h2>
        {occurrences.length === 0 ? (
          <p className="muted">No breaks in the next 14 days.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {occurrences.map((o) => (
                  <tr key={o.slot.toISOString()}>
                    <td>{formatLocal(o.slot, tz)}</td>
                    <td>
                      <span className={o.state === 'booked' ? 'badge badge-ok' : o.state === 'no_room' || o.state === 'released' ? 'badge badge-warn' : 'badge'}>
                        {STATE_LABEL[o.state]}
                      </span>
                      {o.state === 'booked' && o.start && o.end && (
                        <span className="small">
                          {' '}
                          {o.roomName}, {formatTime(o.start, tz)}–{formatTime(o.end, tz)}
                        </span>
                      )}
                      {o.state === 'no_room' && (
                        <span className="small">
                          {' '}
                          <Link href={`/rooms/${plan.preferredRoomId}?date=${o.date}`}>Find another time</Link>
                        </span>
                      )}
                    </td>
                    <td>
                      {o.state === 'booked' && o.bookingId && o.slot > new Date() && (
                        <ActionButton
                          action={cancelOccurrenceAction}
                          label="Cancel"
                          context={`the break on ${formatLocal(o.slot, tz)}`}
                          className="btn btn-danger btn-small"
                          fields={{ planId: plan.id, bookingId: o.bookingId }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted small">Every booking of the plan is also under <Link href="/bookings">My bookings</Link>, where you check in.</p>
      </section>

      {active && (
        <section aria-labelledby="skip-heading" className="card stack">
          <h2 id="skip-heading">Skip days</h2>
          <p className="muted small">Leave, a holiday, a day at home: the breaks on these days are cancelled and not booked again.</p>
          <SkipForm planId={plan.id} min={today} />
          {skips.length > 0 && (
            <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {skips.map((s) => (
                <li key={s.id} className="inline-form">
                  <span>
                    Skipping {formatDateSpan(s.fromDate, s.toDate)}
                  </span>
                  {s.toDate >= today && (
                    <ActionButton action={removeSkipAction} label="Book these days again" className="btn btn-secondary btn-small" fields={{ planId: plan.id, skipId: s.id }} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {active && (
        <section aria-labelledby="extend-heading" className="card stack" id="extend">
          <h2 id="extend-heading">Extend</h2>
          <p className="muted small">The plan ends on {formatDate(plan.endDate)}. A plan can run up to 3 years from today.</p>
          <ExtendForm planId={plan.id} endDate={addDays(plan.endDate, 1)} max={addDays(today, PLAN_MAX_YEARS_DAYS)} />
        </section>
      )}

      {active && (
        <details className="card">
          <summary>
            <h2 style={{ display: 'inline', fontSize: '1.15rem' }}>Change from a date</h2>
          </summary>
          <div className="stack" style={{ marginTop: '1rem' }}>
            <p className="muted small">New times, days, length or rooms from the date you choose. Breaks before it stay exactly as they are.</p>
            <PlanForm
              rooms={rooms.filter((r) => r.siteId === plan.siteId)}
              defaults={{ ...plan }}
              submit={changePlanAction}
              submitLabel="Save and re-plan"
              hidden={{ planId: plan.id }}
              fromDate={{ min: today, value: today }}
            />
          </div>
        </details>
      )}

      {active && (
        <section aria-labelledby="end-heading" className="card stack">
          <h2 id="end-heading">End the plan</h2>
          <p className="muted small">Cancels every upcoming break of this plan. Past ones stay in your history.</p>
          <ActionButton action={endPlanAction} label="End this plan" className="btn btn-danger" fields={{ planId: plan.id }} />
        </section>
      )}
    </div>
  );
}
