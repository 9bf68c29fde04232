import { describe, expect, it } from 'vitest';
import { isoInstant, localDate, newBookingSchema, rangeQuery } from './booking';

describe('isoInstant', () => {
  it('reads an instant with its offset', () => {
    const r = isoInstant.safeParse('2026-03-09T09:30:00-04:00');
    expect(r.success && r.data.toISOString()).toBe('2026-03-09T13:30:00.000Z');
  });

  it('refuses an instant without an offset', () => {
    expect(isoInstant.safeParse('2026-03-09T09:30:00').success).toBe(false);
  });

  it('refuses years no booking can fall in, with a message that says which years it takes', () => {
    for (const far of ['9999-12-31T10:00:00Z', '1970-01-01T00:00:00Z', '2200-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const r = isoInstant.safeParse(far);
      expect(r.success, far).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Give a date between the years 2000 and 2199.');
    }
    expect(isoInstant.safeParse('2199-12-31T23:59:59Z').success).toBe(true);
    expect(isoInstant.safeParse('2000-01-01T00:00:00Z').success).toBe(true);
  });

  it('keeps a booking body in year 9999 from reaching the database', () => {
    const r = newBookingSchema.safeParse({ start: '9999-12-31T10:00:00Z', end: '9999-12-31T10:30:00Z', roomId: '6f1c2a8e-3b7d-4e2a-9c1f-0a1b2c3d4e5f' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['start', 'end']);
  });

  it('refuses a reversed or too long range', () => {
    expect(rangeQuery.safeParse({ from: '2026-03-10T00:00:00Z', to: '2026-03-09T00:00:00Z' }).success).toBe(false);
    expect(rangeQuery.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }).success).toBe(false);
    expect(rangeQuery.safeParse({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }).success).toBe(true);
  });

  it('refuses a range whose ends are not instants instead of throwing', () => {
    expect(() => rangeQuery.safeParse({ from: '', to: '75caaf8c-388f-43e9-9d97-7dd962aab140' })).not.toThrow();
    expect(rangeQuery.safeParse({ from: '2026-01-01T00:00:00Z', to: 'tomorrow' }).success).toBe(false);
  });
});

describe('localDate', () => {
  it('takes only a date that exists, with one message for every form that uses it', () => {
    for (const bad of ['2026-02-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) {
      const r = localDate.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message, bad).toBe('That date does not exist.');
    }
    expect(localDate.safeParse('2026-3-9').error?.issues[0]?.message).toBe('Use a date such as 2026-03-09.');
    for (const good of ['2028-02-29', '2026-12-31', '2027-01-01']) expect(localDate.safeParse(good).success, good).toBe(true);
  });
});
