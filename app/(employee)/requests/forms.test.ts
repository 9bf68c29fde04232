import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveSchema, denySchema, requestFormSchema } from './forms';

const errors = (r: { success: boolean; error?: z.ZodError }) => (r.error ? z.flattenError(r.error).fieldErrors : {});

describe('request form', () => {
  it('reads a break pattern with its preferred windows', () => {
    const r = requestFormSchema.parse({ type: 'break_pattern', breaks: '3', lengthMin: '25', window1Start: '10:00', window1End: '10:45', fromDate: '2026-03-02', intent: 'submit' });
    expect(r).toMatchObject({ submit: true, input: { details: { type: 'break_pattern', breaks: 3, lengthMin: 25, windows: [{ start: '10:00', end: '10:45' }] }, untilDate: null, note: null } });
  });

  it('puts each problem under its own field', () => {
    const r = requestFormSchema.safeParse({ type: 'break_pattern', breaks: '', lengthMin: '500', window2Start: '11:00', window2End: '10:00', fromDate: '2026-02-30', untilDate: 'soon' });
    expect(errors(r)).toEqual({
      breaks: ['Enter how many breaks a day.'],
      lengthMin: ['A break is at most 120 minutes.'],
      window2End: ['Window 2 must end after it starts.'],
      fromDate: ['That date does not exist.'],
      untilDate: ['Use a date such as 2026-03-09.'],
    });
  });

  it('checks remote days, shifted hours, other, and the date order', () => {
    expect(errors(requestFormSchema.safeParse({ type: 'remote_days', fromDate: '2026-03-02' }))).toEqual({ remoteDays: ['Choose at least one day to work remotely.'] });
    expect(requestFormSchema.parse({ type: 'remote_days', remote1: 'on', remote5: 'on', fromDate: '2026-03-02' }).input.details).toEqual({ type: 'remote_days', days: [1, 5] });
    expect(errors(requestFormSchema.safeParse({ type: 'shifted_hours', shiftStart: '9', shiftEnd: '17:00', fromDate: '2026-03-02' }))).toEqual({ shiftStart: ['Start time must be a 24-hour time such as 10:30.'] });
    expect(errors(requestFormSchema.safeParse({ type: 'other', description: ' ', fromDate: '2026-03-02' }))).toEqual({ description: ['Describe what you are asking for.'] });
    expect(errors(requestFormSchema.safeParse({ type: 'other', description: 'A chair', fromDate: '2026-03-02', untilDate: '2026-03-01' }))).toEqual({ untilDate: ['"Until" must be on or after "From".'] });
    expect(errors(requestFormSchema.safeParse({ type: 'teleport', fromDate: '2026-03-02' }))).toHaveProperty('type');
  });

  it('requires a reason to deny, and reads an approval with changes', () => {
    const id = '7d0e8f5e-4b8a-4f61-9d5c-6d1f0c1e2a33';
    expect(errors(denySchema.safeParse({ requestId: id, version: '1', message: '  ' }))).toEqual({ message: ['Write the reason: it becomes the written answer the employee receives.'] });
    expect(approveSchema.parse({ requestId: id, version: '2' })).toEqual({ requestId: id, version: 2, message: null, approvedDetails: null });
    expect(approveSchema.parse({ requestId: id, version: '2', type: 'break_pattern', breaks: '2', lengthMin: '30' })).toEqual({ requestId: id, version: 2, message: null, approvedDetails: null });
    expect(approveSchema.parse({ requestId: id, version: '2', withChanges: 'on', type: 'break_pattern', breaks: '2', lengthMin: '30' }).approvedDetails).toEqual({ type: 'break_pattern', breaks: 2, lengthMin: 30, windows: [] });
  });
});

describe('hostile input', () => {
  it('any strings in any field give a result or field errors, never a crash', async () => {
    const fc = await import('fast-check');
    const fields = ['type', 'breaks', 'lengthMin', 'window1Start', 'window1End', 'shiftStart', 'shiftEnd', 'remote1', 'description', 'fromDate', 'untilDate', 'note', 'intent', 'requestId', 'version'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), fc.oneof(fc.string(), fc.constantFrom('break_pattern', 'remote_days', 'other', 'shifted_hours', '2026-03-02', '10:00', 'on', '-1', '1e9'))), (input) => {
        const r = requestFormSchema.safeParse(input);
        if (r.success) {
          // Whatever gets through is a valid request.
          expect(r.data.input.details).toBeTruthy();
          expect(r.data.input.fromDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        } else {
          expect(r.error.issues.length).toBeGreaterThan(0);
          for (const i of r.error.issues) expect(i.message).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });
});
