import ical from 'ical-generator';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  bookingFile,
  bookingInvite,
  bookingUid,
  etagMatches,
  feedEtag,
  personalFeed,
  reservedFeed,
  serialize,
  type CalendarBooking,
} from './ics';

const base = new Date('2026-03-09T14:00:00Z');
const booking = (n: number, over: Partial<CalendarBooking> = {}): CalendarBooking => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  start: new Date(base.getTime() + n * 86_400_000),
  end: new Date(base.getTime() + n * 86_400_000 + 30 * 60_000),
  status: 'booked',
  sequence: 0,
  createdAt: new Date('2026-03-01T10:00:00Z'),
  updatedAt: new Date('2026-03-01T10:00:00Z'),
  roomName: 'Wellness Room 3',
  floor: '12',
  siteName: 'Hudson Yards',
  ...over,
});

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

/** RFC 5545 §3.1: every content line ends in CRLF and is at most 75 octets long. */
function expectWellFormedLines(ics: string) {
  expect(ics.endsWith('\r\n')).toBe(true);
  const lines = ics.split('\r\n');
  expect(lines.pop()).toBe('');
  for (const line of lines) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
}

describe('personal feed', () => {
  const long = 'Salle d’allaitement « Étoile » — aile nord, près des ascenseurs 🍼 très très longue';
  const list = [booking(1), booking(2, { roomName: long, floor: '3ᵉ étage' }), booking(3, { status: 'cancelled', sequence: 2 })];
  const ics = personalFeed({ bookings: list });

  it('parses with ical.js and has one VEVENT per booking', () => {
    const { cal, events: evs } = events(ics);
    expect(evs).toHaveLength(3);
    expect(evs.map((e) => e.uid)).toEqual(list.map((b) => bookingUid(b.id)));
    expect(cal.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT1H');
    expect(cal.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
  });

  it('keeps every line within 75 octets, folded at multi-byte text, each ending in CRLF', () => {
    expectWellFormedLines(ics);
    expect(ics).toMatch(/\r\n /); // the long location was folded
    expect(events(ics).events[1]!.location).toBe(`${long}, floor 3ᵉ étage, Hudson Yards`);
  });

  it('writes times in UTC, a neutral private opaque event, DTSTAMP and LAST-MODIFIED from the last change', () => {
    const { events: evs } = events(ics);
    const e = evs[0]!;
    expect(ics).toContain('DTSTART:20260310T140000Z');
    expect(ics).toContain('DTEND:20260310T143000Z');
    expect(e.summary).toBe('Private break · Wellness Room 3');
    expect(e.location).toBe('Wellness Room 3, floor 12, Hudson Yards');
    expect(e.component.getFirstPropertyValue('class')).toBe('PRIVATE');
    expect(e.component.getFirstPropertyValue('transp')).toBe('OPAQUE');
    expect(e.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(e.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-01T10:00:00Z');
    expect(e.component.getFirstPropertyValue('last-modified')?.toString()).toBe('2026-03-01T10:00:00Z');
  });

  it('shows a cancelled booking as STATUS:CANCELLED with its raised SEQUENCE', () => {
    const e = events(ics).events[2]!;
    expect(e.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(e.sequence).toBe(2);
  });

  it('uses her own title when she chose one', () => {
    const mine = personalFeed({ bookings: [booking(1)], title: 'Focus time' });
    expect(events(mine).events[0]!.summary).toBe('Focus time');
  });

  it('keeps UIDs byte-identical across regenerations, and a moved booking gets a higher SEQUENCE', () => {
    const before = personalFeed({ bookings: [booking(1)] });
    const again = personalFeed({ bookings: [booking(1)] });
    expect(again).toBe(before);
    const moved = booking(1, { start: new Date(base.getTime() + 5 * 86_400_000), end: new Date(base.getTime() + 5 * 86_400_000 + 1_800_000), sequence: 1, updatedAt: new Date('2026-03-02T09:00:00Z') });
    const after = personalFeed({ bookings: [moved] });
    const uidLine = (s: string) => s.split('\r\n').find((l) => l.startsWith('UID:'));
    expect(uidLine(after)).toBe(uidLine(before));
    const [e0, e1] = [events(before).events[0]!, events(after).events[0]!];
    expect(e1.sequence).toBeGreaterThan(e0.sequence);
    expect(e1.startDate.toJSDate()).toEqual(moved.start);
  });

  it('escapes text so a room name cannot inject properties', () => {
    const evil = personalFeed({ bookings: [booking(1, { roomName: 'Room\r\nATTENDEE:mailto:x@example.com;a,b' })] });
    expectWellFormedLines(evil);
    expect(evil).not.toMatch(/^ATTENDEE/m);
    expect(events(evil).events[0]!.summary).toBe('Private break · Room\nATTENDEE:mailto:x@example.com;a,b');
  });
});

describe('room feed', () => {
  it('says only "Reserved", with UIDs that are not the booking ids', () => {
    const ics = reservedFeed({ name: 'Wellness Room 3', blocks: [booking(1), booking(2)] });
    expectWellFormedLines(ics);
    const { events: evs } = events(ics);
    expect(evs.map((e) => e.summary)).toEqual(['Reserved', 'Reserved']);
    for (const e of evs) expect(e.uid).not.toContain(booking(1).id.slice(-12));
    expect(ics).not.toContain(booking(1).id);
    expect(new Set(evs.map((e) => e.uid)).size).toBe(2);
    expect(reservedFeed({ name: 'Wellness Room 3', blocks: [booking(1), booking(2)] })).toBe(ics);
  });
});

describe('single booking and invites', () => {
  it('"Add to calendar" is one PUBLISH event with the feed UID', () => {
    const ics = bookingFile({ booking: booking(4) });
    expectWellFormedLines(ics);
    const { cal, events: evs } = events(ics);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(evs).toHaveLength(1);
    expect(evs[0]!.uid).toBe(bookingUid(booking(4).id));
  });

  it('REQUEST then CANCEL carry the same UID, the raised SEQUENCE, organizer and attendee', () => {
    const parties = { organizer: { name: 'Nook', email: 'nook@example.com' }, attendee: { name: 'Amara Okafor', email: 'amara@example.com' } };
    const now = new Date('2026-03-05T08:00:00Z');
    const req = bookingInvite({ booking: booking(1), method: 'REQUEST', now, ...parties });
    const cancel = bookingInvite({ booking: booking(1, { sequence: 1 }), method: 'CANCEL', now, ...parties });
    for (const ics of [req, cancel]) expectWellFormedLines(ics);
    const [r, c] = [events(req), events(cancel)];
    expect(r.cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(c.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(c.events[0]!.uid).toBe(r.events[0]!.uid);
    expect(c.events[0]!.sequence).toBeGreaterThan(r.events[0]!.sequence);
    expect(c.events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(r.events[0]!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(r.events[0]!.organizer).toBe('mailto:nook@example.com');
    expect(r.events[0]!.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:amara@example.com']);
    expect(r.events[0]!.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-03-05T08:00:00Z');
  });
});

describe('ETag', () => {
  it('matches If-None-Match lists and weak forms only for the same body', () => {
    const tag = feedEtag('a');
    expect(etagMatches(`"x", ${tag}`, tag)).toBe(true);
    expect(etagMatches(`W/${tag}`, tag)).toBe(true);
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches(feedEtag('b'), tag)).toBe(false);
  });
});

describe('serialize', () => {
  it('writes exactly what ical-generator writes, plus the final CRLF', () => {
    const make = () => {
      const cal = ical({ prodId: '//Nook//Test//EN', name: 'Ünïcödé calendar name that is long enough to need folding at seventy-five octets', ttl: 3600 });
      for (const [i, name] of ['Room 1', 'Salle « Étoile » 🍼 '.repeat(6), 'x'.repeat(74), 'y'.repeat(75), 'é'.repeat(40)].entries()) {
        cal.createEvent({ id: `e${i}@test`, start: base, end: new Date(base.getTime() + 1_800_000), stamp: base, summary: name, location: `${name}, floor 1` });
      }
      return cal;
    };
    const expected = `${make().toString()}\r\n`;
    expect(serialize(make())).toBe(expected);
    expectWellFormedLines(expected);
  });
});
