'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { findPersonByEmail } from '@/db/queries/people';
import { countSignInAttempt } from '@/db/queries/rate-limits';
import { defineAction } from '@/lib/server/auth/action';
import { signIn } from '@/lib/server/auth/config';
import { env } from '@/lib/env';
import { ROLE_HOME } from '@/lib/roles';
import { safeCallbackPath } from '@/lib/safe-path';

const demoSignInSchema = z.object({
  email: z.email({ error: 'Choose a person to sign in as.' }).max(320),
  callbackUrl: z.string().max(2000).optional(),
});

/** Demo sign-in: only when demo sign-in is on (embedded default, or AUTH_DEMO=1). */
export const demoSignInAction = defineAction('public', demoSignInSchema, async ({ email, callbackUrl }, { db, ip }) => {
  if (!env().demoSignIn) return { ok: false, status: 403, message: 'Demo sign-in is turned off here.' };
  // The attempt itself is counted where the demo provider checks it (lib/auth/demo-authorize.ts),
  // so a POST straight to /api/auth/callback/demo counts too; here it is only looked at.
  const limited = await countSignInAttempt(db, email, ip, false);
  if (limited) return { ok: false, status: 429, message: limited.message };
  const person = await findPersonByEmail(db, email);
  if (!person) return { ok: false, status: 422, message: 'There is no one with that email in this demo.' };
  if (!person.active) return { ok: false, status: 403, message: `${person.name}'s access has been turned off.` };
  try {
    await signIn('demo', { email, redirectTo: safeCallbackPath(callbackUrl) ?? ROLE_HOME[person.role] });
  } catch (err) {
    if (err instanceof AuthError) {
      const over = await countSignInAttempt(db, email, ip, false);
      if (over) return { ok: false, status: 429, message: over.message };
      return { ok: false, status: 401, message: 'Sign-in failed. Please try again.' };
    }
    throw err;
  }
});

const oidcSignInSchema = z.object({ callbackUrl: z.string().max(2000).optional() });

/** Sends the person to the workplace's identity provider. */
export const oidcSignInAction = defineAction('public', oidcSignInSchema, async ({ callbackUrl }, { db, ip }) => {
  if (!env().oidc) return { ok: false, status: 403, message: 'Single sign-on is not configured here.' };
  const limited = await countSignInAttempt(db, null, ip);
  if (limited) return { ok: false, status: 429, message: limited.message };
  await signIn('oidc', { redirectTo: safeCallbackPath(callbackUrl) ?? '/' });
});
