import { z } from 'zod';

/** SCIM 2.0 (RFC 7643 / RFC 7644) as Nook serves it at /scim/v2: people only, no groups. */
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_CONTENT_TYPE = 'application/scim+json';
/** Largest request body accepted (bytes): a person is a few hundred. */
export const SCIM_MAX_BODY = 64 * 1024;
export const SCIM_MAX_COUNT = 200;

export type ScimErrorType = 'invalidFilter' | 'invalidValue' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'mutability' | 'uniqueness' | 'tooMany';

/** A refusal in SCIM's own error format (RFC 7644 §3.12). */
export class ScimError extends Error {
  constructor(
    public status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 501,
    message: string,
    public scimType?: ScimErrorType,
  ) {
    super(message);
    this.name = 'ScimError';
  }
  body() {
    return { schemas: [SCIM_ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.message };
  }
}

const email = z.string().trim().toLowerCase().pipe(z.email().max(320));
const text = (max: number) => z.string().trim().max(max);

const nameSchema = z
  .object({ formatted: text(200).optional(), givenName: text(100).optional(), familyName: text(100).optional(), middleName: text(100).optional(), honorificPrefix: text(50).optional(), honorificSuffix: text(50).optional() })
  .strict();
const emailEntry = z.object({ value: z.string().max(320), type: text(40).optional(), primary: z.boolean().optional(), display: text(320).optional() }).strict();

/**
 * The person's attributes Nook keeps from a SCIM User. Attributes Nook does not keep but that
 * providers always send (phone numbers, title, locale, the enterprise extension…) are accepted
 * and ignored, as RFC 7643 allows a service provider to; anything else is refused as unknown.
 */
const IGNORED = z.unknown().optional();
export const scimUserSchema = z
  .object({
    schemas: z.array(z.string().max(200)).max(10).optional(),
    id: z.string().max(100).optional(),
    externalId: text(255).min(1).optional(),
    userName: email,
    name: nameSchema.optional(),
    displayName: text(200).optional(),
    nickName: text(200).optional(),
    emails: z.array(emailEntry).max(10).optional(),
    active: z.boolean().optional(),
    meta: IGNORED,
    title: IGNORED,
    locale: IGNORED,
    preferredLanguage: IGNORED,
    timezone: IGNORED,
    userType: IGNORED,
    phoneNumbers: IGNORED,
    addresses: IGNORED,
    password: IGNORED,
    groups: IGNORED,
    roles: IGNORED,
    profileUrl: IGNORED,
    [SCIM_ENTERPRISE_SCHEMA]: IGNORED,
  })
  .strict();
export type ScimUserInput = z.output<typeof scimUserSchema>;

/** What Nook stores for a SCIM User: email (userName), display name, externalId, active. */
export type ScimPerson = { email: string; name: string; externalId: string | null; active: boolean };

export function personFromScim(input: ScimUserInput): ScimPerson {
  const given = [input.name?.givenName, input.name?.familyName].filter(Boolean).join(' ');
  const name = input.displayName || input.name?.formatted || given || input.userName;
  return { email: input.userName, name: name.slice(0, 200), externalId: input.externalId ?? null, active: input.active ?? true };
}

/** Reads a validation failure as a SCIM error naming the attribute. */
export function scimValidationError(error: z.ZodError): ScimError {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the request';
  if (issue?.code === 'unrecognized_keys') return new ScimError(400, `Unknown attribute ${issue.keys.join(', ')}.`, 'invalidSyntax');
  return new ScimError(400, `Invalid value for ${where}: ${issue?.message ?? 'not valid'}.`, 'invalidValue');
}

/** Only `userName eq "…"` and `externalId eq "…"` (what Okta and Entra ID send), case-insensitive attribute and operator. */
export function parseScimFilter(filter: string | undefined): { attribute: 'userName' | 'externalId'; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  if (filter.length > 500) throw new ScimError(400, 'The filter is too long.', 'invalidFilter');
  const m = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!m) throw new ScimError(400, 'Nook supports only the filters userName eq "…" and externalId eq "…".', 'invalidFilter');
  const attribute = m[1]!.toLowerCase() === 'username' ? 'userName' : 'externalId';
  const value = m[2]!.replace(/\\(.)/g, '$1');
  return { attribute, value: attribute === 'userName' ? value.trim().toLowerCase() : value };
}

/** startIndex (1-based) and count, clamped as RFC 7644 §3.4.2.4 says: below 1 counts as 1, count at most the maximum. */
export function parsePaging(startIndex: string | undefined, count: string | undefined): { offset: number; limit: number } {
  const int = (v: string | undefined, fallback: number) => {
    if (v === undefined || v === '') return fallback;
    if (!/^-?\d{1,9}$/.test(v)) throw new ScimError(400, 'startIndex and count must be whole numbers.', 'invalidValue');
    return Number(v);
  };
  const start = Math.max(1, int(startIndex, 1));
  const limit = Math.min(SCIM_MAX_COUNT, Math.max(0, int(count, 100)));
  return { offset: start - 1, limit };
}

const patchOp = z
  .object({
    op: z.string().max(20),
    path: z.string().max(200).optional(),
    value: z.unknown().optional(),
  })
  .strict();
export const scimPatchSchema = z
  .object({
    schemas: z.array(z.string().max(200)).max(5),
    Operations: z.array(patchOp).min(1).max(50),
  })
  .strict();

/** What a PATCH may change: Okta and Entra ID send `active`, names, `externalId` and `userName`. */
export type ScimChange = Partial<{ active: boolean; email: string; name: string; externalId: string | null; givenName: string; familyName: string }>;

const boolish = (v: unknown): boolean => {
  if (typeof v === 'boolean') return v;
  // Entra ID has sent "True"/"False" as strings.
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new ScimError(400, 'active must be true or false.', 'invalidValue');
};
const str = (v: unknown, what: string, max: number): string => {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) throw new ScimError(400, `${what} must be a non-empty string.`, 'invalidValue');
  return v.trim();
};

function applyAttribute(change: ScimChange, path: string, value: unknown) {
  switch (path.toLowerCase()) {
    case 'active':
      change.active = boolish(value);
      return;
    case 'username': {
      const parsed = email.safeParse(value);
      if (!parsed.success) throw new ScimError(400, 'userName must be an email address.', 'invalidValue');
      change.email = parsed.data;
      return;
    }
    case 'displayname':
    case 'name.formatted':
      change.name = str(value, 'displayName', 200);
      return;
    case 'name.givenname':
      change.givenName = str(value, 'name.givenName', 100);
      return;
    case 'name.familyname':
      change.familyName = str(value, 'name.familyName', 100);
      return;
    case 'externalid':
      change.externalId = str(value, 'externalId', 255);
      return;
    case 'name':
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ScimError(400, 'name must be an object.', 'invalidValue');
      for (const [k, v] of Object.entries(value)) applyAttribute(change, `name.${k}`, v);
      return;
    default:
      // Attributes Nook does not keep (title, phone numbers, emails[…], the enterprise extension…).
      if (/^(title|locale|preferredlanguage|timezone|usertype|nickname|phonenumbers|addresses|emails|roles|name\.(middlename|honorificprefix|honorificsuffix))(\[|\.|$)/i.test(path)) return;
      if (path.toLowerCase().startsWith(SCIM_ENTERPRISE_SCHEMA.toLowerCase())) return;
      throw new ScimError(400, `Nook cannot change ${path.slice(0, 100)}.`, 'invalidPath');
  }
}

/** Reads a PatchOp into the one change it makes (all or nothing: any bad operation refuses the whole request). */
export function changeFromPatch(body: unknown): ScimChange {
  const parsed = scimPatchSchema.safeParse(body);
  if (!parsed.success) throw scimValidationError(parsed.error);
  if (!parsed.data.schemas.includes(SCIM_PATCH_SCHEMA)) throw new ScimError(400, `A PATCH must carry the schema ${SCIM_PATCH_SCHEMA}.`, 'invalidSyntax');
  const change: ScimChange = {};
  for (const op of parsed.data.Operations) {
    const kind = op.op.toLowerCase();
    if (kind !== 'replace' && kind !== 'add') {
      if (kind === 'remove') throw new ScimError(400, 'Nook does not remove attributes; set active to false to deactivate someone.', 'mutability');
      throw new ScimError(400, `Unknown operation ${op.op.slice(0, 20)}.`, 'invalidSyntax');
    }
    if (op.path) {
      applyAttribute(change, op.path, op.value);
    } else {
      // No path: the value is an object of attributes (Okta's and Entra's deactivation: { active: false }).
      if (!op.value || typeof op.value !== 'object' || Array.isArray(op.value)) throw new ScimError(400, 'An operation without a path needs an object value.', 'invalidValue');
      for (const [k, v] of Object.entries(op.value)) applyAttribute(change, k, v);
    }
  }
  if (change.givenName !== undefined || change.familyName !== undefined) {
    change.name ??= [change.givenName, change.familyName].filter(Boolean).join(' ');
  }
  return change;
}

export type ScimUserRow = { id: string; email: string; name: string; active: boolean; scimExternalId: string | null; createdAt: Date; updatedAt: Date };

/** A person as a SCIM User resource. */
export function toScimUser(row: ScimUserRow, base: string) {
  return {
    schemas: [SCIM_USER_SCHEMA],
    id: row.id,
    ...(row.scimExternalId ? { externalId: row.scimExternalId } : {}),
    userName: row.email,
    displayName: row.name,
    name: { formatted: row.name },
    emails: [{ value: row.email, type: 'work', primary: true }],
    active: row.active,
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${base}/scim/v2/Users/${row.id}`,
    },
  };
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [SCIM_LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
