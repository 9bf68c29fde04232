'use client';

import Link from 'next/link';
import { useActionState, useId, useState } from 'react';
import { initialActionState } from '@/lib/action-state';
import { CheckInControls } from '@/app/_components/check-in';
import type { CheckInView } from '@/lib/check-in';
import { MAX_BOOKING_MIN, MIN_BOOKING_MIN } from '@/lib/policy';
import { zoneLabel } from '@/lib/time';
import { TIME_INPUT } from '@/app/_components/time-input';
import { cancelBookingAction, moveBookingAction } from '@/app/_actions/bookings';

type Props = {
  booking: { id: string; roomId: string; title: string; fullTitle?: string; where: string; date: string; start: string; length: number; timeZone: string; cancelled: boolean; released?: boolean; fromPlan?: boolean };
  checkIn?: CheckInView;
  /** Under a day's heading, the booking's own title is one level down. */
  headingLevel?: 'h3' | 'h4' | 'h5';
};

export function UpcomingBooking({ booking, checkIn, headingLevel = 'h3' }: Props) {
  const Heading = headingLevel;
  // Checked in: she is in the room. Moving or cancelling no longer fits; checking out does (below).
  const checkedIn = checkIn?.kind === 'checked_in';
  const fullTitle = booking.fullTitle ?? booking.title;
  const [moving, setMoving] = useState(false);
  const [state, move, pending] = useActionState(moveBookingAction, initialActionState);
  const [cancelState, cancel, cancelling] = useActionState(cancelBookingAction, initialActionState);
  const id = useId();
  const err = (f: string) => state.fields?.[f]?.[0];

  return (
    <li className={booking.cancelled ? 'card stack cancelled' : 'card stack'} aria-labelledby={`${id}-title`}>
      <div>
        <Heading id={`${id}-title`} style={{ margin: 0, fontSize: '1.05rem' }}>
          {booking.title} {booking.cancelled && <span className="badge badge-warn">{booking.released ? 'Released: no check-in' : 'Cancelled'}</span>}
          {booking.fromPlan && <span className="badge">Plan</span>}
        </Heading>
        <p className="muted small" style={{ margin: 0 }}>
          {booking.where}
        </p>
      </div>
      {checkIn && <CheckInControls bookingId={booking.id} view={checkIn} />}
      {!booking.cancelled && (
        <div className="inline-form">
          {!checkedIn && (
            <>
          <button type="button" className="btn btn-secondary btn-small" aria-expanded={moving} aria-controls={`${id}-move`} onClick={() => setMoving(!moving)}>
            Move
          </button>
          <form action={cancel}>
            <input type="hidden" name="bookingId" value={booking.id} />
            <button type="submit" className="btn btn-danger btn-small" disabled={cancelling}>
              Cancel booking
            </button>
          </form>
            </>
          )}
          <Link href={`/rooms/${booking.roomId}?date=${booking.date}`} className="small">
            Room calendar
          </Link>
          <a href={`/api/v1/bookings/${booking.id}/ics`} download className="small">
            Add to calendar<span className="sr-only"> ({fullTitle})</span>
          </a>
        </div>
      )}
      <p role="alert" className={cancelState.message ? (cancelState.ok ? 'alert alert-ok' : 'alert alert-error') : 'sr-only'}>
        {cancelState.message}
      </p>
      <form id={`${id}-move`} action={move} className="filters" hidden={!moving || booking.cancelled || checkedIn} aria-label={`Move booking ${fullTitle}`}>
        <input type="hidden" name="bookingId" value={booking.id} />
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} name="date" type="date" defaultValue={booking.date} aria-describedby={err('date') ? `${id}-date-err` : undefined} required />
          {err('date') && <span id={`${id}-date-err`} className="field-error">{err('date')}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>Start ({zoneLabel(booking.timeZone)})</label>
          <input id={`${id}-start`} name="start" {...TIME_INPUT} defaultValue={booking.start} aria-describedby={err('start') ? `${id}-start-err` : undefined} required />
          {err('start') && <span id={`${id}-start-err`} className="field-error">{err('start')}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-length`}>Minutes</label>
          <input id={`${id}-length`} name="length" type="number" min={MIN_BOOKING_MIN} max={MAX_BOOKING_MIN} step={5} defaultValue={booking.length} required />
        </div>
        <button type="submit" className="btn" disabled={pending}>
          Save new time
        </button>
      </form>
      <p role="status" className={state.message ? (state.ok ? 'alert alert-ok' : 'alert alert-error') : 'sr-only'}>
        {state.message}
      </p>
    </li>
  );
}
