import crypto from 'node:crypto';
import ical, { foldLines, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventClass, ICalEventStatus, ICalEventTransparency, type ICalCalendar } from 'ical-generator';

/**
 * iCalendar output for Nook: a person's private feed, anonymous room feeds, a single booking
 * to download and iTIP invites (REQUEST / CANCEL). Built with ical-generator, which escapes
 * text and folds lines at 75 octets; times are UTC. Pure: no database, no clock (times that
 * depend on "now" come in as arguments).
 */

/** The fixed right-hand side of every UID Nook writes. */
export const UID_DOMAIN = 'bookings.nook.calendar';
const PROD_ID = '//Nook//Lactation room bookings//EN';
/** Feeds ask clients to refresh hourly (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
export const FEED_TTL_SECONDS = 3600;
/** How far back feeds reach, and how long a cancelled booking stays in a feed as CANCELLED. */
export const FEED_LOOKBACK_DAYS = 30;

export type CalendarBooking = {
  id: string;
  start: Date;
  end: Date;
  status: 'booked' | 'cancelled';
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  roomName: string;
  floor: string;
  siteName: string;
};

/** A busy block for a room feed: deliberately no field that could say who booked. */
export type ReservedBlock = Pick<CalendarBooking, 'id' | 'start' | 'end' | 'sequence' | 'updatedAt' | 'roomName' | 'floor' | 'siteName'>;

/** Stable for the booking's whole life (moves and cancellation keep it) and never reused: booking ids are UUIDs. */
export function bookingUid(bookingId: string): string {
  return `${bookingId}@${UID_DOMAIN}`;
}

/** A room feed's UID for a booking: stable too, but not the booking's id, so it cannot be matched to her own feed or invite. */
export function reservedUid(bookingId: string): string {
  return `reserved-${crypto.createHash('sha256').update(`reserved:${bookingId}`).digest('hex').slice(0, 32)}@${UID_DOMAIN}`;
}

/** The neutral default title: it says nothing about why the room is used. */
export function neutralTitle(roomName: string): string {
  return `Private break · ${roomName}`;
}

export function bookingLocation(b: Pick<CalendarBooking, 'roomName' | 'floor' | 'siteName'>): string {
  return [b.roomName, b.floor.trim() ? `floor ${b.floor.trim()}` : '', b.siteName].filter(Boolean).join(', ');
}

function calendar(options: { name?: string; method?: ICalCalendarMethod; ttl?: boolean }): ICalCalendar {
  return ical({
    prodId: PROD_ID,
    name: options.name ?? null,
    method: options.method ?? null,
    ttl: options.ttl ? FEED_TTL_SECONDS : null,
  });
}

const END = 'END:VCALENDAR';

/** ical-generator's own folding, applied only to lines long enough to need it (74 octets and under are left as they are, as it would). */
function foldLong(text: string): string {
  return text
    .split('\r\n')
    .map((line) => (line.length <= 18 || Buffer.byteLength(line, 'utf8') <= 74 ? line : foldLines(line)))
    .join('\r\n');
}

/**
 * The calendar as text, byte for byte what `cal.toString()` writes plus the CRLF it leaves off the
 * last line (RFC 5545 ends every line in one). `toString()` folds the whole text one character at
 * a time through a fresh TextEncoder, about 250 ms for a year of bookings; here each event is
 * serialised by ical-generator and only its long lines go through the same `foldLines`.
 * Empties `cal`.
 */
export function serialize(cal: ICalCalendar): string {
  const body = cal
    .events()
    .map((e) => e.toString())
    .join('');
  cal.clear();
  const shell = cal.toString();
  if (!shell.endsWith(END)) throw new Error('unexpected calendar text');
  return `${shell.slice(0, -END.length)}${foldLong(body)}${END}\r\n`;
}

function addBooking(cal: ICalCalendar, b: CalendarBooking, title: string | null | undefined, stamp?: Date) {
  cal.createEvent({
    id: bookingUid(b.id),
    sequence: b.sequence,
    start: b.start,
    end: b.end,
    // In a published feed DTSTAMP is when the event was last revised, so an unchanged feed is byte-identical (and keeps its ETag).
    stamp: stamp ?? b.updatedAt,
    created: b.createdAt,
    lastModified: b.updatedAt,
    summary: title?.trim() || neutralTitle(b.roomName),
    location: bookingLocation(b),
    status: b.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    class: ICalEventClass.PRIVATE,
    transparency: ICalEventTransparency.OPAQUE,
  });
}

/** Her private subscription feed: one VEVENT per booking, cancelled ones as STATUS:CANCELLED. */
export function personalFeed(input: { bookings: CalendarBooking[]; title?: string | null }): string {
  const cal = calendar({ name: 'Nook breaks', ttl: true });
  for (const b of input.bookings) addBooking(cal, b, input.title);
  return serialize(cal);
}

/** One booking as a file to open in any calendar ("Add to calendar"). */
export function bookingFile(input: { booking: CalendarBooking; title?: string | null }): string {
  const cal = calendar({ method: ICalCalendarMethod.PUBLISH });
  addBooking(cal, input.booking, input.title);
  return serialize(cal);
}

export type Party = { name: string; email: string };

/**
 * An iTIP invite for one booking, for email: METHOD:REQUEST on booking and on every move,
 * METHOD:CANCEL on cancellation, always the booking's UID and its current SEQUENCE (which
 * the database raises on every change). `now` is the message's DTSTAMP.
 */
export function bookingInvite(input: {
  booking: CalendarBooking;
  method: 'REQUEST' | 'CANCEL';
  organizer: Party;
  attendee: Party;
  now: Date;
  title?: string | null;
}): string {
  const { booking, method } = input;
  const cal = calendar({ method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  const b = method === 'CANCEL' ? { ...booking, status: 'cancelled' as const } : booking;
  addBooking(cal, b, input.title, input.now);
  const event = cal.events()[0]!;
  event.organizer({ name: input.organizer.name, email: input.organizer.email });
  event.createAttendee({ name: input.attendee.name, email: input.attendee.email, rsvp: false, status: ICalAttendeeStatus.ACCEPTED, role: ICalAttendeeRole.REQ });
  return serialize(cal);
}

/** A room's (or a site's) anonymous feed for door displays: busy blocks titled "Reserved", nothing about who. */
export function reservedFeed(input: { name: string; blocks: ReservedBlock[] }): string {
  const cal = calendar({ name: input.name, ttl: true });
  for (const b of input.blocks) {
    cal.createEvent({
      id: reservedUid(b.id),
      sequence: b.sequence,
      start: b.start,
      end: b.end,
      stamp: b.updatedAt,
      lastModified: b.updatedAt,
      summary: 'Reserved',
      location: bookingLocation(b),
      status: ICalEventStatus.CONFIRMED,
      class: ICalEventClass.PUBLIC,
      transparency: ICalEventTransparency.OPAQUE,
    });
  }
  return serialize(cal);
}

/** A strong ETag for a feed body. */
/**
 * The version of the feed's text format: part of every feed's ETag, so calendars download
 * again after a release that changes how feeds are written. Raise it with any such change.
 */
export const FEED_FORMAT = 'ics-2';

export function feedEtag(body: string): string {
  return `"${crypto.createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, `*`, or weak forms). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
