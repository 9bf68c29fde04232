import 'server-only';
import type { Db } from '@/db/client';
import { signInWithProvider } from '@/db/queries/people';
import { type GroupRoleMapping, type IdentityRefusal, identityFromClaims, roleFromGroups } from '@/lib/oidc-identity';
import { parseAdminEmails, roleForNewPerson } from '@/lib/roles';

/** What the sign-in page is told (its `error` parameter) and what the server log says. */
export type ProviderSignInOutcome =
  | { ok: true; personId: string }
  | { ok: false; reason: IdentityRefusal | 'deactivated' | 'EmailTaken'; log: string };

const LOG: Record<IdentityRefusal, string> = {
  NoSubject: 'the provider sent no usable `sub` claim',
  EmailRequired: 'the provider sent no email claim, neither in the ID token nor from UserInfo (is the `email` scope released to Nook?)',
  EmailUnverified: 'the provider says the email is not verified (email_verified: false)',
};

/**
 * Decides an OpenID Connect sign-in from the provider's merged claims: refuses a missing
 * subject or email and an email the provider calls unverified, then finds or adds the person
 * (db/queries/people.ts) and applies the role the provider's groups give. Logs name the cause,
 * never the email or a token.
 */
export async function decideProviderSignIn(
  db: Db,
  claims: Record<string, unknown>,
  options: { groupsClaim: string; groupRoles: GroupRoleMapping; adminEmails: string | undefined; ip?: string | null },
): Promise<ProviderSignInOutcome> {
  const read = identityFromClaims(claims, options.groupsClaim);
  if (!read.ok) return { ok: false, reason: read.reason, log: LOG[read.reason] };
  const { identity } = read;
  const admins = parseAdminEmails(options.adminEmails);
  const result = await signInWithProvider(db, {
    subject: identity.subject,
    email: identity.email,
    name: identity.name,
    newPersonRole: roleForNewPerson(identity.email, admins),
    groupRole: roleFromGroups(identity.groups, options.groupRoles, admins.has(identity.email)),
    ip: options.ip ?? null,
  });
  if (result.kind === 'deactivated') return { ok: false, reason: 'deactivated', log: `person ${result.person.id} is deactivated in Nook` };
  if (result.kind === 'email-taken') {
    return { ok: false, reason: 'EmailTaken', log: 'the email belongs to a person already tied to another subject at the provider' };
  }
  return { ok: true, personId: result.person.id };
}
