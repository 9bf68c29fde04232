import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { User } from '@/db/schema';
import { hasRole, type Role } from '@/lib/roles';
import { safeCallbackPath } from '@/lib/safe-path';
import { getSessionState } from './session';

/** The path the proxy saw, so sign-in can send people back where they were going. */
async function currentPath(): Promise<string> {
  return safeCallbackPath((await headers()).get('x-nook-path')) ?? '/';
}

/** For pages: the signed-in person, or a redirect to sign-in that comes back here. */
export async function requireUser(): Promise<User> {
  const state = await getSessionState();
  if (state.user) return state.user;
  const params = new URLSearchParams({ callbackUrl: await currentPath() });
  if (state.reason !== 'signed-out') params.set('reason', state.reason);
  redirect(`/signin?${params}`);
}

/** For pages: the signed-in person if their role reaches `role`, else the 403 page. */
export async function requireRole(role: Role): Promise<User> {
  const user = await requireUser();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
