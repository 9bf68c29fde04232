import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changeAnswer, closureSchema, policySchema, roomFrom, roomShape, siteFrom, siteShape } from './forms';

const site = z.object(siteShape).transform(siteFrom);
const room = z.object(roomShape).transform(roomFrom);
const fieldErrors = (result: z.ZodSafeParseResult<unknown>) => (result.success ? {} : z.flattenError(result.error).fieldErrors);

describe('admin form fields', () => {
  it('reads opening hours per weekday and puts each problem beside its day', () => {
    const ok = site.parse({ name: ' Canary Wharf ', timeZone: 'Europe/London', open1: '08:00', close1: '18:00', open6: '00:00', close6: '24:00' });
    expect(ok).toEqual({
      name: 'Canary Wharf',
      address: '',
      timeZone: 'Europe/London',
      openingHours: [null, { open: '08:00', close: '18:00' }, null, null, null, null, { open: '00:00', close: '24:00' }],
      jurisdiction: null,
    });
    expect(site.parse({ name: 'X', timeZone: 'America/Chicago', jurisdiction: 'US-IL' }).jurisdiction).toBe('US-IL');
    expect(fieldErrors(site.safeParse({ name: 'X', timeZone: 'America/Chicago', jurisdiction: 'US-TX' }))).toEqual({ jurisdiction: ['Choose a jurisdiction from the list.'] });
    const bad = site.safeParse({ name: 'X', timeZone: 'Europe/London', open1: '08:00', open2: '18:00', close2: '08:00', open3: '8am', close3: '17:00' });
    expect(fieldErrors(bad)).toEqual({
      close1: ['Enter both times for Monday, or leave both empty if closed.'],
      close2: ['Tuesday: Closing time must be after opening time.'],
      open3: ['Wednesday: Use a 24-hour time such as 08:30.'],
    });
    expect(fieldErrors(site.safeParse({ name: 'X', timeZone: 'Mars/Olympus' }))).toEqual({ timeZone: ['Choose a time zone from the list, such as America/New_York.'] });
  });

  it('needs a reason for a room out of service and reads amenities and its own hours', () => {
    expect(fieldErrors(room.safeParse({ name: 'Pod', stations: '1', status: 'out_of_service' }))).toEqual({
      outOfServiceReason: ['Say why the room is out of service: people see the reason.'],
    });
    const parsed = room.parse({ name: 'Pod', stations: '2', status: 'active', amenity_chair: 'on', amenity_sink_nearby: 'on', open1: '09:00', close1: '17:00' });
    expect(parsed).toMatchObject({ stations: 2, amenities: ['chair', 'sink_nearby'], openingHours: null, outOfServiceReason: null });
    expect(room.parse({ name: 'Pod', stations: '2', status: 'active', ownHours: 'on', open1: '09:00', close1: '17:00' }).openingHours?.[1]).toEqual({ open: '09:00', close: '17:00' });
  });

  it('names the policy field that is wrong', () => {
    const policy = { siteId: '00000000-0000-4000-8000-000000000000', slotStepMin: '15', minLengthMin: '10', maxLengthMin: '60', horizonDays: '30', maxPerDay: '8', bufferMin: '0', checkInGraceMin: '10' };
    expect(fieldErrors(policySchema.safeParse({ ...policy, defaultLengthMin: '75' }))).toEqual({
      defaultLengthMin: ['Default length must be between the minimum and maximum length.'],
    });
    expect(policySchema.parse({ ...policy, defaultLengthMin: '30' })).toMatchObject({ defaultLengthMin: 30, checkInRequired: false });
  });

  it('refuses a window that ends before it starts', () => {
    const window = { roomId: '00000000-0000-4000-8000-000000000000', startDate: '2026-03-09', startTime: '14:00', endDate: '2026-03-09', endTime: '12:00', reason: 'Deep clean' };
    expect(fieldErrors(closureSchema.safeParse(window))).toEqual({ endTime: ['The window must end after it starts.'] });
  });

  it('asks before a change that moves or cancels bookings, and says what it did after', () => {
    expect(changeAnswer({ done: false, affected: { moved: 2, cancelled: 1 } }, 'Room saved.')).toEqual({
      ok: false,
      status: 409,
      confirm: true,
      message: 'This change affects 3 upcoming bookings. 2 will move to a free station or room at the same time and 1 will be cancelled, and each person will be told.',
    });
    expect(changeAnswer({ done: true, value: null, affected: { moved: 0, cancelled: 0 } }, 'Room saved.')).toEqual({ ok: true, status: 200, message: 'Room saved.' });
  });

  it('refuses an out-of-service window on a date that does not exist, never rolling it over', () => {
    const base = { roomId: '00000000-0000-4000-8000-000000000000', startTime: '09:00', endTime: '10:00', reason: 'Deep clean', confirm: '1' };
    expect(fieldErrors(closureSchema.safeParse({ ...base, startDate: '2026-02-31', endDate: '2026-03-01' }))).toMatchObject({ startDate: ['That date does not exist.'] });
    expect(fieldErrors(closureSchema.safeParse({ ...base, startDate: '2026-03-01', endDate: '2026-02-29' }))).toMatchObject({ endDate: ['That date does not exist.'] });
    expect(fieldErrors(closureSchema.safeParse({ ...base, startDate: '', endDate: '2028-02-29' }))).toMatchObject({ startDate: ['Choose a date.'] });
    expect(closureSchema.safeParse({ ...base, startDate: '2028-02-29', endDate: '2028-02-29' }).success).toBe(true);
  });
});
