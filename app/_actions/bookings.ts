'use server';

import { z } from 'zod';
import { loadRoomContext } from '@/db/queries/bookings';
import { defineAction, type Stale } from '@/lib/server/auth/action';
import { createBooking } from '@/lib/server/operations/book';
import { bookNow } from '@/lib/server/operations/book-now';
import { cancelBooking } from '@/lib/server/operations/cancel';
import { checkIn, checkOut } from '@/lib/server/operations/check-in';
import { moveBooking, moveOwnBookingTo } from '@/lib/server/operations/move';
import { bookingTimes, lengthMinutes, localTime, newBookingSchema } from '@/lib/schemas/booking';
import { formatLocal, formatTime } from '@/lib/time';
import { calendarDate, id } from '@/lib/schemas/inputs';

/*
 * Every booking write from Nook's own pages goes through these server actions; the JSON API
 * under /api/v1 is for integrations. Each calls one operation in lib/server/operations.
 */

const booking = { rateLimit: 'booking' } as const;
/** What a booking change makes stale: her bookings, home, and the room's pages. */
const bookingPages = (roomId?: string): Stale[] => ['/', '/bookings', ...(roomId ? [`/r/${roomId}`, `/rooms/${roomId}`] : [])];
const roomOf = (state: { data?: unknown }) => (state.data as { roomId?: string } | undefined)?.roomId;
const times = (b: { roomId: string; startAt: Date; endAt: Date }) => ({ id: '', roomId: b.roomId, start: b.startAt.toISOString(), end: b.endAt.toISOString() });

/** Books the first free station in the room at the instants asked (the room page). */
export const bookAction = defineAction(
  'employee',
  newBookingSchema,
  async ({ roomId, start, end }, { user, db }) => {
    const b = await createBooking(db, { userId: user.id, roomId, start, end, now: new Date() });
    return { ok: true, status: 201, message: 'Booked.', data: { ...times(b), id: b.id } };
  },
  { ...booking, revalidate: (input) => bookingPages(input.roomId) },
);

/** Moves her booking to other instants in its room (the room page's calendar). */
export const rescheduleBookingAction = defineAction(
  'employee',
  bookingTimes.extend({ bookingId: id('Choose a booking.') }),
  async ({ bookingId, start, end }, { user, db }) => {
    const b = await moveBooking(db, { actor: user, bookingId, start, end, now: new Date() });
    return { ok: true, status: 200, message: 'Moved.', data: { ...times(b), id: b.id } };
  },
  { ...booking, revalidate: (_, state) => bookingPages(roomOf(state)) },
);

const roomOnly = z.object({ roomId: id('Choose a room.') });

/** "Book now": the first free station in the room from this minute, for the default length. */
export const bookNowAction = defineAction(
  'employee',
  roomOnly,
  async ({ roomId }, { user, db }) => {
    const b = await bookNow(db, { userId: user.id, roomId, now: new Date() });
    const ctx = await loadRoomContext(db, roomId);
    return { ok: true, status: 201, message: `Booked ${ctx?.room.name ?? ''} until ${formatTime(b.endAt, ctx?.site.timeZone ?? 'UTC')}.` };
  },
  { ...booking, revalidate: (input) => bookingPages(input.roomId) },
);

const idSchema = z.object({ bookingId: id('Choose a booking.') });

export const cancelBookingAction = defineAction(
  'employee',
  idSchema,
  async ({ bookingId }, { user, db }) => {
    const b = await cancelBooking(db, { actor: user, bookingId, now: new Date() });
    return { ok: true, status: 200, message: 'Booking cancelled. The station is free for others now.', data: { roomId: b.roomId } };
  },
  { ...booking, revalidate: (_, state) => bookingPages(roomOf(state)) },
);

const moveSchema = z.object({
  bookingId: id('Choose a booking.'),
  date: calendarDate,
  start: localTime,
  length: lengthMinutes,
});

/** Moves her own booking to a local date and time in the room's site zone (My bookings). */
export const moveBookingAction = defineAction(
  'employee',
  moveSchema,
  async (input, { user, db }) => {
    const { moved, timeZone } = await moveOwnBookingTo(db, { actor: user, bookingId: input.bookingId, date: input.date, time: input.start, lengthMin: input.length, now: new Date() });
    return { ok: true, status: 200, message: `Moved to ${formatLocal(moved.startAt, timeZone)}.`, data: { roomId: moved.roomId } };
  },
  { ...booking, revalidate: (_, state) => bookingPages(roomOf(state)) },
);

/** Checks her in (from 5 minutes before the start until the site's grace after it). */
export const checkInAction = defineAction(
  'employee',
  idSchema,
  async ({ bookingId }, { user, db }) => {
    const b = await checkIn(db, { userId: user.id, bookingId, now: new Date() });
    return { ok: true, status: 200, message: 'Checked in. Your station is held until the end of your booking.', data: { roomId: b.roomId } };
  },
  { ...booking, revalidate: (_, state) => bookingPages(roomOf(state)) },
);

/** Checking out early gives the rest of the slot back. */
export const checkOutAction = defineAction(
  'employee',
  idSchema,
  async ({ bookingId }, { user, db }) => {
    const b = await checkOut(db, { userId: user.id, bookingId, now: new Date() });
    return { ok: true, status: 200, message: 'Checked out. The rest of your slot is free for others.', data: { roomId: b.roomId } };
  },
  { ...booking, revalidate: (_, state) => bookingPages(roomOf(state)) },
);
