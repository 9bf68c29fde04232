import { describe, expect, it } from 'vitest';
import { availabilityCells, freeNow, freeStations, nearestFreeStart, nextFreeStart, reservedSegments, type RoomTimeline } from './availability';
import { ROUND_THE_CLOCK, weekdayHours } from './opening-hours';
import { localDayRange, localParts, zonedInstant } from './time';

const NY = 'America/New_York';
const at = (time: string, date = '2026-03-09') => zonedInstant(date, time, NY);
const stations = [
  { id: 's1', position: 1 },
  { id: 's2', position: 2 },
  { id: 's3', position: 3 },
];
const room = (busy: RoomTimeline['busy'], extra: Partial<RoomTimeline> = {}): RoomTimeline => ({
  timeZone: NY,
  hours: weekdayHours('07:00', '20:00'),
  stations,
  busy,
  closures: [],
  ...extra,
});

describe('availability', () => {
  it('counts free stations per slot, half-open: a booking ending at 10:00 leaves 10:00 free', () => {
    const t = room([
      { stationId: 's1', start: at('09:30'), blockEnd: at('10:00') },
      { stationId: 's2', start: at('09:45'), blockEnd: at('10:15') },
    ]);
    const cells = availabilityCells(t, at('09:30'), at('10:30'), 15);
    expect(cells.map((c) => c.free)).toEqual([2, 1, 2, 3]);
    expect(freeStations(t, at('10:00'), at('10:30')).map((s) => s.id)).toEqual(['s1', 's3']);
  });

  it('shows no slots outside opening hours and none free in a closure', () => {
    const t = room([], { closures: [{ start: at('12:00'), end: at('13:00') }] });
    const cells = availabilityCells(t, at('06:00'), at('21:00'), 60);
    expect(cells[0]!.start).toEqual(at('07:00'));
    expect(cells.at(-1)!.end).toEqual(at('20:00'));
    expect(cells.find((c) => c.start.getTime() === at('12:00').getTime())!.free).toBe(0);
    expect(availabilityCells(t, at('06:00', '2026-03-07'), at('21:00', '2026-03-07'), 60)).toEqual([]);
  });

  it('reports reserved stretches with the free count and never who', () => {
    const others = [
      { stationId: 's1', start: at('14:00'), blockEnd: at('14:30') },
      { stationId: 's2', start: at('14:00'), blockEnd: at('14:30') },
    ];
    const mine = { stationId: 's3', start: at('14:15'), blockEnd: at('14:45') };
    const segments = reservedSegments(others, [...others, mine], 3);
    expect(segments.map((s) => [s.start.toISOString(), s.end.toISOString(), s.free])).toEqual([
      [at('14:00').toISOString(), at('14:15').toISOString(), 1],
      [at('14:15').toISOString(), at('14:30').toISOString(), 0],
    ]);
    expect(Object.keys(segments[0]!).sort()).toEqual(['end', 'free', 'held', 'start', 'total']);
  });

  it('says a room is free now and until when, capped by closing and closures', () => {
    const t = room([
      { stationId: 's1', start: at('10:00'), blockEnd: at('10:30') },
      { stationId: 's2', start: at('09:00'), blockEnd: at('11:00') },
      { stationId: 's3', start: at('11:00'), blockEnd: at('11:30') },
    ]);
    expect(freeNow(t, at('09:40'))).toEqual({ free: true, until: at('11:00'), stations: 2, reason: 'free' });
    expect(freeNow(room([]), at('19:00')).until).toEqual(at('20:00'));
    expect(freeNow(room([], { closures: [{ start: at('19:30'), end: at('20:00') }] }), at('19:00')).until).toEqual(at('19:30'));
    expect(freeNow(room([]), at('21:00')).free).toBe(false);
    expect(freeNow(room([], { outOfService: true }), at('10:00')).free).toBe(false);
  });

  it('says why nothing is free: closed outside its hours, in an out-of-service window, out of service, or full', () => {
    const one = [{ id: 's1', position: 1 }];
    expect(freeNow(room([]), at('06:59'))).toEqual({ free: false, until: null, stations: 0, reason: 'closed' });
    expect(freeNow(room([]), at('20:00')).reason).toBe('closed');
    expect(freeNow(room([]), at('10:00', '2026-03-08')).reason).toBe('closed'); // a Sunday, no hours
    const clean = { start: at('10:00'), end: at('11:00'), reason: 'Deep clean' };
    expect(freeNow(room([], { closures: [clean] }), at('10:30'))).toEqual({ free: false, until: null, stations: 0, reason: 'closure', closure: clean });
    expect(freeNow(room([], { closures: [clean] }), at('11:00')).reason).toBe('free');
    expect(freeNow(room([], { outOfService: true }), at('10:00')).reason).toBe('out_of_service');
    const full = room([{ stationId: 's1', start: at('10:00'), blockEnd: at('10:40') }], { stations: one });
    expect(freeNow(full, at('10:10')).reason).toBe('full');
    expect(freeNow(full, at('10:40')).reason).toBe('free');
  });

  it('finds the nearest free start either side, and the next free slot ahead', () => {
    const one = [{ id: 's1', position: 1 }];
    const t = room([{ stationId: 's1', start: at('10:00'), blockEnd: at('11:00') }], { stations: one });
    expect(nearestFreeStart(t, at('10:00'), 30, 0, 15, at('08:00'))).toEqual({ start: at('09:30'), end: at('10:00') });
    // Equally near either side: the later one.
    expect(nearestFreeStart(t, at('10:15'), 30, 0, 15, at('08:00'))).toEqual({ start: at('11:00'), end: at('11:30') });
    expect(nearestFreeStart(t, at('10:15'), 30, 0, 15, at('09:50'))).toEqual({ start: at('11:00'), end: at('11:30') });
    expect(nextFreeStart(t, at('10:05'), 30, 0, 15)).toEqual({ start: at('11:00'), end: at('11:30') });
    // Friday evening: the next free slot is Monday morning.
    expect(nextFreeStart(room([]), at('19:50', '2026-03-06'), 30, 0, 15)).toEqual({ start: at('07:00'), end: at('07:30') });
  });
});

describe('availability across the 2026 daylight-saving changes', () => {
  const cases: [string, string, number][] = [
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Europe/London', '2026-03-29', 23],
    ['Europe/London', '2026-10-25', 25],
  ];
  it.each(cases)('%s on %s has %i hourly slots in a round-the-clock room, each on the local hour', (tz, date, hours) => {
    const t: RoomTimeline = { timeZone: tz, hours: ROUND_THE_CLOCK, stations, busy: [], closures: [] };
    const [from, to] = localDayRange(date, tz);
    const cells = availabilityCells(t, from, to, 60);
    expect(cells).toHaveLength(hours);
    expect(cells.every((c) => localParts(c.start, tz).minutes % 60 === 0 && c.end.getTime() - c.start.getTime() === 3_600_000)).toBe(true);
    // 09:30 local is one instant, shown back as 09:30.
    const nineThirty = zonedInstant(date, '09:30', tz);
    expect(localParts(nineThirty, tz).time).toBe('09:30');
    expect(freeStations(t, nineThirty, new Date(nineThirty.getTime() + 30 * 60_000))).toHaveLength(3);
  });

  it('keeps 07:00–20:00 opening hours in local time on the New York change days', () => {
    const t: RoomTimeline = { timeZone: NY, hours: weekdayHours('07:00', '20:00', { open: '07:00', close: '20:00' }), stations, busy: [], closures: [] };
    for (const date of ['2026-03-08', '2026-11-01']) {
      const [from, to] = localDayRange(date, NY);
      const cells = availabilityCells(t, from, to, 15);
      expect(localParts(cells[0]!.start, NY).time).toBe('07:00');
      expect(localParts(cells.at(-1)!.end, NY).time).toBe('20:00');
      expect(cells).toHaveLength(52);
    }
  });
});
