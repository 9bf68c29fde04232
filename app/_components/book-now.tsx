'use client';

import { useActionState } from 'react';
import { bookNowAction } from '@/app/_actions/bookings';
import { initialActionState } from '@/lib/action-state';

/** One click books the first free station now. Stays mounted when the room fills, so its answer stays on screen. */
export function BookNowButton({ roomId, roomName, free }: { roomId: string; roomName: string; free: boolean }) {
  const [state, action, pending] = useActionState(bookNowAction, initialActionState);
  return (
    <form action={action} className="stack" style={{ marginTop: '0.75rem' }}>
      <input type="hidden" name="roomId" value={roomId} />
      {free && (
        <button type="submit" className="btn" disabled={pending} aria-label={`Book now in ${roomName}`}>
          {pending ? 'Booking…' : 'Book now'}
        </button>
      )}
      <p role="status" className={state.ok ? 'alert alert-ok' : state.message ? 'alert alert-error' : 'sr-only'}>
        {state.message}
      </p>
    </form>
  );
}
