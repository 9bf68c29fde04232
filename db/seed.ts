import { sql } from 'drizzle-orm';
import type { Amenity } from '@/lib/amenities';
import { ROUND_THE_CLOCK, weekdayHours } from '@/lib/opening-hours';
import type { Role } from '@/lib/roles';
import type { Db } from './client';
import { replyDeadline } from '@/lib/business-days';
import { policies, requestEvents, requests, rooms, siteHolidays, sites, stations, users } from './schema';

type RoomSeed = {
  name: string;
  floor: string;
  directions: string;
  stations: number;
  amenities: Amenity[];
  outOfService?: string;
  openingHours?: ReturnType<typeof weekdayHours>;
};

/** The demo sites' opening hours (rooms without hours of their own follow them). */
export const DEMO_SITE_HOURS = { ny: weekdayHours('07:00', '20:00'), ldn: weekdayHours('07:30', '19:00') };

const HUDSON_YARDS_ROOMS: RoomSeed[] = [
  {
    name: 'Wellness Room 3',
    floor: '12',
    directions: 'Past the east lifts, second door on the left after the kitchen.',
    stations: 3,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_in_room', 'fridge_in_room', 'pump_provided', 'step_free'],
  },
  {
    name: 'Quiet Room 12B',
    floor: '12',
    directions: 'West wing, opposite meeting room 12.14. Open around the clock for night shifts.',
    stations: 1,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_nearby', 'fridge_nearby', 'step_free'],
    openingHours: ROUND_THE_CLOCK,
  },
  {
    name: "Parents' Room 7",
    floor: '7',
    directions: 'Next to the library; badge access.',
    stations: 2,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_nearby', 'fridge_in_room'],
  },
  {
    name: 'Room 21A',
    floor: '21',
    directions: 'North corridor, beside the wellness centre.',
    stations: 1,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_in_room', 'step_free'],
    outOfService: 'The door lock is being replaced.',
  },
];

const KINGS_CROSS_ROOMS: RoomSeed[] = [
  {
    name: 'Nursing Room 2',
    floor: '2',
    directions: 'Behind reception, first door after the lockers.',
    stations: 2,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_in_room', 'fridge_nearby', 'step_free'],
  },
  {
    name: 'Calm Room 5',
    floor: '5',
    directions: 'South staircase, door with the green sign.',
    stations: 1,
    amenities: ['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_nearby', 'fridge_nearby'],
    openingHours: weekdayHours('08:00', '18:00'),
  },
];

export const DEMO_PEOPLE: { email: string; name: string; role: Role; site: 'ny' | 'ldn' }[] = [
  { email: 'amara@example.com', name: 'Amara Okafor', role: 'employee', site: 'ny' },
  { email: 'beth@example.com', name: 'Beth Lindqvist', role: 'employee', site: 'ny' },
  { email: 'chen@example.com', name: 'Chen Wei', role: 'employee', site: 'ldn' },
  { email: 'dana@example.com', name: 'Dana Morales', role: 'employee', site: 'ny' },
  { email: 'hr@example.com', name: 'Helen Reyes', role: 'hr', site: 'ny' },
  { email: 'admin@example.com', name: 'Sam Patel', role: 'admin', site: 'ny' },
];

/** Loads the demo sites, rooms, stations and people into an empty database. */
export async function seedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const [ny, ldn] = await tx
      .insert(sites)
      .values([
        {
          name: 'Hudson Yards',
          address: '500 West 33rd Street, New York, NY 10001',
          timeZone: 'America/New_York',
          openingHours: DEMO_SITE_HOURS.ny,
        },
        {
          name: "King's Cross",
          address: '1 Pancras Square, London N1C 4AG',
          timeZone: 'Europe/London',
          openingHours: DEMO_SITE_HOURS.ldn,
        },
      ])
      .returning();
    if (!ny || !ldn) throw new Error('Seeding sites failed');
    await tx.insert(policies).values([{ siteId: ny.id }, { siteId: ldn.id }]);

    for (const [site, list] of [
      [ny, HUDSON_YARDS_ROOMS],
      [ldn, KINGS_CROSS_ROOMS],
    ] as const) {
      for (const r of list) {
        const [room] = await tx
          .insert(rooms)
          .values({
            siteId: site.id,
            name: r.name,
            floor: r.floor,
            directions: r.directions,
            amenities: r.amenities,
            openingHours: r.openingHours ?? null,
            status: r.outOfService ? 'out_of_service' : 'active',
            outOfServiceReason: r.outOfService ?? null,
          })
          .returning();
        if (!room) throw new Error('Seeding rooms failed');
        await tx.insert(stations).values(
          Array.from({ length: r.stations }, (_, i) => ({ roomId: room.id, position: i + 1, label: `Station ${i + 1}` })),
        );
      }
    }

    const people = await tx
      .insert(users)
      .values(DEMO_PEOPLE.map((p) => ({ email: p.email, name: p.name, role: p.role, siteId: p.site === 'ny' ? ny.id : ldn.id })))
      .returning();
    const person = (email: string) => people.find((p) => p.email === email)!;

    const holidays = { ny: ['2026-11-26', '2026-12-25', '2027-01-01'], ldn: ['2026-12-25', '2026-12-28', '2027-01-01'] };
    await tx.insert(siteHolidays).values([
      { siteId: ny.id, date: '2026-11-26', name: 'Thanksgiving' },
      { siteId: ny.id, date: '2026-12-25', name: 'Christmas Day' },
      { siteId: ny.id, date: '2027-01-01', name: "New Year's Day" },
      { siteId: ldn.id, date: '2026-12-25', name: 'Christmas Day' },
      { siteId: ldn.id, date: '2026-12-28', name: 'Boxing Day (substitute)' },
      { siteId: ldn.id, date: '2027-01-01', name: "New Year's Day" },
    ]);

    // Requests so HR's queue is not empty: Dana's waits for an answer, Beth's is past its deadline, Chen's was approved.
    const now = Date.now();
    const day = 86_400_000;
    const dana = person('dana@example.com');
    const chen = person('chen@example.com');
    const hr = person('hr@example.com');
    const danaSubmitted = new Date(now - day);
    const beth = person('beth@example.com');
    const bethSubmitted = new Date(now - 12 * day);
    const chenSubmitted = new Date(now - 20 * day);
    const chenDecided = new Date(now - 17 * day);
    const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
    const [waiting, decided, late] = await tx
      .insert(requests)
      .values([
        {
          userId: dana.id,
          siteId: ny.id,
          type: 'break_pattern',
          details: { type: 'break_pattern', breaks: 3, lengthMin: 25, windows: [{ start: '10:00', end: '10:45' }, { start: '13:30', end: '14:15' }] },
          fromDate: isoDate(now + 7 * day),
          untilDate: isoDate(now + 200 * day),
          note: 'Back from leave next week.',
          status: 'submitted',
          submittedAt: danaSubmitted,
          deadlineAt: replyDeadline(danaSubmitted, { businessDays: 5, holidays: holidays.ny, timeZone: 'America/New_York' }).at,
          version: 1,
        },
        {
          userId: chen.id,
          siteId: ldn.id,
          type: 'remote_days',
          details: { type: 'remote_days', days: [5] },
          fromDate: isoDate(now - 14 * day),
          untilDate: null,
          status: 'approved',
          submittedAt: chenSubmitted,
          deadlineAt: replyDeadline(chenSubmitted, { businessDays: 5, holidays: holidays.ldn, timeZone: 'Europe/London' }).at,
          decidedAt: chenDecided,
          decidedBy: hr.id,
          decision: 'Approved: Fridays from home. Tell us if you need more.',
          version: 2,
        },
        {
          userId: beth.id,
          siteId: ny.id,
          type: 'shifted_hours',
          details: { type: 'shifted_hours', start: '07:00', end: '15:00' },
          fromDate: isoDate(now + 3 * day),
          untilDate: isoDate(now + 120 * day),
          status: 'submitted',
          submittedAt: bethSubmitted,
          deadlineAt: replyDeadline(bethSubmitted, { businessDays: 5, holidays: holidays.ny, timeZone: 'America/New_York' }).at,
          version: 1,
        },
      ])
      .returning();
    await tx.insert(requestEvents).values([
      { requestId: waiting!.id, actorId: dana.id, kind: 'created', at: danaSubmitted },
      { requestId: waiting!.id, actorId: dana.id, kind: 'submitted', at: danaSubmitted },
      { requestId: late!.id, actorId: beth.id, kind: 'created', at: bethSubmitted },
      { requestId: late!.id, actorId: beth.id, kind: 'submitted', at: bethSubmitted },
      { requestId: decided!.id, actorId: chen.id, kind: 'created', at: chenSubmitted },
      { requestId: decided!.id, actorId: chen.id, kind: 'submitted', at: chenSubmitted },
      { requestId: decided!.id, actorId: hr.id, kind: 'approved', at: chenDecided, message: 'Approved: Fridays from home. Tell us if you need more.' },
    ]);
  });
}

/** Removes every row Nook keeps, for `db:seed --force`. */
export async function wipe(db: Db): Promise<void> {
  await db.execute(sql`truncate table mail_outbox, request_notes, request_events, requests, site_holidays, notifications, bookings, room_closures, audit_log, stations, rooms, users, policies, sites restart identity cascade`);
}
