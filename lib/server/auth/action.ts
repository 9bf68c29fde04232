import 'server-only';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { enforceRateLimit, type RateLimitBucket } from '@/db/queries/rate-limits';
import { getDb } from '@/db/runtime';
import type { User } from '@/db/schema';
import { RateLimited, Refusal, REFUSAL_STATUS } from '@/lib/errors';
import { hasRole, type Role } from '@/lib/roles';
import { getCurrentUser } from './session';

import type { ActionState } from '@/lib/action-state';

export type { ActionState };

type Ctx<U> = { user: U; db: Db; ip: string | null };


function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue;
    // A field sent more than once (checkboxes, repeated inputs) arrives as an array.
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || null;
}

/** A page whose cached render an action makes stale: a path, or a layout and everything under it. */
export type Stale = string | { layout: string };

export type ActionOptions<In> = {
  /** Counts the call against this bucket for the signed-in person before the body runs (429 past the limit). */
  rateLimit?: RateLimitBucket;
  /** What to revalidate once the body answers ok: a fixed list, or one worked out from the input and the answer. */
  revalidate?: Stale[] | ((input: In, state: ActionState) => Stale[]);
};

/** Next.js signals redirect() with an error whose digest starts NEXT_REDIRECT. */
const isRedirect = (err: unknown) => typeof (err as { digest?: unknown } | null)?.digest === 'string' && (err as { digest: string }).digest.startsWith('NEXT_REDIRECT');

function revalidate(stale: Stale[]) {
  for (const s of stale) {
    if (typeof s === 'string') revalidatePath(s);
    else revalidatePath(s.layout, 'layout');
  }
}

/**
 * The one wrapper every server action goes through: who is signed in, may they, is the
 * input valid, are they within the rate limit. `access` is a role, or 'public' for sign-in
 * itself. A thrown Refusal becomes a refusal with its reason's status; redirects thrown by
 * the body pass through. On success the pages named in `options.revalidate` are made stale.
 */
export function defineAction<S extends z.ZodType, A extends Role | 'public'>(
  access: A,
  schema: S,
  body: (input: z.output<S>, ctx: Ctx<A extends 'public' ? User | null : User>) => Promise<ActionState | void>,
  options: ActionOptions<z.output<S>> = {},
) {
  // Works both with useActionState (state, formData) and as a plain <form action> (formData).
  return async function action(prevOrForm: ActionState | FormData | undefined, maybeForm?: FormData): Promise<ActionState> {
    const formData = prevOrForm instanceof FormData ? prevOrForm : (maybeForm ?? new FormData());
    const user = await getCurrentUser();
    if (access !== 'public') {
      if (!user) return { ok: false, status: 401, message: 'Your session has ended. Sign in again to continue.' };
      if (!hasRole(user.role, access)) return { ok: false, status: 403, message: 'You do not have access to do that.' };
    }
    const parsed = schema.safeParse(formToObject(formData));
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error);
      return {
        ok: false,
        status: 422,
        message: flat.formErrors[0] ?? 'Please correct the highlighted fields.',
        fields: flat.fieldErrors as Record<string, string[]>,
      };
    }
    const done = (state: ActionState) => {
      if (state.ok && options.revalidate) revalidate(typeof options.revalidate === 'function' ? options.revalidate(parsed.data, state) : options.revalidate);
      return state;
    };
    try {
      const db = await getDb();
      if (options.rateLimit && user) await enforceRateLimit(db, options.rateLimit, user.id);
      return done((await body(parsed.data, { user: user as never, db, ip: await requestIp() })) ?? { ok: true, status: 200 });
    } catch (err) {
      // A body that redirects when it is done (after creating a site, say) has succeeded too.
      if (isRedirect(err)) done({ ok: true, status: 303 });
      if (err instanceof Refusal) {
        // What the refusal carries for the page (the alternatives when a room is full) comes back as data.
        const data = Object.keys(err.extra).length ? err.extra : undefined;
        return { ok: false, status: REFUSAL_STATUS[err.reason], message: err.message, ...(data ? { data } : {}) };
      }
      if (err instanceof RateLimited) return { ok: false, status: 429, message: err.message };
      throw err;
    }
  };
}
