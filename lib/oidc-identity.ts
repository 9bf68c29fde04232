import type { Role } from './roles';

/**
 * Who the identity provider says is signing in, from the ID token's claims and the UserInfo
 * answer merged (UserInfo wins where both have a claim: it is the provider's current view).
 */
export type ProviderIdentity = {
  subject: string;
  email: string;
  name: string;
  /** The groups claim, when the provider sent one (null: it sent none). */
  groups: string[] | null;
};

/** Why a sign-in is refused before Nook looks at its own records. Each has a sentence on the sign-in page. */
export type IdentityRefusal = 'NoSubject' | 'EmailRequired' | 'EmailUnverified';

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}$/;

/** Merges the ID token's claims with the UserInfo answer: UserInfo wins, except for `sub` which must match. */
export function mergeClaims(idToken: Record<string, unknown> | undefined, userinfo: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...(idToken ?? {}), ...(userinfo ?? {}), ...(idToken?.sub !== undefined ? { sub: idToken.sub } : {}) };
}

function groupList(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  // A single group may come as a string; group names can contain spaces ("Nook HR"), so it is one name.
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return [];
}

/**
 * Reads the person from the provider's claims. `email_verified: false` (or "false") is refused:
 * the provider itself says the address is not proven. An absent `email_verified` is accepted,
 * since many workforce providers (Entra ID, Okta for directory users) never send it for
 * addresses their own directory manages.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  groupsClaim: string,
): { ok: true; identity: ProviderIdentity } | { ok: false; reason: IdentityRefusal } {
  const subject = typeof claims.sub === 'string' ? claims.sub.trim() : '';
  if (!subject || subject.length > 255) return { ok: false, reason: 'NoSubject' };
  const rawEmail = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!rawEmail || !EMAIL.test(rawEmail)) return { ok: false, reason: 'EmailRequired' };
  if (claims.email_verified === false || claims.email_verified === 'false') return { ok: false, reason: 'EmailUnverified' };
  const given = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
  const name = (typeof claims.name === 'string' && claims.name.trim()) || given || rawEmail;
  return { ok: true, identity: { subject, email: rawEmail, name: name.slice(0, 200), groups: groupList(claims[groupsClaim]) } };
}

/** Which group names mean HR and admin. Null: roles are managed in Nook only. */
export type GroupRoleMapping = { hr: Set<string>; admin: Set<string> } | null;

export function parseGroupNames(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
  );
}

/**
 * The role the provider's groups give at this sign-in: admin if she is in an admin group, else
 * HR if in an HR group, else employee. No groups claim at all counts as no groups. A person
 * listed in AUTH_ADMIN_EMAILS stays admin whatever her groups (so the groups cannot lock every
 * admin out). Null when no mapping is configured.
 */
export function roleFromGroups(groups: string[] | null, mapping: GroupRoleMapping, isListedAdmin: boolean): Role | null {
  if (!mapping) return null;
  if (isListedAdmin) return 'admin';
  const mine = new Set(groups ?? []);
  if ([...mapping.admin].some((g) => mine.has(g))) return 'admin';
  if ([...mapping.hr].some((g) => mine.has(g))) return 'hr';
  return 'employee';
}
