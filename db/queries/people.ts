import type { PersonRow } from '@/lib/people';
import { and, asc, eq, sql } from 'drizzle-orm';
import { Refusal } from '@/lib/errors';
import type { Role } from '@/lib/roles';
import type { Db } from '../client';
import { auditLog, sites, users, type User } from '../schema';

export async function findPersonById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findPersonByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

/**
 * Finds the person signing in through the identity provider, or adds them on first sign-in
 * with the role `AUTH_ADMIN_EMAILS` gives them. An existing person keeps the role the
 * database holds; the provider's name refreshes theirs.
 */
export async function upsertSignedInPerson(db: Db, input: { email: string; name: string; role: Role }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim() || email;
  const [row] = await db
    .insert(users)
    .values({ email, name, role: input.role })
    .onConflictDoUpdate({ target: users.email, set: { name, updatedAt: sql`now()` } })
    .returning();
  if (!row) throw new Error('Could not record the person signing in');
  return row;
}

export type { PersonRow };

export async function listPeople(db: Db, options: { activeOnly?: boolean; limit?: number } = {}): Promise<PersonRow[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, siteName: sites.name })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(options.activeOnly ? eq(users.active, true) : undefined)
    .orderBy(asc(users.name), asc(users.email))
    .limit(options.limit ?? 500);
}

type Actor = { id: string; ip?: string | null };

/** Changes someone's role. Takes effect at their next request, since roles are read per request. */
export async function changeRole(db: Db, actor: Actor, personId: string, role: Role): Promise<User> {
  if (personId === actor.id) throw new Refusal('You cannot change your own role; ask another admin.', 'conflict');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, personId)).for('update');
    if (!before) throw new Refusal('That person no longer exists.', 'not_found');
    if (before.role === role) return before;
    const [after] = await tx
      .update(users)
      .set({ role, updatedAt: sql`now()` })
      .where(eq(users.id, personId))
      .returning();
    await tx.insert(auditLog).values({
      actorId: actor.id,
      action: 'person.role_changed',
      targetType: 'person',
      targetId: personId,
      detail: { from: before.role, to: role },
      ip: actor.ip ?? null,
    });
    return after!;
  });
}

/** Deactivates (ending every session at once) or reactivates someone. */
export async function setActive(db: Db, actor: Actor, personId: string, active: boolean): Promise<User> {
  if (personId === actor.id) throw new Refusal('You cannot deactivate yourself; ask another admin.', 'conflict');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, personId)).for('update');
    if (!before) throw new Refusal('That person no longer exists.', 'not_found');
    if (before.active === active) return before;
    const [after] = await tx
      .update(users)
      .set({
        active,
        updatedAt: sql`now()`,
        ...(active ? {} : { sessionEpoch: sql`${users.sessionEpoch} + 1` }),
      })
      .where(eq(users.id, personId))
      .returning();
    await tx.insert(auditLog).values({
      actorId: actor.id,
      action: active ? 'person.reactivated' : 'person.deactivated',
      targetType: 'person',
      targetId: personId,
      detail: {},
      ip: actor.ip ?? null,
    });
    return after!;
  });
}

/** Ends every session of this person on every device. */
export async function endAllSessions(db: Db, personId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionEpoch: sql`${users.sessionEpoch} + 1` })
    .where(eq(users.id, personId));
}

export async function setReminders(db: Db, userId: string, enabled: boolean): Promise<void> {
  await db.update(users).set({ remindersEnabled: enabled, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function findPersonBySubject(db: Db, subject: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

export type ProviderSignInParams = {
  subject: string;
  email: string;
  name: string;
  /** Role for someone new when no group mapping is configured (AUTH_ADMIN_EMAILS). */
  newPersonRole: Role;
  /** The role the provider's groups give at this sign-in; null when roles are managed in Nook. */
  groupRole: Role | null;
  ip?: string | null;
};

export type ProviderSignInResult =
  | { kind: 'ok'; person: User; created: boolean }
  | { kind: 'deactivated'; person: User }
  /** Her email belongs to a person already tied to another subject at the provider. */
  | { kind: 'email-taken' };

/**
 * Finds the person signing in through the identity provider by its subject (`sub`), or on her
 * first sign-in by her email (then remembers the subject), or adds her. Refreshes her name and,
 * when nobody else holds it, her email; applies the role the provider's groups give (audited).
 * A deactivated person is returned untouched. One transaction, the person's row locked.
 */
export async function signInWithProvider(db: Db, input: ProviderSignInParams): Promise<ProviderSignInResult> {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim() || email;
  return db.transaction(async (tx) => {
    let [person] = await tx.select().from(users).where(eq(users.oidcSubject, input.subject)).for('update');
    if (!person) {
      const [byEmail] = await tx.select().from(users).where(eq(users.email, email)).for('update');
      if (byEmail?.oidcSubject) return { kind: 'email-taken' } as const;
      person = byEmail;
    }
    let created = false;
    if (!person) {
      const role = input.groupRole ?? input.newPersonRole;
      const [row] = await tx.insert(users).values({ email, name, role, oidcSubject: input.subject }).returning();
      person = row!;
      created = true;
      await tx.insert(auditLog).values({
        actorId: person.id,
        action: 'person.created',
        targetType: 'person',
        targetId: person.id,
        detail: { source: 'sign-in', role },
        ip: input.ip ?? null,
      });
      return { kind: 'ok', person, created } as const;
    }
    if (!person.active) return { kind: 'deactivated', person } as const;
    let newEmail = person.email;
    if (email !== person.email) {
      const [holder] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!holder) newEmail = email;
    }
    const role = input.groupRole ?? person.role;
    const [after] = await tx
      .update(users)
      .set({ name, email: newEmail, role, oidcSubject: input.subject, updatedAt: sql`now()` })
      .where(eq(users.id, person.id))
      .returning();
    if (role !== person.role) {
      await tx.insert(auditLog).values({
        actorId: person.id,
        action: 'person.role_changed',
        targetType: 'person',
        targetId: person.id,
        detail: { from: person.role, to: role, source: 'identity provider groups' },
        ip: input.ip ?? null,
      });
    }
    return { kind: 'ok', person: after!, created } as const;
  });
}

/** The ids of everyone active with exactly this role (who is told of a request, a room problem). */
export async function activeIdsWithRole(db: Db, role: Role): Promise<string[]> {
  return (await db.select({ id: users.id }).from(users).where(and(eq(users.role, role), eq(users.active, true)))).map((r) => r.id);
}
