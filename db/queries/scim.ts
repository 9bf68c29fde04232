import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { ScimChange, ScimPerson } from '@/lib/scim';
import type { Db } from '../client';
import { auditLog, users, type User } from '../schema';

export type ScimListParams = { filter: { attribute: 'userName' | 'externalId'; value: string } | null; offset: number; limit: number };

/** People as the provider's SCIM client sees them, oldest first (stable paging). */
export async function listScimPeople(db: Db, params: ScimListParams): Promise<{ total: number; rows: User[] }> {
  const where = params.filter
    ? params.filter.attribute === 'userName'
      ? eq(users.email, params.filter.value)
      : eq(users.scimExternalId, params.filter.value)
    : undefined;
  const [totals] = await db.select({ n: count() }).from(users).where(where);
  const rows = params.limit === 0 ? [] : await db.select().from(users).where(where).orderBy(asc(users.createdAt), asc(users.id)).limit(params.limit).offset(params.offset);
  return { total: totals?.n ?? 0, rows };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findScimPerson(db: Db, id: string): Promise<User | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export type ScimWriteResult = { kind: 'ok'; person: User; created?: boolean } | { kind: 'not-found' } | { kind: 'taken'; what: 'userName' | 'externalId' };

async function audit(tx: Db, action: string, personId: string, detail: Record<string, unknown>, ip: string | null) {
  await tx.insert(auditLog).values({ actorId: null, action, targetType: 'person', targetId: personId, detail: { source: 'scim', ...detail }, ip });
}

/** Who else already holds this email or externalId (the uniqueness SCIM reports as 409). */
async function clash(tx: Db, person: { email?: string; externalId?: string | null }, exceptId: string | null): Promise<'userName' | 'externalId' | null> {
  if (person.email) {
    const [other] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, person.email), exceptId ? ne(users.id, exceptId) : undefined));
    if (other) return 'userName';
  }
  if (person.externalId) {
    const [other] = await tx.select({ id: users.id }).from(users).where(and(eq(users.scimExternalId, person.externalId), exceptId ? ne(users.id, exceptId) : undefined));
    if (other) return 'externalId';
  }
  return null;
}

/** POST /Users: a new person, employee; her role comes from Nook or from her groups at sign-in. */
export async function createScimPerson(db: Db, person: ScimPerson, ip: string | null): Promise<ScimWriteResult> {
  return db.transaction(async (tx) => {
    const taken = await clash(tx, person, null);
    if (taken) return { kind: 'taken', what: taken } as const;
    const [row] = await tx
      .insert(users)
      .values({ email: person.email, name: person.name, scimExternalId: person.externalId, active: person.active, role: 'employee' })
      .returning();
    await audit(tx, 'person.created', row!.id, { active: person.active }, ip);
    return { kind: 'ok', person: row!, created: true } as const;
  });
}

/**
 * PUT and PATCH: changes a person's email, name, externalId and active flag in one transaction.
 * Deactivation raises the session epoch (every session ends at once); each change of the
 * active flag is audited. Nothing about her bookings changes: history stays for retention.
 */
export async function updateScimPerson(db: Db, id: string, change: ScimChange, ip: string | null): Promise<ScimWriteResult> {
  if (!UUID.test(id)) return { kind: 'not-found' };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) return { kind: 'not-found' } as const;
    const taken = await clash(tx, { email: change.email, externalId: change.externalId }, id);
    if (taken) return { kind: 'taken', what: taken } as const;
    const deactivating = change.active === false && before.active;
    const [after] = await tx
      .update(users)
      .set({
        ...(change.email !== undefined ? { email: change.email } : {}),
        ...(change.name ? { name: change.name } : {}),
        ...(change.externalId !== undefined ? { scimExternalId: change.externalId } : {}),
        ...(change.active !== undefined ? { active: change.active } : {}),
        ...(deactivating ? { sessionEpoch: sql`${users.sessionEpoch} + 1` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, id))
      .returning();
    if (change.active !== undefined && change.active !== before.active) {
      await audit(tx, change.active ? 'person.reactivated' : 'person.deactivated', id, {}, ip);
    }
    if (change.email !== undefined && change.email !== before.email) await audit(tx, 'person.email_changed', id, {}, ip);
    return { kind: 'ok', person: after! } as const;
  });
}
