/**
 * Room problem reports: what can be wrong with a room, and the words for it. Pure; the
 * reports, the queue and the fix live in db/queries/problems.ts and lib/server/operations/problems.ts.
 */
export const PROBLEM_KINDS = ['cleaning', 'supplies', 'fridge', 'pump', 'lock_privacy', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_KIND_LABELS: Record<ProblemKind, string> = {
  cleaning: 'Needs cleaning',
  supplies: 'Supplies ran out',
  fridge: 'Fridge not working',
  pump: 'Pump not working',
  lock_privacy: 'Lock or privacy',
  other: 'Something else',
};

export const PROBLEM_STATUSES = ['open', 'in_progress', 'fixed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = { open: 'Open', in_progress: 'Being handled', fixed: 'Fixed' };

/** The longest note a report can carry. */
export const MAX_PROBLEM_NOTE = 500;

/** A lock or privacy problem leaves the room unsafe to use: facilities can take it out of service in one step. */
export function warrantsClosing(kind: ProblemKind): boolean {
  return kind === 'lock_privacy';
}

/** Hours from report to fix, for the reports' "time to fix". */
export function hoursToFix(reportedAt: Date, fixedAt: Date): number {
  return Math.max(0, (fixedAt.getTime() - reportedAt.getTime()) / 3_600_000);
}

/** A time to fix as people say it: "40 min", "3.5 h", "2.0 days". */
export function formatHours(h: number): string {
  return h < 1 ? `${Math.max(1, Math.round(h * 60))} min` : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}
