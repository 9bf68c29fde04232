import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { findPersonById } from '@/db/queries/people';
import { getDb } from '@/db/runtime';
import type { User } from '@/db/schema';
import { authSecret } from './secret';
import { readSessionToken } from './session-token';

export type SessionState =
  | { user: User; reason?: undefined }
  | { user: null; reason: 'signed-out' | 'deactivated' | 'ended' };

/**
 * Who is signed in, read from the database on every request: a role change, a deactivation
 * or "sign out everywhere" takes effect at the next request, whatever the cookie says.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const claims = await readSessionToken((await cookies()).getAll(), authSecret());
  if (!claims) return { user: null, reason: 'signed-out' };
  const person = await findPersonById(await getDb(), claims.uid);
  if (!person) return { user: null, reason: 'signed-out' };
  if (!person.active) return { user: null, reason: 'deactivated' };
  if (claims.epoch !== person.sessionEpoch) return { user: null, reason: 'ended' };
  return { user: person };
});

export async function getCurrentUser(): Promise<User | null> {
  return (await getSessionState()).user;
}
