import { eraseOnProviderDelete } from '@/lib/server/operations/data-rights';
import { findScimPerson, updateScimPerson } from '@/db/queries/scim';
import { defineScimRoute, scimJson } from '@/lib/server/auth/scim-route';
import { ScimError, changeFromPatch, personFromScim, scimUserSchema, scimValidationError, toScimUser } from '@/lib/scim';

const notFound = () => new ScimError(404, 'No such user.');

/** GET /scim/v2/Users/{id} */
export const GET = defineScimRoute({}, async ({ db, params, base }) => {
  const person = await findScimPerson(db, params.id ?? '');
  if (!person) throw notFound();
  return scimJson(toScimUser(person, base));
});

/** PUT /scim/v2/Users/{id}: replaces userName, name, externalId and active. */
export const PUT = defineScimRoute({ body: true }, async ({ db, params, body, base, ip }) => {
  const parsed = scimUserSchema.safeParse(body);
  if (!parsed.success) throw scimValidationError(parsed.error);
  const person = personFromScim(parsed.data);
  const result = await updateScimPerson(db, params.id ?? '', { email: person.email, name: person.name, externalId: person.externalId, active: person.active }, ip);
  if (result.kind === 'not-found') throw notFound();
  if (result.kind === 'taken') throw new ScimError(409, `Someone else already has that ${result.what}.`, 'uniqueness');
  return scimJson(toScimUser(result.person, base));
});

/** PATCH /scim/v2/Users/{id}: PatchOp on active, userName, names, externalId (all operations or none). */
export const PATCH = defineScimRoute({ body: true }, async ({ db, params, body, base, ip }) => {
  const change = changeFromPatch(body);
  const result = await updateScimPerson(db, params.id ?? '', change, ip);
  if (result.kind === 'not-found') throw notFound();
  if (result.kind === 'taken') throw new ScimError(409, `Someone else already has that ${result.what}.`, 'uniqueness');
  return scimJson(toScimUser(result.person, base));
});

/**
 * DELETE /scim/v2/Users/{id}: deactivates her (every session ends); then, where her site says
 * so, erases her data as an erasure request would; otherwise her history stays for retention. 204.
 */
export const DELETE = defineScimRoute({}, async ({ db, params, ip }) => {
  const result = await updateScimPerson(db, params.id ?? '', { active: false }, ip);
  if (result.kind === 'not-found') throw notFound();
  if (result.kind === 'ok') await eraseOnProviderDelete(db, result.person.id, new Date(), ip);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
