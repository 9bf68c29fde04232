/** Why an operation refused, in the domain's words; each transport picks its own answer for it. */
export type RefusalReason = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

/**
 * A refusal with a message meant for the person who asked: bad input the schema could not
 * see, a conflict, something not found. It says nothing of HTTP: the action and route
 * wrappers in lib/server/auth turn its reason into their answer.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    public reason: RefusalReason = 'invalid',
    public extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** The HTTP status a transport answers for each reason. */
export const REFUSAL_STATUS = { invalid: 422, not_found: 404, conflict: 409, forbidden: 403 } as const satisfies Record<RefusalReason, number>;

/** Too many attempts in a window: answered as 429 with Retry-After (routes) or a message (actions). */
export class RateLimited extends Error {
  status = 429 as const;
  constructor(
    message: string,
    public retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimited';
  }
}

/** "in 3 minutes", "in 40 seconds": how long someone must wait, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
