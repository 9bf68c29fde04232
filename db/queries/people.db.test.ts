import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { Refusal } from '@/lib/errors';
import { describeDb } from '@/tests/db';
import { changeRole, endAllSessions, findPersonByEmail, listPeople, setActive, upsertSignedInPerson } from './people';

describeDb('people', (handle) => {
  const db = () => handle().db;
  const person = async (email: string) => (await findPersonByEmail(db(), email))!;

  beforeAll(async () => {
    await seedDemo(db());
  });

  it('finds people by email whatever its case', async () => {
    expect((await findPersonByEmail(db(), ' AMARA@example.com '))?.name).toBe('Amara Okafor');
    expect(await findPersonByEmail(db(), 'nobody@example.com')).toBeUndefined();
  });

  it('lists people with their site, and only active ones when asked', async () => {
    const all = await listPeople(db());
    expect(all.find((p) => p.email === 'chen@example.com')?.siteName).toBe("King's Cross");
    const dana = await person('dana@example.com');
    const admin = await person('admin@example.com');
    await setActive(db(), { id: admin.id }, dana.id, false);
    expect((await listPeople(db(), { activeOnly: true })).map((p) => p.email)).not.toContain('dana@example.com');
    await setActive(db(), { id: admin.id }, dana.id, true);
  });

  it('changes a role, keeps it in the database and writes the audit log', async () => {
    const admin = await person('admin@example.com');
    const beth = await person('beth@example.com');
    const updated = await changeRole(db(), { id: admin.id, ip: '203.0.113.9' }, beth.id, 'hr');
    expect(updated.role).toBe('hr');
    expect((await person('beth@example.com')).role).toBe('hr');
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.targetId, beth.id));
    expect(entry).toMatchObject({ actorId: admin.id, action: 'person.role_changed', detail: { from: 'employee', to: 'hr' }, ip: '203.0.113.9' });
    await changeRole(db(), { id: admin.id }, beth.id, 'employee');
  });

  it('refuses to let an admin change their own role or deactivate themselves', async () => {
    const admin = await person('admin@example.com');
    await expect(changeRole(db(), { id: admin.id }, admin.id, 'employee')).rejects.toThrow(Refusal);
    await expect(setActive(db(), { id: admin.id }, admin.id, false)).rejects.toThrow(/cannot deactivate yourself/);
    expect((await person('admin@example.com')).role).toBe('admin');
    expect((await person('admin@example.com')).active).toBe(true);
  });

  it('answers 404 for someone who does not exist and changes nothing', async () => {
    const admin = await person('admin@example.com');
    const before = await db().select().from(auditLog);
    await expect(changeRole(db(), { id: admin.id }, '00000000-0000-4000-8000-000000000000', 'hr')).rejects.toMatchObject({ reason: 'not_found' });
    expect(await db().select().from(auditLog)).toHaveLength(before.length);
  });

  it('ends every session on deactivation and on "sign out everywhere"', async () => {
    const admin = await person('admin@example.com');
    const chen = await person('chen@example.com');
    const off = await setActive(db(), { id: admin.id }, chen.id, false);
    expect(off.active).toBe(false);
    expect(off.sessionEpoch).toBe(chen.sessionEpoch + 1);
    const on = await setActive(db(), { id: admin.id }, chen.id, true);
    expect(on.active).toBe(true);
    await endAllSessions(db(), chen.id);
    expect((await person('chen@example.com')).sessionEpoch).toBe(on.sessionEpoch + 1);
  });

  it('adds a person on first sign-in with the given role and keeps the stored role after', async () => {
    const first = await upsertSignedInPerson(db(), { email: 'New.Person@Example.com', name: 'New Person', role: 'admin' });
    expect(first).toMatchObject({ email: 'new.person@example.com', role: 'admin', active: true });
    const again = await upsertSignedInPerson(db(), { email: 'new.person@example.com', name: 'New P. Person', role: 'employee' });
    expect(again).toMatchObject({ id: first.id, role: 'admin', name: 'New P. Person' });
  });

  it('stores emails in lower case only, enforced by the database', async () => {
    await expect(db().insert(users).values({ email: 'Mixed@Example.com', name: 'X' })).rejects.toThrow();
  });
});
