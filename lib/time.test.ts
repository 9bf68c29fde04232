import { describe, expect, it } from 'vitest';
import { addDays, formatDate, formatDateSpan, formatDay, formatWhen, localDayRange, localParts, weekdayOf, zonedInstant, zoneLabel } from './time';

const NY = 'America/New_York';
const LDN = 'Europe/London';

describe('zoned time, whatever the server zone (' + (process.env.TZ ?? 'system') + ')', () => {
  it('puts 09:30 local on the right instant either side of each DST change', () => {
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
    expect(zonedInstant('2026-03-07', '09:30', NY).toISOString()).toBe('2026-03-07T14:30:00.000Z');
    expect(zonedInstant('2026-03-08', '09:30', NY).toISOString()).toBe('2026-03-08T13:30:00.000Z');
    expect(zonedInstant('2026-10-31', '09:30', NY).toISOString()).toBe('2026-10-31T13:30:00.000Z');
    expect(zonedInstant('2026-11-01', '09:30', NY).toISOString()).toBe('2026-11-01T14:30:00.000Z');
    // London springs forward on 2026-03-29 and falls back on 2026-10-25.
    expect(zonedInstant('2026-03-28', '09:30', LDN).toISOString()).toBe('2026-03-28T09:30:00.000Z');
    expect(zonedInstant('2026-03-29', '09:30', LDN).toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect(zonedInstant('2026-10-25', '09:30', LDN).toISOString()).toBe('2026-10-25T09:30:00.000Z');
  });

  it('reads the wall clock back in the zone', () => {
    expect(localParts(new Date('2026-03-08T13:30:00Z'), NY)).toEqual({ date: '2026-03-08', time: '09:30', weekday: 0, minutes: 570 });
    expect(localParts(new Date('2026-10-25T23:30:00Z'), LDN)).toMatchObject({ date: '2026-10-25', time: '23:30' });
    expect(localParts(new Date('2026-11-01T04:30:00Z'), NY)).toMatchObject({ date: '2026-11-01', time: '00:30' });
  });

  it('knows local days of 23 and 25 hours', () => {
    const [s1, e1] = localDayRange('2026-03-08', NY);
    expect((e1.getTime() - s1.getTime()) / 3_600_000).toBe(23);
    const [s2, e2] = localDayRange('2026-11-01', NY);
    expect((e2.getTime() - s2.getTime()) / 3_600_000).toBe(25);
    const [s3, e3] = localDayRange('2026-10-25', LDN);
    expect((e3.getTime() - s3.getTime()) / 3_600_000).toBe(25);
  });

  it('moves a wall time skipped by spring-forward to after the gap', () => {
    expect(localParts(zonedInstant('2026-03-08', '02:30', NY), NY).time).toBe('03:30');
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-11-26')).toBe(4);
  });
});

describe('midnight as a closing time', () => {
  it('reads 24:00 as the start of the next day', () => {
    expect(zonedInstant('2026-03-08', '24:00', NY).toISOString()).toBe(zonedInstant('2026-03-09', '00:00', NY).toISOString());
  });
});

describe('formatWhen', () => {
  it("gives the time alone later the same local day, and the day and time otherwise, by the site's calendar", () => {
    const now = zonedInstant('2026-03-09', '22:00', NY); // already the 10th in London
    expect(formatWhen(zonedInstant('2026-03-09', '23:30', NY), now, NY, 'at ')).toBe('at 23:30');
    expect(formatWhen(zonedInstant('2026-03-09', '23:30', NY), now, NY)).toBe('23:30');
    expect(formatWhen(zonedInstant('2026-03-10', '07:00', NY), now, NY, 'at ')).toBe('Tue 10 Mar, 07:00');
    expect(formatWhen(zonedInstant('2026-03-10', '07:00', LDN), now, LDN, 'at ')).toBe('at 07:00');
  });
});

describe('formatDay', () => {
  it('is formatDate without the year', () => {
    expect(formatDay('2026-12-02')).toBe('Wed 2 Dec');
  });
});

describe('formatDate', () => {
  it('writes a calendar date with its weekday, whatever the zone the code runs in', () => {
    expect(formatDate('2026-11-26')).toBe('Thu 26 Nov 2026');
    expect(formatDate('2027-01-01')).toBe('Fri 1 Jan 2027');
    expect(formatDate('2026-11-26', 'long')).toBe('Thursday, 26 November 2026');
  });
  it('writes one date for a one-day span, and both ends otherwise', () => {
    expect(formatDateSpan('2026-12-07', '2026-12-07')).toBe('Mon 7 Dec 2026');
    expect(formatDateSpan('2026-12-07', '2026-12-11')).toBe('Mon 7 Dec 2026 to Fri 11 Dec 2026');
  });
});

describe('zoneLabel', () => {
  it('names the place of a zone, as people say it', () => {
    expect(zoneLabel('America/New_York')).toBe('New York time');
    expect(zoneLabel('Europe/London')).toBe('London time');
    expect(zoneLabel('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
  });
  it('keeps an id that names no place', () => {
    expect(zoneLabel('UTC')).toBe('UTC');
    expect(zoneLabel('Etc/GMT+5')).toBe('Etc/GMT+5');
  });
});
