import type { BookingPolicy } from './booking-rules';

/** A site's booking rules as an admin sets them. */
export type PolicyValues = BookingPolicy & { checkInGraceMin: number; checkInRequired: boolean };
export type PolicyNumber = Exclude<keyof PolicyValues, 'checkInRequired'>;

/** Each number of a policy with its label, unit and allowed range (the same as the database's checks). */
export const POLICY_NUMBERS: { name: PolicyNumber; label: string; unit: string; min: number; max: number; hint: string }[] = [
  { name: 'slotStepMin', label: 'Slot step', unit: 'minutes', min: 5, max: 60, hint: 'Bookings start on these marks, e.g. every 15 minutes.' },
  { name: 'minLengthMin', label: 'Minimum length', unit: 'minutes', min: 5, max: 240, hint: 'The shortest booking.' },
  { name: 'maxLengthMin', label: 'Maximum length', unit: 'minutes', min: 5, max: 240, hint: 'The longest booking.' },
  { name: 'defaultLengthMin', label: 'Default length', unit: 'minutes', min: 5, max: 240, hint: 'What a booking lasts unless the person chooses otherwise.' },
  { name: 'horizonDays', label: 'Booking horizon', unit: 'days', min: 1, max: 365, hint: 'How far ahead people can book.' },
  { name: 'maxPerDay', label: 'Daily limit per person', unit: 'bookings', min: 1, max: 48, hint: 'Pump breaks are often 2–4 a day; keep room for more.' },
  { name: 'bufferMin', label: 'Buffer after each booking', unit: 'minutes', min: 0, max: 60, hint: 'Time to clean a station before the next person.' },
  { name: 'checkInGraceMin', label: 'Check-in grace', unit: 'minutes', min: 0, max: 60, hint: 'How long after the start a booking waits for check-in.' },
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
