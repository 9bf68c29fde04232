import { z } from 'zod';
import { MAX_BREAKS_A_DAY, MAX_REQUESTED_BREAK_MIN, MIN_BOOKING_MIN } from './policy';
import { isTimeOfDay, timeOfDay } from './schemas/inputs';

/**
 * Flexible-schedule requests: what an employee asks for, and the life of the request as a
 * pure state machine. draft → submitted → (changes_requested → submitted)* → approved | denied;
 * the employee may withdraw while it is open (draft, submitted, changes_requested).
 */

export const REQUEST_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved', 'denied', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_TYPES = ['break_pattern', 'shifted_hours', 'remote_days', 'other'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  break_pattern: 'Break pattern',
  shifted_hours: 'Shifted hours',
  remote_days: 'Remote days',
  other: 'Other accommodation',
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for HR',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
};

export type RequestAction = 'submit' | 'withdraw' | 'request_changes' | 'approve' | 'deny';
/** Who is acting: the person who made the request, or HR (hr or admin role). */
export type RequestActor = 'owner' | 'hr';

const ACTION_WORDS: Record<RequestAction, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  request_changes: 'sent back for changes',
  approve: 'approved',
  deny: 'denied',
};

/** Each action: who may take it, from which states, and where it leads. */
const TRANSITIONS: Record<RequestAction, { by: RequestActor; from: RequestStatus[]; to: RequestStatus }> = {
  submit: { by: 'owner', from: ['draft', 'changes_requested'], to: 'submitted' },
  withdraw: { by: 'owner', from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn' },
  request_changes: { by: 'hr', from: ['submitted'], to: 'changes_requested' },
  approve: { by: 'hr', from: ['submitted'], to: 'approved' },
  deny: { by: 'hr', from: ['submitted'], to: 'denied' },
};

export type TransitionResult = { ok: true; to: RequestStatus } | { ok: false; message: string };

const STATE_PHRASE: Record<RequestStatus, string> = {
  draft: 'is still a draft',
  submitted: 'is waiting for HR',
  changes_requested: 'is waiting for changes from the employee',
  approved: 'has already been approved',
  denied: 'has already been denied',
  withdrawn: 'has been withdrawn',
};

/** Where `action` by `actor` takes a request in `from`, or why it may not. Changes nothing. */
export function transition(from: RequestStatus, action: RequestAction, actor: RequestActor): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.by !== actor) {
    return {
      ok: false,
      message: rule.by === 'hr' ? `Only HR can have a request ${ACTION_WORDS[action]}.` : `Only the person who made the request can have it ${ACTION_WORDS[action]}.`,
    };
  }
  if (!rule.from.includes(from)) {
    return { ok: false, message: `This request cannot be ${ACTION_WORDS[action]}: it ${STATE_PHRASE[from]}.` };
  }
  return { ok: true, to: rule.to };
}

/** "has already been approved", for messages. */
export function statePhrase(status: RequestStatus): string {
  return STATE_PHRASE[status];
}

/** The employee may change what she asks for while it is a draft or sent back to her. */
export function isEditable(status: RequestStatus): boolean {
  return status === 'draft' || status === 'changes_requested';
}

/** Open requests can still change; the others are final. */
export function isOpen(status: RequestStatus): boolean {
  return status === 'draft' || status === 'submitted' || status === 'changes_requested';
}

export function isDecided(status: RequestStatus): boolean {
  return status === 'approved' || status === 'denied';
}

// ——— What is asked for ———

const bothClocks = (v: { start: unknown; end: unknown }) => isTimeOfDay(v.start) && isTimeOfDay(v.end);
const clock = (label: string) => timeOfDay(`${label} must be a 24-hour time such as 10:30.`, `${label} is needed.`);

export const windowSchema = z
  .object({ start: clock('Window start'), end: clock('Window end') })
  .refine((w) => !bothClocks(w) || w.start < w.end, { error: 'Each preferred window must start before it ends.', path: ['end'] });

export const breakPatternSchema = z.object({
  breaks: z.number({ error: 'Enter how many breaks a day.' }).int({ error: 'Breaks must be a whole number.' }).min(1, { error: 'Ask for at least 1 break a day.' }).max(MAX_BREAKS_A_DAY, { error: `At most ${MAX_BREAKS_A_DAY} breaks a day.` }),
  lengthMin: z
    .number({ error: 'Enter how long each break is.' })
    .int({ error: 'Break length must be a whole number of minutes.' })
    .min(MIN_BOOKING_MIN, { error: `A break is at least ${MIN_BOOKING_MIN} minutes.` })
    .max(MAX_REQUESTED_BREAK_MIN, { error: `A break is at most ${MAX_REQUESTED_BREAK_MIN} minutes.` }),
  windows: z.array(windowSchema).max(6, { error: 'At most 6 preferred windows.' }),
});
export type BreakPattern = z.infer<typeof breakPatternSchema>;

export const WORKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const shiftedHoursSchema = z
  .object({ start: clock('Start time'), end: clock('End time') })
  .refine((v) => !bothClocks(v) || v.start < v.end, { error: 'The working day must start before it ends.', path: ['end'] });

export const remoteDaysSchema = z.object({
  days: z
    .array(z.number().int().min(0).max(6))
    .min(1, { error: 'Choose at least one day to work remotely.' })
    .refine((d) => new Set(d).size === d.length, { error: 'Each day once.' }),
});

export const otherSchema = z.object({
  description: z.string().trim().min(1, { error: 'Describe what you are asking for.' }).max(2000, { error: 'At most 2000 characters.' }),
});

export const detailsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('break_pattern'), ...breakPatternSchema.shape }),
  z.object({ type: z.literal('shifted_hours'), start: clock('Start time'), end: clock('End time') }).refine((v) => !bothClocks(v) || v.start < v.end, { error: 'The working day must start before it ends.', path: ['end'] }),
  z.object({ type: z.literal('remote_days'), ...remoteDaysSchema.shape }),
  z.object({ type: z.literal('other'), ...otherSchema.shape }),
]);
/** The details of a request, tagged with its type: what is stored as JSON. */
export type RequestDetails = z.infer<typeof detailsSchema>;

/** One line saying what is asked for, for lists and the written answer. */
export function describeDetails(d: RequestDetails): string {
  switch (d.type) {
    case 'break_pattern': {
      const base = `${d.breaks} ${d.breaks === 1 ? 'break' : 'breaks'} a day of ${d.lengthMin} minutes`;
      return d.windows.length ? `${base}, preferably ${d.windows.map((w) => `${w.start}–${w.end}`).join(', ')}` : base;
    }
    case 'shifted_hours':
      return `Working hours ${d.start}–${d.end}`;
    case 'remote_days': {
      const ordered = WORKDAYS.filter((day) => d.days.includes(day));
      return `Remote on ${ordered.map((day) => DAY_NAMES[day]).join(', ')}`;
    }
    case 'other':
      return d.description;
  }
}

export const NOTE_MAX = 2000;
export const DECISION_MAX = 4000;
