import { describe, expect, it } from 'vitest';
import { describeOpeningHours, firstOpenDate, openingHoursSchema, ROUND_THE_CLOCK, weekdayHours, type OpeningHours } from './opening-hours';

describe('opening hours', () => {
  it('summarises runs of equal days', () => {
    expect(describeOpeningHours(weekdayHours('07:00', '20:00'))).toEqual(['Mon–Fri 07:00–20:00', 'Sat–Sun Closed']);
  });

  it('refuses a day that closes before it opens, and malformed times', () => {
    const bad = weekdayHours('18:00', '08:00');
    expect(openingHoursSchema.safeParse(bad).success).toBe(false);
    const malformed = [null, { open: '7:00', close: '19:00' }, null, null, null, null, null];
    expect(openingHoursSchema.safeParse(malformed).success).toBe(false);
    expect(openingHoursSchema.safeParse(weekdayHours('07:00', '19:00')).success).toBe(true);
    expect(openingHoursSchema.safeParse(ROUND_THE_CLOCK).success).toBe(true);
    expect(openingHoursSchema.safeParse(weekdayHours('24:00', '24:00')).success).toBe(false);
  });

  it('finds the next day a place opens, across weekends, months and a leap day', () => {
    const weekdays = weekdayHours('07:00', '20:00');
    expect(firstOpenDate(weekdays, '2026-12-02')).toBe('2026-12-02'); // a Wednesday: open that day
    expect(firstOpenDate(weekdays, '2026-12-05')).toBe('2026-12-07'); // Saturday → Monday
    expect(firstOpenDate(weekdays, '2027-01-02')).toBe('2027-01-04'); // across New Year
    expect(firstOpenDate(weekdays, '2028-02-26')).toBe('2028-02-28'); // Saturday before a leap day
    expect(firstOpenDate(weekdays, '2028-02-29')).toBe('2028-02-29');
    expect(firstOpenDate(ROUND_THE_CLOCK, '2026-12-05')).toBe('2026-12-05');
    const sundaysOnly: OpeningHours = [{ open: '10:00', close: '16:00' }, null, null, null, null, null, null];
    expect(firstOpenDate(sundaysOnly, '2026-12-07')).toBe('2026-12-13');
    expect(() => firstOpenDate([null, null, null, null, null, null, null], '2026-12-07')).toThrow('never open');
  });
});
