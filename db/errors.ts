/** SQLSTATE and constraint of a database error, wherever the driver or drizzle put them. */
export function pgError(err: unknown): { code?: string; constraint?: string } {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const o = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code)) {
      const constraint = typeof o.constraint === 'string' ? o.constraint : typeof o.constraint_name === 'string' ? o.constraint_name : undefined;
      return { code: o.code, constraint };
    }
    e = o.cause;
  }
  return {};
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
export const DEADLOCK = '40P01';

/** Runs a transaction again when PostgreSQL chose it to yield in a deadlock (40P01), up to `tries` runs in all. */
export async function retryOnDeadlock<T>(run: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= tries || pgError(err).code !== DEADLOCK) throw err;
    }
  }
}
