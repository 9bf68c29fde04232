import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BookNowButton } from '@/app/_components/book-now';
import { CheckInControls } from '@/app/_components/check-in';
import { ProblemReport } from '@/app/_components/problem-report';
import { bookingsHereToday, MyBookingsHere } from '@/app/_components/my-bookings-here';
import { loadRoomContext, releaseNoShows, timelineFor } from '@/db/queries/bookings';
import { LONGEST_HOLD_MIN } from '@/lib/policy';
import { getDb } from '@/db/runtime';
import { freeNow, nextFreeStart, type NowState } from '@/lib/availability';
import { requireRole } from '@/lib/server/auth/guards';
import { checkInView } from '@/lib/check-in';
import { idParams } from '@/lib/schemas/booking';
import { addMinutes, formatTime, formatWhen } from '@/lib/time';

export const metadata: Metadata = { title: 'Room door' };

/**
 * The page a room's door QR code opens: is it free now, and her own bookings here today
 * with check-in. Nobody else's booking is named.
 */
export default async function DoorPage({ params }: { params: Promise<{ roomId: string }> }) {
  await connection();
  const user = await requireRole('employee');
  const parsed = idParams.safeParse({ id: (await params).roomId });
  if (!parsed.success) notFound();
  const db = await getDb();
  const ctx = await loadRoomContext(db, parsed.data.id);
  if (!ctx) notFound();
  const now = new Date();
  const tz = ctx.site.timeZone;
  // Whoever stands at the door sees the room as it is: a no-show past its grace no longer holds a station.
  await releaseNoShows(db, { now, roomIds: [ctx.room.id], lookBackMin: LONGEST_HOLD_MIN });
  const [timeline, here] = await Promise.all([timelineFor(db, ctx, now, addMinutes(now, 8 * 24 * 60)), bookingsHereToday(db, user.id, ctx.room.id, tz, now)]);
  const state = freeNow(timeline, now);
  const nextFree = state.free ? null : nextFreeStart(timeline, now, ctx.policy.defaultLengthMin, ctx.policy.bufferMin, ctx.policy.slotStepMin);
  const outOfService = ctx.room.status === 'out_of_service';
  // Her own booking holding a station right now: the door speaks to her about it, not about "Reserved".
  const ownNow = here.find((b) => b.status === 'booked' && b.start <= now && b.end > now);

  return (
    <div className="stack door">
      <header className="page-header">
        <h1>{ctx.room.name}</h1>
        <p>
          {ctx.site.name}
          {ctx.room.floor ? `, floor ${ctx.room.floor}` : ''}
        </p>
      </header>
      <section className="card stack" aria-labelledby="now-heading">
        <h2 id="now-heading">Right now</h2>
        {outOfService ? (
          <p className="alert alert-error">Out of service{ctx.room.outOfServiceReason ? `: ${ctx.room.outOfServiceReason}` : '.'}</p>
        ) : ownNow ? (
          <div className="stack" style={{ gap: '0.5rem' }}>
            <p style={{ margin: 0 }}>
              <span className="badge badge-ok">Yours</span> Your booking holds {ownNow.stationLabel} until {formatTime(ownNow.end, tz)}
              {state.free ? `; ${state.stations} other ${state.stations === 1 ? 'station is' : 'stations are'} free.` : '.'}
            </p>
            <CheckInControls bookingId={ownNow.id} view={checkInView(ownNow, now)} />
          </div>
        ) : state.free ? (
          <p style={{ margin: 0 }}>
            <span className="badge badge-ok">Free</span> {state.stations} of {ctx.stations.length} {ctx.stations.length === 1 ? 'station' : 'stations'} free
            {state.until ? ` until ${formatTime(state.until, tz)}` : ''}.
          </p>
        ) : (
          <p style={{ margin: 0 }}>
            <NotFreeLine state={state} timeZone={tz} now={now} />
            {nextFree && ` Next free ${formatWhen(nextFree.start, now, tz, 'at ')}.`}
          </p>
        )}
        {/* Stays mounted once she has booked, so its answer stays on screen. */}
        {!outOfService && <BookNowButton roomId={ctx.room.id} roomName={ctx.room.name} free={state.free && !here.some((b) => b.status === 'booked')} />}
      </section>
      {/* Her booking under way is above; the rest of her day here (if any) below. */}
      {(!ownNow || here.length > 1) && <MyBookingsHere here={ownNow ? here.filter((b) => b.id !== ownNow.id) : here} roomId={ctx.room.id} timeZone={tz} now={now} showCalendarLink />}
      <ProblemReport roomId={ctx.room.id} roomName={ctx.room.name} />
    </div>
  );
}

/** Why no station is free: outside the room's hours, an out-of-service window, or every station taken. */
function NotFreeLine({ state, timeZone, now }: { state: NowState; timeZone: string; now: Date }) {
  if (state.reason === 'closed') {
    return (
      <>
        <span className="badge badge-warn">Closed</span> The room is outside its opening hours.
      </>
    );
  }
  if (state.reason === 'closure' && state.closure) {
    return (
      <>
        <span className="badge badge-warn">Closed</span> Out of service{state.closure.reason ? ` (${state.closure.reason})` : ''} until {formatWhen(state.closure.end, now, timeZone)}.
      </>
    );
  }
  return (
    <>
      <span className="badge badge-warn">Reserved</span> Every station is taken right now.
    </>
  );
}
