import { describe, expect, it } from 'vitest';
import { dateParam, id, instant, isCalendarDate, isId, isTimeOfDay, minutes, optionalDate, requiredDate, timeOfDay } from './inputs';

const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('input building blocks', () => {
  it('a required date says what is missing, then what is wrong, one message at a time', () => {
    const d = requiredDate('Choose a date.');
    expect(messages(d.safeParse(''))).toEqual(['Choose a date.']);
    expect(messages(d.safeParse(undefined))).toEqual(['Choose a date.']);
    expect(messages(d.safeParse('9 March'))).toEqual(['Use a date such as 2026-03-09.']);
    expect(messages(d.safeParse('2026-02-31'))).toEqual(['That date does not exist.']);
    expect(d.parse(' 2026-03-09 ')).toBe('2026-03-09');
  });

  it('an optional date reads empty as left out', () => {
    expect(optionalDate.parse('')).toBeUndefined();
    expect(optionalDate.parse(undefined)).toBeUndefined();
    expect(optionalDate.parse('2028-02-29')).toBe('2028-02-29');
    expect(messages(optionalDate.safeParse('2027-02-29'))).toEqual(['That date does not exist.']);
  });

  it('a date in a query string falls back to nothing rather than rolling over', () => {
    expect(dateParam('2026-03-09')).toBe('2026-03-09');
    expect(dateParam('2026-02-31')).toBeUndefined();
    expect(dateParam(['2026-03-09'])).toBeUndefined();
    expect(isCalendarDate('2026-04-30')).toBe(true);
    expect(isCalendarDate('2026-04-31')).toBe(false);
  });

  it('a time of day is 00:00 to 23:59 on the 24-hour clock, refused in the words of its field', () => {
    for (const good of ['00:00', '09:30', '23:59']) expect(isTimeOfDay(good), good).toBe(true);
    for (const bad of ['24:00', '9:30', '09:60', '09:30:00', ' 09:30']) expect(isTimeOfDay(bad), bad).toBe(false);
    expect(messages(timeOfDay('Choose a time, such as 09:00.', 'Choose a time.').safeParse(undefined))).toEqual(['Choose a time.']);
    expect(messages(timeOfDay('Choose a time, such as 09:00.').safeParse('25:00'))).toEqual(['Choose a time, such as 09:00.']);
  });

  it('an instant needs its offset, a day that exists and a year Nook takes', () => {
    expect(instant.parse('2026-03-09T09:30:00-04:00').toISOString()).toBe('2026-03-09T13:30:00.000Z');
    expect(messages(instant.safeParse('2026-02-29T10:00:00Z'))).toEqual(['That date does not exist.']);
    expect(messages(instant.safeParse('2026-03-09T09:30:00'))).toEqual(['Give a date and time in ISO 8601 with its offset, for example 2026-03-09T09:30:00-04:00.']);
    expect(messages(instant.safeParse(42))).toEqual(['Give a date and time in ISO 8601 with its offset, for example 2026-03-09T09:30:00-04:00.']);
  });

  it('an id is a uuid, refused in the words of its field', () => {
    expect(messages(id('Choose a room.').safeParse('room-1'))).toEqual(['Choose a room.']);
    expect(isId('6f1c2a8e-3b7d-4e2a-9c1f-0a1b2c3d4e5f')).toBe(true);
    expect(isId("1' or '1'='1")).toBe(false);
  });

  it('a length is whole minutes within its bounds', () => {
    const m = minutes({ min: 5, max: 240, tooShort: 'A break is at least 5 minutes.', tooLong: 'A break is at most 240 minutes.' });
    expect(m.parse('30')).toBe(30);
    expect(messages(m.safeParse('241'))).toEqual(['A break is at most 240 minutes.']);
    expect(messages(m.safeParse('4'))).toEqual(['A break is at least 5 minutes.']);
    expect(messages(m.safeParse('7.5'))).toEqual(['Give whole minutes.']);
    expect(messages(m.safeParse('soon'))).toEqual(['Give a length in minutes.']);
  });
});
