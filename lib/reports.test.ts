import { rulesOn, type JurisdictionCode } from './jurisdictions';
import { describe, expect, it } from 'vitest';
import { ROUND_THE_CLOCK, weekdayHours } from './opening-hours';
import {
  bucketOf,
  bucketSize,
  formatShown,
  isSuppressed,
  median,
  openStationHours,
  openStationHoursByBucket,
  openStationHoursGrid,
  reportFilterSchema,
  roomChecklist,
  shown,
  subtractIntervals,
  utilisation,
} from './reports';

const NY = 'America/New_York';
const LDN = 'Europe/London';
const at = (iso: string) => new Date(iso);

describe('open station-hours', () => {
  it('a room open 00:00–24:00 has 23 hours on the spring DST day and 25 on the autumn one', () => {
    const room = { hours: ROUND_THE_CLOCK, timeZone: NY, closures: [], stations: 1 };
    expect(openStationHours(room, '2026-03-08', '2026-03-08')).toBe(23);
    expect(openStationHours(room, '2026-11-01', '2026-11-01')).toBe(25);
    expect(openStationHours(room, '2026-03-09', '2026-03-09')).toBe(24);
    expect(openStationHours({ ...room, timeZone: LDN }, '2026-03-29', '2026-03-29')).toBe(23);
  });

  it('multiplies by active stations and skips closed weekdays', () => {
    // Mon–Fri 08:00–18:00 = 10 h a day; 2026-03-02 (Mon) to 2026-03-08 (Sun): 5 days × 10 h × 3 stations.
    const room = { hours: weekdayHours('08:00', '18:00'), timeZone: NY, closures: [], stations: 3 };
    expect(openStationHours(room, '2026-03-02', '2026-03-08')).toBe(150);
  });

  it('takes out-of-service windows away, also when they stick out of opening hours or overlap', () => {
    const room = {
      hours: weekdayHours('08:00', '18:00'),
      timeZone: NY,
      // 07:00–09:30 local (only 08:00–09:30 counts, 1.5 h) and 09:00–10:00 (overlaps: 0.5 h more) on Tue 3 Mar (EST, UTC−5).
      closures: [
        { start: at('2026-03-03T12:00:00Z'), end: at('2026-03-03T14:30:00Z') },
        { start: at('2026-03-03T14:00:00Z'), end: at('2026-03-03T15:00:00Z') },
      ],
      stations: 2,
    };
    // 10 h − 2 h = 8 h, × 2 stations.
    expect(openStationHours(room, '2026-03-03', '2026-03-03')).toBe(16);
  });

  it('subtracts intervals', () => {
    const a = { start: at('2026-01-01T00:00:00Z'), end: at('2026-01-01T10:00:00Z') };
    expect(subtractIntervals([a], [{ start: at('2026-01-01T02:00:00Z'), end: at('2026-01-01T03:00:00Z') }])).toEqual([
      { start: at('2026-01-01T00:00:00Z'), end: at('2026-01-01T02:00:00Z') },
      { start: at('2026-01-01T03:00:00Z'), end: at('2026-01-01T10:00:00Z') },
    ]);
    expect(subtractIntervals([a], [{ start: at('2025-12-31T00:00:00Z'), end: at('2026-01-02T00:00:00Z') }])).toEqual([]);
  });

  it('buckets per day or per Monday-started week', () => {
    const room = { hours: weekdayHours('08:00', '18:00'), timeZone: NY, closures: [], stations: 1 };
    expect(bucketOf('2026-03-08', 'week')).toBe('2026-03-02');
    expect(bucketOf('2026-03-09', 'week')).toBe('2026-03-09');
    expect(bucketSize('2026-03-01', '2026-03-31')).toBe('day');
    expect(bucketSize('2026-03-01', '2026-04-01')).toBe('week');
    const weeks = openStationHoursByBucket(room, '2026-03-04', '2026-03-10', 'week');
    expect(Object.fromEntries(weeks)).toEqual({ '2026-03-02': 30, '2026-03-09': 20 });
  });

  it('counts each local clock hour of the weekday grid, the repeated hour of the autumn change twice', () => {
    const room = { hours: ROUND_THE_CLOCK, timeZone: NY, closures: [], stations: 2 };
    // Sun 1 Nov 2026: 01:00–02:00 happens twice.
    const grid = openStationHoursGrid(room, '2026-11-01', '2026-11-01');
    expect(grid.get('0-1')).toBe(4);
    expect(grid.get('0-0')).toBe(2);
    expect([...grid.values()].reduce((a, b) => a + b, 0)).toBe(50);
    // Sun 8 Mar 2026: 02:00–03:00 never happens.
    const spring = openStationHoursGrid(room, '2026-03-08', '2026-03-08');
    expect(spring.has('0-2')).toBe(false);
    expect([...spring.values()].reduce((a, b) => a + b, 0)).toBe(46);
  });
});

describe('utilisation and medians', () => {
  it('divides booked by open station-hours', () => {
    expect(utilisation(6, 24)).toBe(0.25);
    expect(utilisation(0, 0)).toBeNull();
  });
  it('takes the middle value', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('k-anonymity: fewer than 5 distinct people shows <5', () => {
  it('suppresses 1 to 4 people and shows 0 or 5 and more', () => {
    expect(shown(12, 4)).toBe('<5');
    expect(shown(3, 1)).toBe('<5');
    expect(shown(40, 5)).toBe(40);
    expect(shown(0, 0)).toBe(0);
  });

  it('suppresses a filtered figure whose complement in an enclosing scope is 1–4 people (no small-group subtraction)', () => {
    // All sites: 23 people. Site A: 20 people, so "all minus A" would describe 3 people.
    expect(isSuppressed(20, [3])).toBe(true);
    expect(shown(180, 20, [3])).toBe('<5');
    // Site B holds those 3: suppressed on its own count.
    expect(shown(25, 3, [20])).toBe('<5');
    // A room of 6 inside a site of 8 (complement 2) inside all sites of 30 (complement 24): suppressed.
    expect(isSuppressed(6, [2, 24])).toBe(true);
    // Complements of 0 (the filter is the whole) or ≥ 5 are safe.
    expect(isSuppressed(6, [0, 24])).toBe(false);
    expect(isSuppressed(6, [5])).toBe(false);
  });

  it('formats shown values', () => {
    expect(formatShown('<5', 'percent')).toBe('<5');
    expect(formatShown(0.256, 'percent')).toBe('25.6%');
    expect(formatShown(2.25, 'hours')).toBe('2.3');
    expect(formatShown(null)).toBe('—');
  });
});

describe('report filters', () => {
  it('accepts a range of real dates and optional ids', () => {
    const r = reportFilterSchema.safeParse({ from: '2026-03-01', to: '2026-03-31', siteId: '' });
    expect(r.success && r.data).toEqual({ from: '2026-03-01', to: '2026-03-31', siteId: undefined, roomId: undefined });
  });
  it('refuses impossible dates, reversed and over-long ranges, and non-ids', () => {
    const msg = (v: Record<string, string>) => (reportFilterSchema.safeParse(v).error?.issues ?? []).map((i) => i.message);
    expect(msg({ from: '2026-02-30', to: '2026-03-01' })).toContain('That date does not exist.');
    expect(msg({ from: '2026-03-02', to: '2026-03-01' })).toContain('The end date must be on or after the start date.');
    expect(msg({ from: '2025-01-01', to: '2026-03-01' })).toContain('Choose at most 366 days.');
    expect(msg({ from: '2026-03-01', to: '2026-03-02', siteId: "1' or '1'='1" })).toContain('Choose a site or room from the list.');
  });
});

/** A site's checklist on a day, from its jurisdiction's dated rules. */
const checklistOf = (jurisdiction: JurisdictionCode, date = '2026-12-08') => {
  const rules = rulesOn(jurisdiction, date);
  return { name: rules.name, items: rules.room };
};

describe('compliance checklist', () => {
  it('names what a New York State room is missing, and asks New York City for a fridge as well', () => {
    const { rows, missing } = roomChecklist(['lockable_door', 'chair', 'sink_nearby'], checklistOf('US-NY'));
    expect(rows.map((r) => r.item)).toEqual(['not_bathroom', 'shielded', 'chair', 'surface', 'outlet', 'sink_nearby']);
    expect(missing).toEqual(['Table or surface', 'Power outlet']);
    expect(roomChecklist(['lockable_door', 'chair', 'sink_nearby'], checklistOf('US-NY-NYC')).missing).toEqual(['Table or surface', 'Power outlet', 'Fridge nearby']);
  });
  it('accepts a sink or fridge in the room for "nearby", and asks California for a fridge', () => {
    const { missing } = roomChecklist(['lockable_door', 'chair', 'surface', 'power_outlet', 'sink_in_room'], checklistOf('US-CA'));
    expect(missing).toEqual(['Fridge nearby']);
    expect(roomChecklist(['lockable_door', 'chair'], checklistOf('GB')).missing).toEqual([]);
  });
});
