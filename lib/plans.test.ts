import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './booking-rules';
import { weekdayHours } from './opening-hours';
import { bookableThrough, describeWeekdays, expandOccurrences, planDraftFromRequest, planOccurrences, summarise, type CandidateRoom, type PlanPattern } from './plans';
import { localParts, zonedInstant } from './time';

const NY = 'America/New_York';
const LDN = 'Europe/London';
const WEEKDAYS = [1, 2, 3, 4, 5];

const pattern = (p: Partial<PlanPattern> = {}): PlanPattern => ({
  times: ['09:30', '12:30', '15:30'],
  weekdays: WEEKDAYS,
  lengthMin: 30,
  startDate: '2026-03-02',
  endDate: '2026-03-13',
  skips: [],
  ...p,
});

const room = (id: string, stations: number, busy: CandidateRoom['timeline']['busy'] = [], tz = NY): CandidateRoom => ({
  roomId: id,
  roomName: `Room ${id}`,
  site: { name: 'Site', timeZone: tz, openingHours: weekdayHours('07:00', '20:00') },
  room: { name: `Room ${id}`, status: 'active', outOfServiceReason: null, openingHours: null },
  policy: DEFAULT_POLICY,
  timeline: {
    timeZone: tz,
    hours: weekdayHours('07:00', '20:00'),
    stations: Array.from({ length: stations }, (_, i) => ({ id: `${id}-s${i + 1}`, position: i + 1 })),
    busy,
    closures: [],
  },
});

const now = zonedInstant('2026-03-01', '08:00', NY);

describe('plan occurrences', () => {
  it('keeps 09:30 at 09:30 on the wall clock across the spring change in New York (8 March)', () => {
    const occ = expandOccurrences(pattern({ times: ['09:30'], startDate: '2026-03-05', endDate: '2026-03-10' }), NY, { fromDate: '2026-03-01', toDate: '2026-12-31' });
    expect(occ.map((o) => o.date)).toEqual(['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10']);
    expect(occ.map((o) => localParts(o.start, NY).time)).toEqual(['09:30', '09:30', '09:30', '09:30']);
    // EST is UTC-5, EDT UTC-4: the same local time is an hour earlier in UTC after the change.
    expect(occ.map((o) => o.start.toISOString())).toEqual([
      '2026-03-05T14:30:00.000Z',
      '2026-03-06T14:30:00.000Z',
      '2026-03-09T13:30:00.000Z',
      '2026-03-10T13:30:00.000Z',
    ]);
  });

  it('keeps 09:30 local across both of London’s changes (29 March, 25 October)', () => {
    const spring = expandOccurrences(pattern({ times: ['09:30'], startDate: '2026-03-27', endDate: '2026-03-30' }), LDN, { fromDate: '2026-03-27', toDate: '2026-03-30' });
    expect(spring.map((o) => o.start.toISOString())).toEqual(['2026-03-27T09:30:00.000Z', '2026-03-30T08:30:00.000Z']);
    const autumn = expandOccurrences(pattern({ times: ['09:30'], startDate: '2026-10-23', endDate: '2026-10-26' }), LDN, { fromDate: '2026-10-01', toDate: '2026-10-31' });
    expect(autumn.map((o) => o.start.toISOString())).toEqual(['2026-10-23T08:30:00.000Z', '2026-10-26T09:30:00.000Z']);
    expect(autumn.every((o) => o.end.getTime() - o.start.getTime() === 30 * 60_000)).toBe(true);
  });

  it('keeps New York’s autumn change (1 November) too', () => {
    const occ = expandOccurrences(pattern({ times: ['15:30'], weekdays: [5, 1], startDate: '2026-10-30', endDate: '2026-11-02' }), NY, { fromDate: '2026-10-30', toDate: '2026-11-02' });
    expect(occ.map((o) => [o.date, localParts(o.start, NY).time, o.start.toISOString()])).toEqual([
      ['2026-10-30', '15:30', '2026-10-30T19:30:00.000Z'],
      ['2026-11-02', '15:30', '2026-11-02T20:30:00.000Z'],
    ]);
  });

  it('only books chosen weekdays, in time order, and leaves skipped dates out', () => {
    const occ = expandOccurrences(
      pattern({ times: ['15:30', '09:30'], weekdays: [1, 3], skips: [{ fromDate: '2026-03-04', toDate: '2026-03-04' }] }),
      NY,
      { fromDate: '2026-03-01', toDate: '2026-03-31' },
    );
    expect(occ.map((o) => `${o.date} ${o.time}`)).toEqual(['2026-03-02 09:30', '2026-03-02 15:30', '2026-03-09 09:30', '2026-03-09 15:30', '2026-03-11 09:30', '2026-03-11 15:30']);
  });

  it('clips to the plan’s own dates and to the range asked', () => {
    expect(expandOccurrences(pattern(), NY, { fromDate: '2026-03-10', toDate: '2026-03-11' }).map((o) => o.date)).toEqual(['2026-03-10', '2026-03-10', '2026-03-10', '2026-03-11', '2026-03-11', '2026-03-11']);
    expect(expandOccurrences(pattern(), NY, { fromDate: '2026-04-01', toDate: '2026-04-30' })).toEqual([]);
  });

  it('books 90 days ahead at most; the rest waits for the daily run', () => {
    expect(bookableThrough('2027-12-31', '2026-03-01')).toBe('2026-05-30');
    expect(bookableThrough('2026-03-20', '2026-03-01')).toBe('2026-03-20');
  });
});

describe('deciding each occurrence', () => {
  const occ = (times: string[], dates = { startDate: '2026-03-02', endDate: '2026-03-02' }) =>
    expandOccurrences(pattern({ times, ...dates }), NY, { fromDate: '2026-03-01', toDate: '2026-03-31' });

  it('uses the preferred room while it has a free station', () => {
    const planned = planOccurrences(occ(['09:30', '12:30']), [room('a', 1), room('b', 1)], [], now);
    expect(planned.map((p) => p.outcome.kind === 'booked' && [p.outcome.choice, p.outcome.roomId])).toEqual([
      ['preferred', 'a'],
      ['preferred', 'a'],
    ]);
  });

  it('falls back in order when the preferred room is full, and says no room when every room is', () => {
    const full = (id: string, n: number, time: string) =>
      Array.from({ length: n }, (_, i) => ({ stationId: `${id}-s${i + 1}`, start: zonedInstant('2026-03-02', time, NY), blockEnd: zonedInstant('2026-03-02', '13:00', NY) }));
    const planned = planOccurrences(occ(['09:30', '12:30']), [room('a', 2, full('a', 2, '12:30')), room('b', 1), room('c', 1)], [], now);
    expect(planned[0]!.outcome).toMatchObject({ kind: 'booked', choice: 'preferred', roomId: 'a' });
    expect(planned[1]!.outcome).toMatchObject({ kind: 'booked', choice: 'fallback', roomId: 'b' });

    const none = planOccurrences(occ(['12:30']), [room('a', 2, full('a', 2, '12:30')), room('b', 1, full('b', 1, '12:30'))], [], now);
    expect(none[0]!.outcome.kind).toBe('no_room');
    const alternatives = none[0]!.outcome.kind === 'no_room' ? none[0]!.outcome.alternatives : [];
    // The nearest free starts within ±30 minutes: 12:00 (ends 12:30, before the others start) in either room, then 13:00.
    expect(alternatives.map((a) => [a.roomId, localParts(a.start, NY).time])).toEqual([
      ['a', '12:00'],
      ['b', '12:00'],
      ['a', '13:00'],
      ['b', '13:00'],
    ]);
    expect(none[0]!.outcome.kind === 'no_room' && none[0]!.outcome.reason).toMatch(/Every station in Room a is taken/);
  });

  it('books a nearby time she chose for an occurrence with no room', () => {
    const busy = [{ stationId: 'a-s1', start: zonedInstant('2026-03-02', '12:30', NY), blockEnd: zonedInstant('2026-03-02', '13:00', NY) }];
    const planned = planOccurrences(occ(['12:30']), [room('a', 1, busy)], [], now, new Map([[0, { roomId: 'a', start: zonedInstant('2026-03-02', '13:00', NY) }]]));
    expect(planned[0]!.outcome).toMatchObject({ kind: 'booked', choice: 'nearby', roomId: 'a' });
    expect(planned[0]!.outcome.kind === 'booked' && localParts(planned[0]!.outcome.start, NY).time).toBe('13:00');
    // A choice more than 30 minutes away is not honoured.
    const far = planOccurrences(occ(['12:30']), [room('a', 1, busy)], [], now, new Map([[0, { roomId: 'a', start: zonedInstant('2026-03-02', '14:00', NY) }]]));
    expect(far[0]!.outcome.kind).toBe('no_room');
  });

  it('sees its own earlier occurrences: two breaks that overlap are not both booked', () => {
    const planned = planOccurrences(occ(['09:30', '09:45']), [room('a', 3)], [], now);
    expect(planned.map((p) => p.outcome.kind)).toEqual(['booked', 'own_overlap']);
  });

  it('counts a booking placed for an earlier occurrence against the next one in a one-station room', () => {
    const planned = planOccurrences(
      expandOccurrences(pattern({ times: ['09:30'], lengthMin: 30, startDate: '2026-03-02', endDate: '2026-03-03' }), NY, { fromDate: '2026-03-01', toDate: '2026-03-31' }),
      [room('a', 1)],
      [],
      now,
    );
    expect(planned.every((p) => p.outcome.kind === 'booked')).toBe(true);
  });

  it('leaves occurrences already past and those clashing with her other bookings alone', () => {
    const later = zonedInstant('2026-03-02', '10:00', NY);
    const own = [{ start: zonedInstant('2026-03-02', '15:15', NY), end: zonedInstant('2026-03-02', '15:45', NY) }];
    const planned = planOccurrences(occ(['09:30', '12:30', '15:30']), [room('a', 1)], own, later);
    expect(planned.map((p) => p.outcome.kind)).toEqual(['past', 'booked', 'own_overlap']);
    expect(summarise(planned)).toMatchObject({ booked: 1, past: 1, ownOverlap: 1, noRoom: 0 });
  });

  it('applies the site’s rules: a break outside opening hours finds no room, with the reason', () => {
    const planned = planOccurrences(occ(['19:45']), [room('a', 1)], [], now);
    expect(planned[0]!.outcome.kind).toBe('no_room');
    expect(planned[0]!.outcome.kind === 'no_room' && planned[0]!.outcome.reason).toMatch(/open 07:00–20:00/);
  });

  it('may book beyond the site’s horizon up to 90 days ahead, not further', () => {
    // now + 90 days is 30 May; that whole day may be booked (a run early in the day books it all), the next may not.
    const all = weekdayHours('07:00', '20:00', { open: '07:00', close: '20:00' });
    const open = room('a', 1);
    open.site.openingHours = all;
    open.timeline.hours = all;
    const far = expandOccurrences(pattern({ times: ['09:30'], weekdays: [0, 1, 2, 3, 4, 5, 6], startDate: '2026-05-29', endDate: '2026-06-01' }), NY, { fromDate: '2026-05-29', toDate: '2026-06-01' });
    const planned = planOccurrences(far, [open], [], now);
    expect(planned.map((p) => [p.date, p.outcome.kind])).toEqual([
      ['2026-05-29', 'booked'],
      ['2026-05-30', 'booked'],
      ['2026-05-31', 'no_room'],
      ['2026-06-01', 'no_room'],
    ]);
  });
});

describe('describing weekdays', () => {
  it('says them as people do, Monday first', () => {
    expect(describeWeekdays([5, 4, 3, 2, 1])).toBe('Mon–Fri');
    expect(describeWeekdays([0, 1, 3])).toBe('Mon, Wed, Sun');
    expect(describeWeekdays([0, 1, 2, 3, 4, 5, 6])).toBe('Every day');
  });
});

describe('a plan drafted from an approved request', () => {
  it('starts a break at each preferred window and spreads the rest over the working day', () => {
    expect(planDraftFromRequest({ breaks: 2, lengthMin: 25, windows: [{ start: '10:00', end: '11:00' }] }, '2026-03-02', '2026-09-30', '2026-02-20')).toEqual({
      times: ['10:00', '10:45'],
      lengthMin: 25,
      startDate: '2026-03-02',
      endDate: '2026-09-30',
    });
    const three = planDraftFromRequest({ breaks: 3, lengthMin: 30, windows: [] }, '2026-01-01', null, '2026-02-20');
    expect(three).toEqual({ times: ['10:15', '12:30', '14:45'], lengthMin: 30, startDate: '2026-02-20', endDate: '2026-08-21' });
    // A spread break never lands on top of a window's: 10:15 would overlap 10:00, so 12:30 is taken.
    const windows = [{ start: '10:00', end: '10:45' }, { start: '14:00', end: '14:45' }];
    expect(planDraftFromRequest({ breaks: 3, lengthMin: 30, windows }, '2026-03-02', null, '2026-02-20').times).toEqual(['10:00', '12:30', '14:00']);
  });
});
