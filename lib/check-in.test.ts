import { describe, expect, it } from 'vitest';
import { checkInState, checkInView, type CheckInFacts } from './check-in';
import { zonedInstant } from './time';

const NY = 'America/New_York';
const at = (time: string) => zonedInstant('2026-03-02', time, NY);
const booking = (b: Partial<CheckInFacts> = {}): CheckInFacts => ({
  status: 'booked',
  start: at('09:30'),
  end: at('10:00'),
  createdAt: at('08:00'),
  checkedInAt: null,
  checkedOutAt: null,
  releasedAt: null,
  checkInRequired: true,
  checkInGraceMin: 10,
  ...b,
});

describe('check-in', () => {
  it('opens 5 minutes before the start and closes at the grace after it', () => {
    expect(checkInState(booking(), at('09:24'))).toEqual({ kind: 'not_yet', opensAt: at('09:25') });
    expect(checkInState(booking(), at('09:25'))).toEqual({ kind: 'open', closesAt: at('09:40') });
    expect(checkInState(booking(), at('09:40'))).toEqual({ kind: 'open', closesAt: at('09:40') });
    expect(checkInState(booking(), new Date(at('09:40').getTime() + 1_000))).toEqual({ kind: 'closed', closedAt: at('09:40') });
  });

  it('counts the grace from when a booking for a slot under way was made', () => {
    expect(checkInState(booking({ createdAt: at('09:45') }), at('09:50'))).toEqual({ kind: 'open', closesAt: at('09:55') });
  });

  it('stays open until the end where the site does not require check-in', () => {
    expect(checkInState(booking({ checkInRequired: false }), at('09:55'))).toEqual({ kind: 'open', closesAt: null });
    expect(checkInState(booking({ checkInRequired: false }), at('10:00'))).toEqual({ kind: 'over' });
  });

  it('offers check-out once checked in, and names released and cancelled bookings', () => {
    expect(checkInState(booking({ checkedInAt: at('09:31') }), at('09:45'))).toEqual({ kind: 'checked_in', canCheckOut: true });
    expect(checkInState(booking({ checkedInAt: at('09:31'), checkedOutAt: at('09:44') }), at('09:45'))).toEqual({ kind: 'checked_in', canCheckOut: false });
    expect(checkInState(booking({ status: 'cancelled', releasedAt: at('09:40') }), at('09:45'))).toEqual({ kind: 'released' });
    expect(checkInState(booking({ status: 'cancelled' }), at('09:30'))).toEqual({ kind: 'cancelled' });
  });

  it('shows times on the site’s wall clock and nothing once check-in is closed', () => {
    expect(checkInView({ ...booking(), timeZone: NY }, at('09:00'))).toEqual({ kind: 'not_yet', opensAt: '09:25' });
    expect(checkInView({ ...booking(), timeZone: NY }, at('09:30'))).toEqual({ kind: 'open', closesAt: '09:40' });
    expect(checkInView({ ...booking(), timeZone: NY }, at('09:50'))).toEqual({ kind: 'none' });
  });
});
