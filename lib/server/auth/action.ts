import { headers } from 'next/headers';
import { z } from 'zod';
import type { Db } from '@/db/client';
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

/**
 * The one wrapper every server action goes through: who is signed in, may they, is the
 * input valid. `access` is a role, or 'public' for sign-in itself. A thrown Refusal
 * becomes a refusal; redirects thrown by the body pass through.
 */
export function defineAction<S extends z.ZodType, A extends Role | 'public'>(
  access: A,
  schema: S,
  body: (input: z.output<S>, ctx: Ctx<A extends 'public' ? User | null : User>) => Promise<ActionState | void>,
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
    try {
      const result = await body(parsed.data, { user: user as never, db: await getDb(), ip: await requestIp() });
      return result ?? { ok: true, status: 200 };
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, status: REFUSAL_STATUS[err.reason], message: err.message };
      if (err instanceof RateLimited) return { ok: false, status: 429, message: err.message };
      throw err;
    }
  };
}
