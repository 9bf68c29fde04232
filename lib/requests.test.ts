import { describe, expect, it } from 'vitest';
import { isCalendarDate } from './schemas/inputs';
import {
  describeDetails,
  detailsSchema,
  isEditable,
  REQUEST_STATUSES,
  transition,
  type RequestAction,
  type RequestActor,
  type RequestStatus,
} from './requests';

/** Every allowed move; anything not listed here must be refused. */
const ALLOWED: [RequestStatus, RequestAction, RequestActor, RequestStatus][] = [
  ['draft', 'submit', 'owner', 'submitted'],
  ['changes_requested', 'submit', 'owner', 'submitted'],
  ['draft', 'withdraw', 'owner', 'withdrawn'],
  ['submitted', 'withdraw', 'owner', 'withdrawn'],
  ['changes_requested', 'withdraw', 'owner', 'withdrawn'],
  ['submitted', 'request_changes', 'hr', 'changes_requested'],
  ['submitted', 'approve', 'hr', 'approved'],
  ['submitted', 'deny', 'hr', 'denied'],
];
const ACTIONS: RequestAction[] = ['submit', 'withdraw', 'request_changes', 'approve', 'deny'];
const ACTORS: RequestActor[] = ['owner', 'hr'];

describe('request state machine', () => {
  for (const [from, action, actor, to] of ALLOWED) {
    it(`${from} --${action} by ${actor}--> ${to}`, () => {
      expect(transition(from, action, actor)).toEqual({ ok: true, to });
    });
  }

  const refused = REQUEST_STATUSES.flatMap((from) =>
    ACTIONS.flatMap((action) => ACTORS.map((actor) => [from, action, actor] as const)),
  ).filter(([from, action, actor]) => !ALLOWED.some(([f, a, b]) => f === from && a === action && b === actor));

  it('refuses every other combination (status × action × actor)', () => {
    expect(refused).toHaveLength(REQUEST_STATUSES.length * ACTIONS.length * ACTORS.length - ALLOWED.length);
  });
  for (const [from, action, actor] of refused) {
    it(`refuses ${action} by ${actor} from ${from} with a message`, () => {
      const r = transition(from, action, actor);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^(Only|This request cannot be)/);
    });
  }

  it('says why in words: a decided request cannot be decided again', () => {
    expect(transition('approved', 'deny', 'hr')).toEqual({ ok: false, message: 'This request cannot be denied: it has already been approved.' });
    expect(transition('withdrawn', 'submit', 'owner')).toEqual({ ok: false, message: 'This request cannot be submitted: it has been withdrawn.' });
    expect(transition('submitted', 'approve', 'owner')).toEqual({ ok: false, message: 'Only HR can have a request approved.' });
    expect(transition('draft', 'submit', 'hr')).toEqual({ ok: false, message: 'Only the person who made the request can have it submitted.' });
  });

  it('lets the employee edit only a draft or a request sent back to her', () => {
    expect(REQUEST_STATUSES.filter(isEditable)).toEqual(['draft', 'changes_requested']);
  });
});

describe('request details', () => {
  it('accepts each type', () => {
    expect(detailsSchema.parse({ type: 'break_pattern', breaks: 3, lengthMin: 30, windows: [{ start: '10:00', end: '11:00' }] })).toBeTruthy();
    expect(detailsSchema.parse({ type: 'shifted_hours', start: '07:00', end: '15:00' })).toBeTruthy();
    expect(detailsSchema.parse({ type: 'remote_days', days: [1, 5] })).toBeTruthy();
    expect(detailsSchema.parse({ type: 'other', description: 'A fridge nearby' })).toBeTruthy();
  });

  it('refuses bad details with a clear message', () => {
    const msg = (v: unknown) => detailsSchema.safeParse(v).error?.issues[0]?.message;
    expect(msg({ type: 'break_pattern', breaks: 0, lengthMin: 30, windows: [] })).toBe('Ask for at least 1 break a day.');
    expect(msg({ type: 'break_pattern', breaks: 2, lengthMin: 300, windows: [] })).toBe('A break is at most 120 minutes.');
    expect(msg({ type: 'break_pattern', breaks: 2, lengthMin: 30, windows: [{ start: '11:00', end: '10:00' }] })).toBe('Each preferred window must start before it ends.');
    expect(msg({ type: 'shifted_hours', start: '7am', end: '15:00' })).toBe('Start time must be a 24-hour time such as 10:30.');
    expect(msg({ type: 'shifted_hours', start: '16:00', end: '15:00' })).toBe('The working day must start before it ends.');
    expect(msg({ type: 'remote_days', days: [] })).toBe('Choose at least one day to work remotely.');
    expect(msg({ type: 'other', description: '   ' })).toBe('Describe what you are asking for.');
    expect(detailsSchema.safeParse({ type: 'teleport' }).success).toBe(false);
  });

  it('describes what is asked for in one line', () => {
    expect(describeDetails({ type: 'break_pattern', breaks: 3, lengthMin: 25, windows: [{ start: '10:00', end: '10:45' }, { start: '14:00', end: '14:45' }] })).toBe(
      '3 breaks a day of 25 minutes, preferably 10:00–10:45, 14:00–14:45',
    );
    expect(describeDetails({ type: 'remote_days', days: [5, 1] })).toBe('Remote on Monday, Friday');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });
});
