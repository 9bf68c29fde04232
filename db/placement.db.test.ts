import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { Refusal } from '@/lib/errors';
import { describeDb } from '@/tests/db';
import { rowsOf } from './client';
import { ALREADY_BOOKED, CONSTRAINT_MEANS, NoStationFree, placementError, placing, StationTaken } from './placement';

describeDb('the one placement', (handle) => {
  it('names in its table only constraints and indexes the bookings table has', async () => {
    const rows = rowsOf<{ name: string }>(
      await handle().db.execute(sql`
        select conname as name from pg_constraint where conrelid = 'bookings'::regclass
        union select indexname from pg_indexes where tablename = 'bookings'`),
    );
    const names = new Set(rows.map((r) => r.name));
    for (const name of Object.keys(CONSTRAINT_MEANS)) expect(names, name).toContain(name);
    // Both EXCLUDE constraints are in the table: a station taken, and her own overlap.
    expect(CONSTRAINT_MEANS).toMatchObject({ bookings_station_no_overlap: 'taken', bookings_person_no_overlap: 'already_booked' });
  });

  it('reads each refusal of the database through the table', () => {
    const pg = (code: string, constraint?: string) => Object.assign(new Error('refused'), { code, constraint });
    expect(placementError(pg('23P01', 'bookings_station_no_overlap'))).toBeInstanceOf(StationTaken);
    expect(placementError(pg('23505', 'bookings_plan_slot_key'))).toBeInstanceOf(StationTaken);
    expect(placementError(pg('40P01'))).toBeInstanceOf(StationTaken);
    const own = placementError({ cause: pg('23P01', 'bookings_person_no_overlap') });
    expect(own).toBeInstanceOf(Refusal);
    expect(own).toMatchObject({ reason: 'conflict', message: ALREADY_BOOKED });
    const other = pg('23505', 'users_email_key');
    expect(placementError(other)).toBe(other);
  });

  it('runs a placement again from the start when its station was taken, and answers no station after the last try', async () => {
    let runs = 0;
    const answer = await placing(handle().db, async () => {
      runs++;
      if (runs < 2) throw Object.assign(new Error('taken'), { code: '23P01', constraint: 'bookings_station_no_overlap' });
      return 'placed';
    });
    expect({ answer, runs }).toEqual({ answer: 'placed', runs: 2 });
    runs = 0;
    await expect(
      placing(handle().db, async () => {
        runs++;
        throw new StationTaken();
      }),
    ).rejects.toBeInstanceOf(NoStationFree);
    expect(runs).toBe(3);
    // A refusal is the answer, never a reason to run again.
    runs = 0;
    await expect(
      placing(handle().db, async () => {
        runs++;
        throw new Refusal('No.', 'invalid');
      }),
    ).rejects.toMatchObject({ message: 'No.' });
    expect(runs).toBe(1);
  });
});
