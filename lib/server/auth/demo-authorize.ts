import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { findPersonByEmail } from '@/db/queries/people';
import { countSignInAttempt } from '@/db/queries/rate-limits';

const demoCredentials = z.object({ email: z.email().max(320) });

/** The client address the proxy in front of Nook reports (first X-Forwarded-For hop). */
export function ipFromHeaders(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || null;
}

/**
 * The demo provider's check. Every attempt counts against the sign-in limits (per email and
 * per client address), whether it comes through the sign-in page or straight to
 * /api/auth/callback/demo; over a limit, or for an unknown or deactivated person, no one.
 */
export async function authorizeDemo(db: Db, input: unknown, ip: string | null) {
  const parsed = demoCredentials.safeParse(input);
  if (!parsed.success) return null;
  if (await countSignInAttempt(db, parsed.data.email, ip)) return null;
  const person = await findPersonByEmail(db, parsed.data.email);
  if (!person || !person.active) return null;
  return { id: person.id, email: person.email, name: person.name };
}
