import { describe, expect, it } from 'vitest';
import { checkBooking, DEFAULT_POLICY, floorToStep, type BookingCheck } from './booking-rules';
import { weekdayHours } from './opening-hours';
import { zonedInstant } from './time';

const NY = 'America/New_York';
const at = (time: string, date = '2026-03-09') => zonedInstant(date, time, NY);
const base = (over: Partial<BookingCheck> = {}): BookingCheck => ({
  start: at('09:30'),
  end: at('10:00'),
  now: at('08:07'),
  site: { name: 'Hudson Yards', timeZone: NY, openingHours: weekdayHours('07:00', '20:00') },
  room: { name: 'Wellness Room 3', status: 'active', outOfServiceReason: null, openingHours: null },
  policy: DEFAULT_POLICY,
  closures: [],
  ownBookings: [],
  ...over,
});
const refused = (over: Partial<BookingCheck>) => {
  const r = checkBooking(base(over));
  return r.ok ? 'ok' : `${r.rule}: ${r.message}`;
};

describe('booking rules', () => {
  it('accepts a booking that keeps every rule', () => {
    expect(checkBooking(base())).toEqual({ ok: true });
  });

  it('names each rule in plain words', () => {
    expect(refused({ end: at('10:45') })).toBe('length: At Hudson Yards a booking can be at most 60 minutes.');
    expect(refused({ end: at('09:35') })).toBe('length: At Hudson Yards a booking must be at least 10 minutes.');
    expect(refused({ start: at('09:40'), end: at('10:10') })).toMatch(/^step: At Hudson Yards bookings start on the 15-minute marks/);
    expect(refused({ start: at('07:30'), end: at('08:00') })).toMatch(/^past:/);
    expect(refused({ start: at('09:30', '2026-04-09'), end: at('10:00', '2026-04-09') })).toBe('horizon: At Hudson Yards you can book up to 30 days ahead.');
    expect(refused({ start: at('19:45'), end: at('20:15') })).toBe('opening_hours: Wellness Room 3 is open 07:00–20:00 on Mondays.');
    expect(refused({ start: at('09:30', '2026-03-08'), end: at('10:00', '2026-03-08'), now: at('08:00', '2026-03-08') })).toBe(
      'opening_hours: Wellness Room 3 is closed on Sundays.',
    );
    expect(refused({ room: { name: 'Room 21A', status: 'out_of_service', outOfServiceReason: 'Lock repair.', openingHours: null } })).toBe(
      'out_of_service: Room 21A is out of service: Lock repair.',
    );
    expect(refused({ closures: [{ start: at('09:45'), end: at('11:00'), reason: 'Deep clean' }] })).toMatch(/^closure: Wellness Room 3 is out of service from .*: Deep clean$/);
    expect(refused({ ownBookings: [{ start: at('09:45'), end: at('10:15') }] })).toMatch(/^own_overlap: You already have a booking from/);
    const eight = Array.from({ length: 8 }, (_, i) => ({ start: at(`${11 + i}:00`), end: at(`${11 + i}:30`) }));
    expect(refused({ ownBookings: eight })).toBe('per_day: At Hudson Yards you can have at most 8 bookings a day.');
  });

  it('lets a booking start right now or in the slot under way, but not earlier', () => {
    expect(refused({ start: new Date(at('08:07').getTime()), end: at('08:37') })).toBe('ok');
    expect(refused({ start: at('08:00'), end: at('08:30') })).toBe('ok');
    expect(refused({ start: at('07:45'), end: at('08:15') })).toMatch(/^past:/);
  });

  it('lets a round-the-clock room take a night-shift break across midnight, but not a room that closes at 24:00', () => {
    const allDay = { name: 'Quiet Room 12B', status: 'active' as const, outOfServiceReason: null, openingHours: Array(7).fill({ open: '00:00', close: '24:00' }) as never };
    const late = { start: at('23:45'), end: at('00:15', '2026-03-10'), now: at('23:40') };
    expect(refused({ room: allDay, ...late })).toBe('ok');
    // Open until midnight on Mondays only: the next day does not carry it on.
    const mondays = { ...allDay, openingHours: [null, { open: '00:00', close: '24:00' }, null, null, null, null, null] as never };
    expect(refused({ room: mondays, ...late })).toBe('opening_hours: Quiet Room 12B is open 00:00–24:00 on Mondays.');
    // Across midnight into a clock change: still one opening (New York, 7–8 March 2026).
    expect(refused({ room: allDay, start: at('23:45', '2026-03-07'), end: at('00:15', '2026-03-08'), now: at('23:40', '2026-03-07') })).toBe('ok');
  });

  it('uses the room override of opening hours', () => {
    const room = { name: 'Calm Room 5', status: 'active' as const, outOfServiceReason: null, openingHours: weekdayHours('08:00', '18:00') };
    expect(refused({ room, start: at('18:00'), end: at('18:30') })).toBe('opening_hours: Calm Room 5 is open 08:00–18:00 on Mondays.');
  });

  it('treats ranges as half-open: back-to-back bookings of one person are fine', () => {
    expect(refused({ ownBookings: [{ start: at('09:00'), end: at('09:30') }, { start: at('10:00'), end: at('10:30') }] })).toBe('ok');
  });

  it('floors to the step in the site zone', () => {
    expect(floorToStep(at('08:07'), 15, NY)).toEqual(at('08:00'));
  });
});
