import { describe, expect, it } from 'vitest';
import { describeOpeningHours, openingHoursSchema, ROUND_THE_CLOCK, weekdayHours } from './opening-hours';

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
});
