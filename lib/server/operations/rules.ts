import 'server-only';
import type { Db } from '@/db/client';
import { closuresInRoom, ownLiveBookings, siteInfo, type RoomContext } from '@/db/queries/bookings';
import { checkBooking, type Window } from '@/lib/booking-rules';
import { Refusal } from '@/lib/errors';

type Asked = { start: Date; end: Date; now: Date };

/** Every policy rule (lib/booking-rules), against the room's windows and her other live bookings; throws the first broken. */
export function enforceRules(ctx: RoomContext, b: Asked, closures: Window[], ownBookings: Window[]): void {
  const rule = checkBooking({ start: b.start, end: b.end, now: b.now, site: siteInfo(ctx.site), room: ctx.room, policy: ctx.policy, closures, ownBookings });
  if (!rule.ok) throw new Refusal(rule.message, 'invalid', { rule: rule.rule });
}

/** Reads the room's windows and her other bookings, then enforces the rules. */
export async function readAndEnforceRules(tx: Db, ctx: RoomContext, b: Asked & { userId: string | null; exceptId?: string }): Promise<void> {
  const [closures, own] = await Promise.all([
    closuresInRoom(tx, ctx.room.id, b.start, b.end),
    b.userId ? ownLiveBookings(tx, b.userId, b.start, b.end, b.exceptId) : [],
  ]);
  enforceRules(ctx, b, closures, own);
}
