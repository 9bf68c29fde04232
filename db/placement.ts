import { eq, sql } from 'drizzle-orm';
import { Refusal } from '@/lib/errors';
import type { Db } from './client';
import { DEADLOCK, pgError } from './errors';
import { holdRoomsForPlacement } from './locks';
import { bookings, type Booking } from './schema';

/**
 * The one way a booking lands on a station, for single bookings, moves, Book now, plans and
 * an admin's re-homing alike:
 *
 * 1. `placing(db, run)` runs the whole placement in a transaction and runs it again, from
 *    fresh reads, when a constraint says the station was taken after all or PostgreSQL chose
 *    it to yield in a deadlock.
 * 2. `holdForPlacement` takes the locks in the one order every placement uses: the person,
 *    then each room and its site shared, then each room's turn, rooms by id.
 * 3. The caller reads what is held, chooses stations by the pure rules in lib/, and writes
 *    them with `place`, which reads any refusal of the database through `CONSTRAINT_MEANS`.
 */

/** A constraint refused the station chosen: somebody got there first. The placement runs again. */
export class StationTaken extends Error {
  constructor() {
    super('The station was taken just now.');
    this.name = 'StationTaken';
  }
}

/** Every station of the room is held over the time asked. */
export class NoStationFree extends Error {
  constructor() {
    super('No station is free then.');
    this.name = 'NoStationFree';
  }
}

export const ALREADY_BOOKED = 'You already have a booking at that time.';

/** What each constraint on bookings means when it refuses a placement: the one table of them. */
export const CONSTRAINT_MEANS: Record<string, 'taken' | 'already_booked'> = {
  bookings_station_no_overlap: 'taken',
  bookings_plan_slot_key: 'taken',
  bookings_person_no_overlap: 'already_booked',
};

/** A database error from a placement in the words of the placement; anything else as it was. */
export function placementError(err: unknown): unknown {
  const { code, constraint } = pgError(err);
  if (code === DEADLOCK) return new StationTaken();
  const means = constraint ? CONSTRAINT_MEANS[constraint] : undefined;
  if (means === 'taken') return new StationTaken();
  if (means === 'already_booked') return new Refusal(ALREADY_BOOKED, 'conflict');
  return err;
}

/**
 * Runs `run` in a transaction, again from the start (up to `tries` runs in all) when a station
 * it chose was taken by a writer that got there first, or it yielded in a deadlock. After the
 * last try it answers NoStationFree. Refusals and other errors pass through.
 */
export async function placing<T>(db: Db, run: (tx: Db) => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => run(tx as unknown as Db));
    } catch (err) {
      const e = placementError(err);
      if (!(e instanceof StationTaken)) throw e;
      if (attempt >= tries) throw new NoStationFree();
    }
  }
}

/**
 * The locks of a placement, in the one order all take them. `person` is whose bookings may
 * overlap (null when the times do not change, as when an admin re-homes a booking).
 */
export async function holdForPlacement(tx: Db, input: { person: string | null; rooms: string[] }): Promise<void> {
  await holdRoomsForPlacement(tx, input.person, [...new Set(input.rooms)].sort());
}

type Times = { stationId: string; roomId?: string; startAt?: Date; endAt?: Date; blockEnd: Date };

export type Placement =
  | { kind: 'new'; rows: (typeof bookings.$inferInsert)[] }
  | { kind: 'move'; bookingId: string; to: Times };

/**
 * Writes the chosen stations: new bookings in one INSERT, or one booking moved (its sequence
 * raised, for calendars). A constraint's refusal comes back as StationTaken or a Refusal.
 */
export async function place(tx: Db, placement: Placement): Promise<Booking[]> {
  try {
    if (placement.kind === 'new') return placement.rows.length ? await tx.insert(bookings).values(placement.rows).returning() : [];
    return await tx
      .update(bookings)
      .set({ ...placement.to, sequence: sql`${bookings.sequence} + 1`, updatedAt: sql`now()` })
      .where(eq(bookings.id, placement.bookingId))
      .returning();
  } catch (err) {
    throw placementError(err);
  }
}
