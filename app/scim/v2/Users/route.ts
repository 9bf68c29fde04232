import { createScimPerson, listScimPeople } from '@/db/queries/scim';
import { defineScimRoute, scimJson } from '@/lib/server/auth/scim-route';
import { ScimError, listResponse, parsePaging, parseScimFilter, personFromScim, scimUserSchema, scimValidationError, toScimUser } from '@/lib/scim';

/** GET /scim/v2/Users?filter=userName eq "…"&startIndex=&count= */
export const GET = defineScimRoute({}, async ({ req, db, base }) => {
  const q = new URL(req.url).searchParams;
  const filter = parseScimFilter(q.get('filter') ?? undefined);
  const { offset, limit } = parsePaging(q.get('startIndex') ?? undefined, q.get('count') ?? undefined);
  const { total, rows } = await listScimPeople(db, { filter, offset, limit });
  return scimJson(listResponse(rows.map((r) => toScimUser(r, base)), total, offset + 1));
});

/** POST /scim/v2/Users: provisions a person (201), 409 when her userName or externalId is taken. */
export const POST = defineScimRoute({ body: true }, async ({ db, body, base, ip }) => {
  const parsed = scimUserSchema.safeParse(body);
  if (!parsed.success) throw scimValidationError(parsed.error);
  const result = await createScimPerson(db, personFromScim(parsed.data), ip);
  if (result.kind === 'taken') throw new ScimError(409, `Someone already has that ${result.what}.`, 'uniqueness');
  if (result.kind !== 'ok') throw new ScimError(404, 'Not found.');
  const user = toScimUser(result.person, base);
  return scimJson(user, 201, { Location: user.meta.location });
});
