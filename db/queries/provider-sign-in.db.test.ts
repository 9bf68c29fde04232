import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { decideProviderSignIn } from '@/lib/server/auth/provider-sign-in';
import { describeDb } from '@/tests/db';
import { findPersonByEmail, findPersonBySubject, setActive } from './people';

describeDb('sign-in through the identity provider', (handle) => {
  const db = () => handle().db;
  const noGroups = { groupsClaim: 'groups', groupRoles: null, adminEmails: 'boss@acme.test' };
  const groups = { groupsClaim: 'groups', groupRoles: { hr: new Set(['Nook HR']), admin: new Set(['Nook Admins']) }, adminEmails: undefined };

  beforeAll(async () => {
    await seedDemo(db());
  });

  it('adds someone new on her first sign-in, remembers her subject, and makes AUTH_ADMIN_EMAILS admin', async () => {
    const first = await decideProviderSignIn(db(), { sub: 'sub-new-1', email: 'New.One@Acme.test', name: 'New One' }, noGroups);
    expect(first.ok).toBe(true);
    expect(await findPersonBySubject(db(), 'sub-new-1')).toMatchObject({ email: 'new.one@acme.test', name: 'New One', role: 'employee' });
    await decideProviderSignIn(db(), { sub: 'sub-boss', email: 'boss@acme.test', name: 'Boss' }, noGroups);
    expect((await findPersonBySubject(db(), 'sub-boss'))?.role).toBe('admin');
  });

  it('finds the same person by subject after her email changes at the provider', async () => {
    const before = (await findPersonBySubject(db(), 'sub-new-1'))!;
    const again = await decideProviderSignIn(db(), { sub: 'sub-new-1', email: 'renamed@acme.test', name: 'New Renamed' }, noGroups);
    expect(again).toEqual({ ok: true, personId: before.id });
    expect(await findPersonBySubject(db(), 'sub-new-1')).toMatchObject({ id: before.id, email: 'renamed@acme.test', name: 'New Renamed' });
    expect(await findPersonByEmail(db(), 'new.one@acme.test')).toBeUndefined();
  });

  it('links an existing person (seeded or provisioned) by email at her first sign-in, keeping her role', async () => {
    const hr = (await findPersonByEmail(db(), 'hr@example.com'))!;
    const out = await decideProviderSignIn(db(), { sub: 'sub-hr', email: 'hr@example.com' }, noGroups);
    expect(out).toEqual({ ok: true, personId: hr.id });
    expect(await findPersonBySubject(db(), 'sub-hr')).toMatchObject({ id: hr.id, role: 'hr', oidcSubject: 'sub-hr' });
  });

  it('refuses another subject presenting an email already tied to someone', async () => {
    const out = await decideProviderSignIn(db(), { sub: 'sub-intruder', email: 'hr@example.com' }, noGroups);
    expect(out).toMatchObject({ ok: false, reason: 'EmailTaken' });
    expect(await findPersonBySubject(db(), 'sub-intruder')).toBeUndefined();
  });

  it('refuses a missing email, an unverified one and a missing subject, with the cause for the log', async () => {
    expect(await decideProviderSignIn(db(), { sub: 'sub-x' }, noGroups)).toMatchObject({ ok: false, reason: 'EmailRequired', log: expect.stringContaining('UserInfo') });
    expect(await decideProviderSignIn(db(), { sub: 'sub-x', email: 'x@acme.test', email_verified: false }, noGroups)).toMatchObject({ ok: false, reason: 'EmailUnverified' });
    expect(await decideProviderSignIn(db(), { email: 'x@acme.test' }, noGroups)).toMatchObject({ ok: false, reason: 'NoSubject' });
    expect(await findPersonByEmail(db(), 'x@acme.test')).toBeUndefined();
  });

  it('keeps a deactivated person out and leaves her record untouched', async () => {
    const admin = (await findPersonByEmail(db(), 'admin@example.com'))!;
    const dana = (await findPersonByEmail(db(), 'dana@example.com'))!;
    await setActive(db(), { id: admin.id }, dana.id, false);
    const out = await decideProviderSignIn(db(), { sub: 'sub-dana', email: 'dana@example.com', name: 'Someone Else' }, noGroups);
    expect(out).toMatchObject({ ok: false, reason: 'deactivated' });
    expect(await findPersonByEmail(db(), 'dana@example.com')).toMatchObject({ name: dana.name, active: false, oidcSubject: null });
  });

  it('applies the group mapping at every sign-in and audits each change', async () => {
    await decideProviderSignIn(db(), { sub: 'sub-g', email: 'grace@acme.test', groups: ['Nook HR', 'Everyone'] }, groups);
    const grace = (await findPersonBySubject(db(), 'sub-g'))!;
    expect(grace.role).toBe('hr');
    await decideProviderSignIn(db(), { sub: 'sub-g', email: 'grace@acme.test', groups: ['Nook Admins'] }, groups);
    expect((await findPersonBySubject(db(), 'sub-g'))?.role).toBe('admin');
    await decideProviderSignIn(db(), { sub: 'sub-g', email: 'grace@acme.test', groups: ['Everyone'] }, groups);
    expect((await findPersonBySubject(db(), 'sub-g'))?.role).toBe('employee');
    const changes = await db()
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, grace.id), eq(auditLog.action, 'person.role_changed')))
      .orderBy(auditLog.id);
    expect(changes.map((c) => [c.detail.from, c.detail.to])).toEqual([
      ['hr', 'admin'],
      ['admin', 'employee'],
    ]);
    // Signing in again with the same groups changes nothing and audits nothing.
    await decideProviderSignIn(db(), { sub: 'sub-g', email: 'grace@acme.test', groups: ['Everyone'] }, groups);
    const after = await db().select().from(auditLog).where(and(eq(auditLog.targetId, grace.id), eq(auditLog.action, 'person.role_changed')));
    expect(after).toHaveLength(2);
  });

  it('leaves roles to Nook when no mapping is configured', async () => {
    const beth = (await findPersonByEmail(db(), 'beth@example.com'))!;
    await db().update(users).set({ role: 'hr' }).where(eq(users.id, beth.id));
    await decideProviderSignIn(db(), { sub: 'sub-beth', email: 'beth@example.com', groups: [] }, noGroups);
    expect((await findPersonBySubject(db(), 'sub-beth'))?.role).toBe('hr');
  });
});
