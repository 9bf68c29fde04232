import type { BookingPolicy } from './booking-rules';

/** A site's booking rules as an admin sets them. */
export type PolicyValues = BookingPolicy & { checkInGraceMin: number; checkInRequired: boolean };
export type PolicyNumber = Exclude<keyof PolicyValues, 'checkInRequired'>;

// ——— The policy ceilings, defined once ———
// The admin form, the input schemas, the database's CHECKs (db/schema.ts) and the queries all
// read these; change one here and write a migration for the CHECK it appears in.

/** The shortest booking (or planned break) any site may allow, in minutes. */
export const MIN_BOOKING_MIN = 5;
/** The longest booking (or planned break) any site may allow, in minutes. */
export const MAX_BOOKING_MIN = 240;
/** The longest buffer after a booking any site may set, in minutes. */
export const MAX_BUFFER_MIN = 60;
/** The longest a booking can hold a station: the ceilings on length and buffer together. */
export const LONGEST_HOLD_MIN = MAX_BOOKING_MIN + MAX_BUFFER_MIN;

type Range = { min: number; max: number };

/** The most breaks a day a plan can hold, or a request can ask for. */
export const MAX_BREAKS_A_DAY = 12;
/** The longest break a schedule request can ask for, in minutes. */
export const MAX_REQUESTED_BREAK_MIN = 120;
/** The most stations a room can have. */
export const MAX_STATIONS = 20;

/** The allowed range of each number of a site's policy. */
export const POLICY_LIMITS = {
  slotStepMin: { min: 5, max: 60 },
  minLengthMin: { min: MIN_BOOKING_MIN, max: MAX_BOOKING_MIN },
  maxLengthMin: { min: MIN_BOOKING_MIN, max: MAX_BOOKING_MIN },
  defaultLengthMin: { min: MIN_BOOKING_MIN, max: MAX_BOOKING_MIN },
  horizonDays: { min: 1, max: 365 },
  maxPerDay: { min: 1, max: 48 },
  bufferMin: { min: 0, max: MAX_BUFFER_MIN },
  checkInGraceMin: { min: 0, max: 60 },
} as const satisfies Record<PolicyNumber, Range>;

/** Business days HR may be given to answer a schedule request. */
export const REPLY_DEADLINE_DAYS = { min: 1, max: 30 } as const satisfies Range;
/** Days personal data may be kept (bookings' people, closed requests). */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const satisfies Range;

/** Each number of a policy with its label, unit and allowed range (the same as the database's checks). */
export const POLICY_NUMBERS: { name: PolicyNumber; label: string; unit: string; min: number; max: number; hint: string }[] = [
  { name: 'slotStepMin', label: 'Slot step', unit: 'minutes', ...POLICY_LIMITS.slotStepMin, hint: 'Bookings start on these marks, e.g. every 15 minutes.' },
  { name: 'minLengthMin', label: 'Minimum length', unit: 'minutes', ...POLICY_LIMITS.minLengthMin, hint: 'The shortest booking.' },
  { name: 'maxLengthMin', label: 'Maximum length', unit: 'minutes', ...POLICY_LIMITS.maxLengthMin, hint: 'The longest booking.' },
  { name: 'defaultLengthMin', label: 'Default length', unit: 'minutes', ...POLICY_LIMITS.defaultLengthMin, hint: 'What a booking lasts unless the person chooses otherwise.' },
  { name: 'horizonDays', label: 'Booking horizon', unit: 'days', ...POLICY_LIMITS.horizonDays, hint: 'How far ahead people can book.' },
  { name: 'maxPerDay', label: 'Daily limit per person', unit: 'bookings', ...POLICY_LIMITS.maxPerDay, hint: 'Pump breaks are often 2–4 a day; keep room for more.' },
  { name: 'bufferMin', label: 'Buffer after each booking', unit: 'minutes', ...POLICY_LIMITS.bufferMin, hint: 'Time to clean a station before the next person.' },
  { name: 'checkInGraceMin', label: 'Check-in grace', unit: 'minutes', ...POLICY_LIMITS.checkInGraceMin, hint: 'How long after the start a booking waits for check-in.' },
];

/** What is wrong with a policy, per field, in words an admin can act on; empty when nothing is. */
export function policyProblems(p: PolicyValues): Partial<Record<PolicyNumber, string>> {
  const problems: Partial<Record<PolicyNumber, string>> = {};
  for (const { name, label, unit, min, max } of POLICY_NUMBERS) {
    const value = p[name];
    if (!Number.isInteger(value) || value < min || value > max) problems[name] = `${label} must be a whole number from ${min} to ${max} ${unit}.`;
  }
  const lengthsValid = !problems.minLengthMin && !problems.maxLengthMin;
  if (lengthsValid && p.minLengthMin > p.maxLengthMin) {
    problems.maxLengthMin = 'Maximum length must be at least the minimum length.';
  } else if (lengthsValid && !problems.defaultLengthMin && (p.defaultLengthMin < p.minLengthMin || p.defaultLengthMin > p.maxLengthMin)) {
    problems.defaultLengthMin = 'Default length must be between the minimum and maximum length.';
  }
  return problems;
}
