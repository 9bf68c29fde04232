'use client';

import { useActionState } from 'react';
import { checkInAction, checkOutAction } from '@/app/_actions/bookings';
import { initialActionState } from '@/lib/action-state';
import type { CheckInView } from '@/lib/check-in';

/** Check in (5 minutes before the start until the grace) and check out early, with the answer announced. */
export function CheckInControls({ bookingId, view }: { bookingId: string; view: CheckInView }) {
  const [inState, checkIn, checkingIn] = useActionState(checkInAction, initialActionState);
  const [outState, checkOut, checkingOut] = useActionState(checkOutAction, initialActionState);
  const state = outState.message ? outState : inState;
  if (view.kind === 'none' && !state.message) return null;
  return (
    <div className="stack" style={{ gap: '0.4rem' }}>
      {view.kind === 'not_yet' && <p className="muted small" style={{ margin: 0 }}>Check-in opens at {view.opensAt}.</p>}
      {view.kind === 'open' && (
        <form action={checkIn} className="inline-form">
          <input type="hidden" name="bookingId" value={bookingId} />
          <button type="submit" className="btn btn-small" disabled={checkingIn}>
            Check in
          </button>
          {view.closesAt && <span className="muted small">Check in by {view.closesAt}, or the station is given to someone else.</span>}
        </form>
      )}
      {view.kind === 'checked_in' && (
        <div className="inline-form">
          <span className="badge badge-ok">Checked in</span>
          {view.canCheckOut && (
            <form action={checkOut}>
              <input type="hidden" name="bookingId" value={bookingId} />
              <button type="submit" className="btn btn-secondary btn-small" disabled={checkingOut}>
                Check out early
              </button>
            </form>
          )}
        </div>
      )}
      <p role="status" className={state.message ? (state.ok ? 'alert alert-ok' : 'alert alert-error') : 'sr-only'}>
        {state.message}
      </p>
    </div>
  );
}
