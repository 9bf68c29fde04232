import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysLeft, isBusinessDay, isOverdue, replyDeadline } from './business-days';

const NY = 'America/New_York';
const LDN = 'Europe/London';
const TOKYO = 'Asia/Tokyo';

describe('business days', () => {
  it('skips weekends', () => {
    // Thu 2026-03-05 + 5 business days = Thu 2026-03-12.
    expect(addBusinessDays('2026-03-05', 5, [])).toBe('2026-03-12');
    // Friday + 1 = Monday.
    expect(addBusinessDays('2026-03-06', 1, [])).toBe('2026-03-09');
    // Counting from a Saturday starts on Monday.
    expect(addBusinessDays('2026-03-07', 1, [])).toBe('2026-03-09');
  });

  it("skips the site's holidays", () => {
    // Thanksgiving (Thu 2026-11-26) and the Friday after are holidays: Wed + 2 = Tue.
    expect(addBusinessDays('2026-11-25', 2, ['2026-11-26', '2026-11-27'])).toBe('2026-12-01');
    // A holiday on a weekend changes nothing.
    expect(addBusinessDays('2026-11-25', 2, ['2026-11-28'])).toBe('2026-11-27');
    expect(isBusinessDay('2026-12-25', ['2026-12-25'])).toBe(false);
    expect(isBusinessDay('2026-12-24', ['2026-12-25'])).toBe(true);
  });

  it('refuses nonsense counts', () => {
    expect(() => addBusinessDays('2026-03-05', 0, [])).toThrow(RangeError);
  });
});

describe('reply deadline', () => {
  it('ends at midnight after the 5th business day on the site clock (New York, across a weekend)', () => {
    // Monday 2026-03-02 10:00 in New York → Monday 2026-03-09, due by midnight (EDT from 03-08).
    const d = replyDeadline(new Date('2026-03-02T15:00:00Z'), { businessDays: 5, holidays: [], timeZone: NY });
    expect(d.date).toBe('2026-03-09');
    expect(d.at.toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('counts from the day the request arrived in the site zone, not in UTC', () => {
    // 2026-03-06 03:00 UTC is still Thursday 5 March in New York but Friday in London.
    const at = new Date('2026-03-06T03:00:00Z');
    expect(replyDeadline(at, { businessDays: 1, holidays: [], timeZone: NY }).date).toBe('2026-03-06');
    expect(replyDeadline(at, { businessDays: 1, holidays: [], timeZone: LDN }).date).toBe('2026-03-09');
    // Tokyo is already on Friday 6 March at noon.
    expect(replyDeadline(at, { businessDays: 1, holidays: [], timeZone: TOKYO }).at.toISOString()).toBe('2026-03-09T15:00:00.000Z');
  });

  it("skips the site's holidays and uses the configured number of days", () => {
    const at = new Date('2026-12-21T14:00:00Z'); // Monday morning in London
    const plain = replyDeadline(at, { businessDays: 5, holidays: [], timeZone: LDN });
    expect(plain.date).toBe('2026-12-28');
    const christmas = replyDeadline(at, { businessDays: 5, holidays: ['2026-12-25', '2026-12-28'], timeZone: LDN });
    expect(christmas.date).toBe('2026-12-30');
    expect(replyDeadline(at, { businessDays: 10, holidays: [], timeZone: LDN }).date).toBe('2027-01-04');
  });

  it('a request sent on Saturday is due five business days after the weekend', () => {
    const d = replyDeadline(new Date('2026-03-07T12:00:00Z'), { businessDays: 5, holidays: [], timeZone: NY });
    expect(d.date).toBe('2026-03-13');
  });

  it('is overdue from the deadline instant on', () => {
    const at = new Date('2026-03-10T04:00:00Z');
    expect(isOverdue(at, new Date('2026-03-10T03:59:59Z'))).toBe(false);
    expect(isOverdue(at, at)).toBe(true);
    expect(isOverdue(null, at)).toBe(false);
  });

  it('counts business days left, negative when late', () => {
    const rule = { holidays: ['2026-03-11'], timeZone: NY };
    expect(businessDaysLeft('2026-03-13', new Date('2026-03-09T15:00:00Z'), rule)).toBe(3);
    expect(businessDaysLeft('2026-03-09', new Date('2026-03-09T15:00:00Z'), rule)).toBe(0);
    expect(businessDaysLeft('2026-03-06', new Date('2026-03-10T15:00:00Z'), rule)).toBe(-2);
  });
});
