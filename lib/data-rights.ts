import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, startOfDay } from 'date-fns';
import { isOverdue } from './business-days';
import { localParts } from './time';

/**
 * A person's rights over her data: a copy of everything Nook holds about her (access), and its
 * erasure. Pure rules and words; the reads, the erasure and the archive live in db/ and
 * lib/server/operations/data-rights.ts.
 */
export const DATA_REQUEST_KINDS = ['access', 'erasure'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];

/**
 * pending: waiting (an archive being made, an erasure waiting for HR or an admin to confirm);
 * ready: her archive can be downloaded until it expires; expired: the archive is gone;
 * done: erased; declined: HR or an admin refused the erasure in writing; withdrawn: she took it back.
 */
export const DATA_REQUEST_STATUSES = ['pending', 'ready', 'expired', 'done', 'declined', 'withdrawn'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

export const DATA_REQUEST_KIND_LABELS: Record<DataRequestKind, string> = { access: 'Copy of her data', erasure: 'Erasure' };
export const DATA_REQUEST_STATUS_LABELS: Record<DataRequestStatus, string> = {
  pending: 'Waiting',
  ready: 'Archive ready',
  expired: 'Archive expired',
  done: 'Erased',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

/** How long the download link of an archive works. */
export const ARCHIVE_DAYS = 7;
/** An archive of more bookings than this is made by the background job rather than while she waits. */
export const ARCHIVE_INLINE_BOOKINGS = 2000;
/** The longest written reason for declining an erasure. */
export const MAX_REASON_CHARS = 2000;

/**
 * The answer is due one month after the request (GDPR Art. 12(3)): by the end of the same day
 * of the next month on the site's clock, or of that month's last day when it has no such day
 * (31 January → 28 or 29 February). Stored, like a schedule request's deadline, as the
 * midnight that ends that day.
 */
export function dataRequestDue(requestedAt: Date, timeZone: string): Date {
  const sameDayNextMonth = addMonths(new TZDate(requestedAt, timeZone), 1);
  return new Date(startOfDay(addDays(sameDayNextMonth, 1)).getTime());
}

/** The last day to answer, as the site's calendar date (YYYY-MM-DD): the day the stored deadline ends. */
export function dueDay(dueAt: Date, timeZone: string): string {
  return localParts(new Date(dueAt.getTime() - 1), timeZone).date;
}

export function archiveExpiry(readyAt: Date): Date {
  return new Date(readyAt.getTime() + ARCHIVE_DAYS * 86_400_000);
}

/** Whether an open request is past its deadline at `now`. */
export function isDataRequestOverdue(r: { status: DataRequestStatus; dueAt: Date }, now: Date): boolean {
  return r.status === 'pending' && isOverdue(r.dueAt, now);
}

/** The archive's files, named as the README inside it describes them. */
export const ARCHIVE_FILES = { readme: 'README.txt', data: 'nook-data.json', calendar: 'bookings.ics' } as const;

/** The README inside every archive: what each file is, and what is left out and why. */
export function archiveReadme(input: { name: string; madeAt: string }): string {
  return [
    `Your data in Nook, as it stood at ${input.madeAt} (UTC).`,
    '',
    `${ARCHIVE_FILES.data}  JSON (UTF-8). Times are ISO 8601 instants in UTC; dates are YYYY-MM-DD on the site's calendar.`,
    '  profile          your account: name, email, role, site, reminders, sign-in links to your identity provider',
    '  roleHistory      each change of your role or access, with when it happened',
    '  bookings         every booking Nook still links to you, with room, station, times, check-in, check-out and outcome',
    '  plans            your pump plans: times, weekdays, rooms, dates, skipped days',
    '  waitlist         places in line for a full room (empty until Nook offers waitlists)',
    '  requests         your schedule requests, each with its timeline, the written answer, and HR\'s notes on it',
    '  notifications    the notices Nook showed you',
    '  calendarFeed     your calendar feed link\'s settings (created, title, revoked), never the secret link itself',
    '  auditEntries     entries of Nook\'s audit log about you or made by you',
    '  policyNotices    lactation policy notices you received and acknowledged (empty until Nook delivers them)',
    '  dataRequests     your requests for a copy or an erasure of your data',
    '  roomProblems     problems you reported in a room, with your note and whether they were fixed',
    `${ARCHIVE_FILES.calendar}  your bookings as an iCalendar file, to open in any calendar.`,
    '',
    'Left out: other people\'s personal data. Bookings, requests and notes show what concerns you;',
    'the names of HR staff who wrote notes or decided are replaced by their role.',
    '',
    `Prepared for ${input.name}.`,
    '',
  ].join('\n');
}
