import { and, eq, inArray, sql } from 'drizzle-orm';
import { isBusinessDay, replyDeadline } from '@/lib/business-days';
import type { RequestDetails } from '@/lib/requests';
import { addDays, localParts, weekdayOf, zonedInstant } from '@/lib/time';
import type { Db } from './client';
import { bookings, demandMisses, plans, policies, requestEvents, requests, rooms, siteHolidays, sites, stations, users } from './schema';
import { seededRandom } from '@/lib/random';

/**
 * A past for the embedded demo, so HR's reports have something to say: about six months of
 * a few dozen people at both sites, each with a stretch of weeks in which she pumps two or
 * three times a working day, mostly through a plan; check-ins, no-shows, refusals when every
 * station was taken, and schedule requests decided on time and late.
 *
 * Generated, not listed: a seeded PRNG makes the same history for the same `seed`, laid out
 * relative to `now`, and only in the past. The embedded default loads it once, after the
 * demo's own people (the database tests and journeys keep the small seed alone).
 */
export type HistoryOptions = { now: Date; seed?: number; days?: number };

export type HistorySummary = { people: number; bookings: number; noShows: number; refusals: number; plans: number; requests: number };


const FIRST = ['Ana', 'Bea', 'Carla', 'Dalia', 'Eva', 'Fatima', 'Grace', 'Hana', 'Ines', 'Julia', 'Kira', 'Lena', 'Maya', 'Nadia', 'Olga', 'Priya', 'Rosa', 'Sofia', 'Tara', 'Uma', 'Vera', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Adams', 'Baptiste', 'Costa', 'Duarte', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jansen', 'Kowalski', 'Larsen', 'Mensah', 'Nowak', 'Olsen', 'Pereira', 'Quinn', 'Rossi', 'Sato', 'Tanaka'];

const DENIALS = [
  'The client desk needs cover on that day; we can look again next quarter.',
  'We cannot shift the shift start that far; 08:00 is possible, and the breaks stay protected.',
  'That pattern would leave the ward without cover at handover; please pick a window after 10:00.',
];

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

type Stay = { stationId: string; roomId: string; start: number; blockEnd: number };

/** Loads the history. Expects the demo seed (sites, rooms, the six demo people) to be there. */
export async function seedHistory(db: Db, options: HistoryOptions): Promise<HistorySummary> {
  const rand = seededRandom(options.seed ?? 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const days = options.days ?? 182;
  const now = options.now;

  const siteRows = await db.select().from(sites).orderBy(sites.name);
  const policyRows = await db.select().from(policies);
  const roomRows = await db.select().from(rooms).where(eq(rooms.status, 'active'));
  const stationRows = await db.select().from(stations).where(and(inArray(stations.roomId, roomRows.map((r) => r.id)), eq(stations.active, true)));
  const holidayRows = await db.select().from(siteHolidays);
  const [hr] = await db.select().from(users).where(eq(users.role, 'hr')).limit(1);

  // People: about three dozen, two in three at the larger site.
  const names = new Set<string>();
  const people: { email: string; name: string; siteId: string }[] = [];
  const bySize = [...siteRows].sort((a, b) => stationRows.filter((s) => roomRows.find((r) => r.id === s.roomId)?.siteId === b.id).length - stationRows.filter((s) => roomRows.find((r) => r.id === s.roomId)?.siteId === a.id).length);
  while (people.length < 36) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const name = `${first} ${last}`;
    if (names.has(name)) continue;
    names.add(name);
    const site = people.length % 3 === 2 ? bySize[1] ?? bySize[0]! : bySize[0]!;
    people.push({ email: `${first}.${last}@example.com`.toLowerCase(), name, siteId: site.id });
  }
  const inserted = await db.insert(users).values(people.map((p) => ({ ...p, role: 'employee' as const }))).returning({ id: users.id, siteId: users.siteId });

  const taken = new Map<string, Stay[]>(); // station id → what holds it
  const free = (stationId: string, start: number, blockEnd: number) => !(taken.get(stationId) ?? []).some((s) => s.start < blockEnd && start < s.blockEnd);
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const missRows: (typeof demandMisses.$inferInsert)[] = [];
  const planRows: (typeof plans.$inferInsert & { id: string })[] = [];
  const requestRows: (typeof requests.$inferInsert & { id: string })[] = [];
  const eventRows: (typeof requestEvents.$inferInsert)[] = [];
  const today = localParts(now, 'UTC').date;
  // Ids from the same generator, so a second run with the same seed makes the very same rows.
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
    h[12] = '4';
    h[16] = '89ab'[Math.floor(rand() * 4)]!;
    const x = h.join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };

  for (const person of inserted) {
    const site = siteRows.find((s) => s.id === person.siteId)!;
    const policy = policyRows.find((p) => p.siteId === site.id)!;
    const tz = site.timeZone;
    const holidays = new Set(holidayRows.filter((h) => h.siteId === site.id).map((h) => h.date));
    const siteRooms = roomRows.filter((r) => r.siteId === site.id);
    // Rooms with more stations draw more people; the rest are her fallbacks, in a fixed order.
    const weighted = siteRooms.flatMap((r) => stationRows.filter((s) => s.roomId === r.id).map(() => r));
    const preferred = pick(weighted);
    const order = [preferred, ...siteRooms.filter((r) => r.id !== preferred.id)];
    // Her stretch: 6 to 20 weeks back from work, starting somewhere in the last six months (some still going).
    const weeks = 6 + Math.floor(rand() * 15);
    const startOffset = Math.floor(rand() * days);
    const firstDay = addDays(today, -startOffset);
    const lastDay = addDays(firstDay, weeks * 7);
    const breaks = rand() < 0.6 ? 2 : 3;
    const base = breaks === 2 ? ['10:00', '14:00'] : ['09:30', '12:30', '15:30'];
    const shift = pick([-30, -15, 0, 0, 15, 30]);
    const times = base.map((t) => clock(minutesOf(t) + shift));
    const length = pick([20, 25, 30, 30, 30]);
    const planned = rand() < 0.7;
    const noShowRate = 0.02 + rand() * 0.1;
    const planId = planned ? uuid() : null;
    if (planId) {
      planRows.push({
        id: planId,
        userId: person.id!,
        siteId: site.id,
        times,
        weekdays: [1, 2, 3, 4, 5],
        lengthMin: length,
        preferredRoomId: preferred.id,
        fallbackRoomIds: order.slice(1).map((r) => r.id),
        startDate: firstDay,
        endDate: lastDay,
        status: lastDay < today ? 'ended' : 'active',
        bookedThrough: lastDay < today ? lastDay : addDays(today, -1),
      });
    }

    for (let d = firstDay; d <= lastDay && d < today; d = addDays(d, 1)) {
      const wd = weekdayOf(d);
      if (wd === 0 || wd === 6 || holidays.has(d)) continue;
      // A day off now and then, and without a plan a break is sometimes not booked at all.
      if (rand() < 0.06) continue;
      const noon = zonedInstant(d, '12:00', tz).getTime();
      for (const t of times) {
        if (!planned && rand() < 0.2) continue;
        const jitter = planned ? 0 : pick([-15, 0, 0, 15]);
        const minutes = Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) + jitter;
        const start = noon + (minutes - 720) * 60_000;
        const end = start + length * 60_000;
        const blockEnd = end + policy.bufferMin * 60_000;
        if (end > now.getTime()) continue;
        let placed: { roomId: string; stationId: string } | null = null;
        for (const room of planned ? order : [preferred]) {
          const st = stationRows.filter((s) => s.roomId === room.id).find((s) => free(s.id, start, blockEnd));
          if (st) {
            placed = { roomId: room.id, stationId: st.id };
            break;
          }
          // Every station taken: the room refused her (who asked is never kept).
          missRows.push({ roomId: room.id, siteId: site.id, kind: 'full', wantedAt: new Date(start) });
        }
        if (!placed) continue;
        const noShow = rand() < noShowRate;
        const slot = new Date(noon + (Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) - 720) * 60_000);
        if (!noShow) {
          const list = taken.get(placed.stationId) ?? [];
          list.push({ ...placed, start, blockEnd });
          taken.set(placed.stationId, list);
        }
        const released = new Date(start + policy.checkInGraceMin * 60_000);
        bookingRows.push({
          roomId: placed.roomId,
          stationId: placed.stationId,
          userId: person.id,
          startAt: new Date(start),
          endAt: new Date(end),
          blockEnd: new Date(blockEnd),
          status: noShow ? 'cancelled' : 'booked',
          cancelledAt: noShow ? released : null,
          cancelReason: noShow ? 'no_show' : null,
          releasedAt: noShow ? released : null,
          checkedInAt: noShow ? null : new Date(start + Math.floor(rand() * 6) * 60_000),
          planId,
          planSlot: planId ? slot : null,
          createdAt: new Date(start - 86_400_000),
        });
      }
    }

    // Most ask HR for something along the way: answered on time, now and then late, a few refused.
    if (rand() < 0.8) {
      const submitted = new Date(zonedInstant(addDays(firstDay, -Math.floor(rand() * 10) - 3), '11:00', tz).getTime());
      if (submitted.getTime() < now.getTime() - 12 * 86_400_000) {
        const holidayList = [...holidays];
        const deadline = replyDeadline(submitted, { businessDays: policy.replyDeadlineBusinessDays, holidays: holidayList, timeZone: tz });
        let answerDay = localParts(submitted, tz).date;
        const late = rand() < 0.15;
        const within = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < (late ? 9 : within); ) {
          answerDay = addDays(answerDay, 1);
          if (isBusinessDay(answerDay, holidayList)) k++;
        }
        const decidedAt = zonedInstant(answerDay, '15:00', tz);
        const denied = rand() < 0.2;
        const details: RequestDetails = pick<RequestDetails>([
          { type: 'break_pattern', breaks, lengthMin: length, windows: times.slice(0, 2).map((x) => ({ start: x, end: clock(minutesOf(x) + 45) })) },
          { type: 'shifted_hours', start: '07:30', end: '15:30' },
          { type: 'remote_days', days: [pick([1, 3, 5])] },
        ]);
        const id = uuid();
        requestRows.push({
          id,
          userId: person.id!,
          siteId: site.id,
          type: details.type,
          details,
          fromDate: firstDay,
          untilDate: lastDay,
          status: denied ? 'denied' : 'approved',
          submittedAt: submitted,
          deadlineAt: deadline.at,
          decidedAt,
          decidedBy: hr?.id ?? null,
          decision: denied ? pick(DENIALS) : null,
          version: 2,
          createdAt: submitted,
        });
        eventRows.push(
          { requestId: id, actorId: person.id, kind: 'created', at: submitted },
          { requestId: id, actorId: person.id, kind: 'submitted', at: submitted },
          { requestId: id, actorId: hr?.id ?? null, kind: denied ? 'denied' : 'approved', at: decidedAt, message: denied ? (requestRows.at(-1)!.decision ?? null) : null },
        );
      }
    }
  }

  // Multi-row inserts, in chunks that keep each statement's parameters well under the limit.
  const chunks = <T>(rows: T[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  // The people's plans, requests and the refusals at once; then the bookings in small steps, each its
  // own statement with a pause between, so pages asked for meanwhile are answered without waiting for all of it.
  await db.transaction(async (t) => {
    if (planRows.length) await t.insert(plans).values(planRows);
    for (const part of chunks(missRows, 2000)) await t.insert(demandMisses).values(part);
    if (requestRows.length) await t.insert(requests).values(requestRows);
    if (eventRows.length) await t.insert(requestEvents).values(eventRows);
  });
  // Bookings go in as one JSON document per chunk: far less for the database to parse than thousands of parameters.
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  for (const part of chunks(bookingRows, 250)) {
    await new Promise((resolve) => setImmediate(resolve));
    const doc = JSON.stringify(
      part.map((b) => ({
        room_id: b.roomId,
        station_id: b.stationId,
        user_id: b.userId,
        start_at: iso(b.startAt as Date),
        end_at: iso(b.endAt as Date),
        block_end: iso(b.blockEnd as Date),
        status: b.status,
        cancelled_at: iso(b.cancelledAt as Date | null),
        cancel_reason: b.cancelReason ?? null,
        released_at: iso(b.releasedAt as Date | null),
        checked_in_at: iso(b.checkedInAt as Date | null),
        plan_id: b.planId ?? null,
        plan_slot: iso(b.planSlot as Date | null),
        created_at: iso(b.createdAt as Date),
      })),
    );
    await db.execute(sql`insert into bookings (room_id, station_id, user_id, start_at, end_at, block_end, status, cancelled_at, cancel_reason, released_at, checked_in_at, plan_id, plan_slot, created_at, updated_at)
      select room_id, station_id, user_id, start_at, end_at, block_end, status::booking_status, cancelled_at, cancel_reason, released_at, checked_in_at, plan_id, plan_slot, created_at, created_at
      from json_to_recordset(${doc}::json) as x(room_id uuid, station_id uuid, user_id uuid, start_at timestamptz, end_at timestamptz, block_end timestamptz, status text,
        cancelled_at timestamptz, cancel_reason text, released_at timestamptz, checked_in_at timestamptz, plan_id uuid, plan_slot timestamptz, created_at timestamptz)`);
  }

  return {
    people: inserted.length,
    bookings: bookingRows.length,
    noShows: bookingRows.filter((b) => b.cancelReason === 'no_show').length,
    refusals: missRows.length,
    plans: planRows.length,
    requests: requestRows.length,
  };
}
