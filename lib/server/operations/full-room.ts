import 'server-only';
import type { Db } from '@/db/client';
import { NoStationFree } from '@/db/placement';
import { recordDemandMiss, suggestAlternatives, type RoomContext, type Suggestion } from '@/db/queries/bookings';
import { Refusal } from '@/lib/errors';
import { formatLocal, formatTime } from '@/lib/time';

/** The alternatives in a sentence: "Nursing Room 2 is free at 10:30; Pod 4 is free at the time you asked." */
export function describeSuggestions(suggestions: Suggestion[], timeZone: string): string {
  const parts = suggestions.map((s) =>
    s.kind === 'time' ? `${s.roomName} is free at ${formatTime(new Date(s.start), timeZone)}` : `${s.roomName} is free at the time you asked`,
  );
  return parts.length ? `${parts.join('; ')}.` : 'No other room or nearby time is free that day.';
}

/** Every station in the room is held at that time: a conflict with the nearest alternatives. */
export async function fullRefusal(db: Db, ctx: RoomContext, start: Date, end: Date, now: Date, what: string): Promise<Refusal> {
  const suggestions = await suggestAlternatives(db, ctx, start, end, now);
  return new Refusal(`${what} ${describeSuggestions(suggestions, ctx.site.timeZone)}`, 'conflict', { suggestions });
}

/** Turns "no station was free" into the conflict with alternatives (and notes the unmet demand); any other error passes through. */
export async function explainNoStation(db: Db, err: unknown, ctx: RoomContext | undefined, start: Date, end: Date, now: Date): Promise<unknown> {
  if (!(err instanceof NoStationFree) || !ctx) return err;
  await recordDemandMiss(db, ctx, 'full', start);
  return fullRefusal(db, ctx, start, end, now, `Every station in ${ctx.room.name} is taken from ${formatLocal(start, ctx.site.timeZone)}.`);
}
