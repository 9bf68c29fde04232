import { describe, expect, it } from 'vitest';
import { archiveExpiry, archiveReadme, dataRequestDue, dueDay, isDataRequestOverdue } from './data-rights';

describe('the one-month deadline of a data request', () => {
  it('is the end of the same day next month on the site clock', () => {
    // 10:00 on 9 March 2026 in New York: due by the end of 9 April (04:00 UTC on 10 April, EDT).
    const due = dataRequestDue(new Date('2026-03-09T14:00:00Z'), 'America/New_York');
    expect(due.toISOString()).toBe('2026-04-10T04:00:00.000Z');
    expect(dueDay(due, 'America/New_York')).toBe('2026-04-09');
  });

  it('takes the last day of a shorter month', () => {
    expect(dueDay(dataRequestDue(new Date('2027-01-31T15:00:00Z'), 'Europe/London'), 'Europe/London')).toBe('2027-02-28');
    expect(dueDay(dataRequestDue(new Date('2028-01-31T15:00:00Z'), 'Europe/London'), 'Europe/London')).toBe('2028-02-29');
  });

  it('counts the day where the site is, not in UTC', () => {
    // 23:30 on 31 December 2026 in New York is already 1 January in UTC.
    const due = dataRequestDue(new Date('2027-01-01T04:30:00Z'), 'America/New_York');
    expect(dueDay(due, 'America/New_York')).toBe('2027-01-31');
  });

  it('keeps a whole day across a change of the clocks', () => {
    // 20 February → 20 March 2027 in New York: the clocks go forward on 14 March; the deadline is still local midnight.
    const due = dataRequestDue(new Date('2027-02-20T17:00:00Z'), 'America/New_York');
    expect(due.toISOString()).toBe('2027-03-21T04:00:00.000Z');
  });

  it('is overdue only while the request is open', () => {
    const dueAt = new Date('2026-04-10T04:00:00Z');
    expect(isDataRequestOverdue({ status: 'pending', dueAt }, new Date('2026-04-10T03:59:59Z'))).toBe(false);
    expect(isDataRequestOverdue({ status: 'pending', dueAt }, new Date('2026-04-10T04:00:00Z'))).toBe(true);
    expect(isDataRequestOverdue({ status: 'done', dueAt }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });
});

describe('the archive', () => {
  it('expires 7 days after it is made', () => {
    expect(archiveExpiry(new Date('2026-12-08T10:00:00Z')).toISOString()).toBe('2026-12-15T10:00:00.000Z');
  });

  it('says what each file holds and what is left out', () => {
    const text = archiveReadme({ name: 'Amara Okafor', madeAt: '2026-12-08 10:00' });
    for (const part of ['nook-data.json', 'bookings.ics', 'roleHistory', 'bookings', 'plans', 'requests', 'notifications', 'calendarFeed', 'auditEntries', 'policyNotices', 'waitlist', 'dataRequests']) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/never the secret link/);
    expect(text).toContain('Prepared for Amara Okafor.');
  });
});
