/**
 * /scim/v2 as Okta and Microsoft Entra ID drive it: the request sequences their SCIM
 * documentation shows (connection test, create, read, update, deactivate, delete), then
 * what a hostile or broken client gets: SCIM errors, never a 500 or a partial write.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { describeDb } from './db';

const TOKEN = 'scim-test-token-0123456789abcdefghijklmnop';
const state = vi.hoisted(() => {
  process.env.SCIM_TOKEN = 'scim-test-token-0123456789abcdefghijklmnop';
  process.env.RATE_LIMIT_SCIM = '10000/1m';
  return { handle: null as DbHandle | null };
});
vi.mock('@/db/runtime', () => ({ getDb: async () => state.handle!.db, database: async () => state.handle! }));

const users$ = await import('@/app/scim/v2/Users/route');
const user$ = await import('@/app/scim/v2/Users/[id]/route');
const config$ = await import('@/app/scim/v2/ServiceProviderConfig/route');

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = 'http://localhost:3000/scim/v2';

async function call(handler: Handler, method: string, path: string, body?: unknown, options: { token?: string | null; type?: string; id?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.9' };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  if (body !== undefined || options.raw !== undefined) headers['content-type'] = options.type ?? 'application/scim+json';
  const res = await handler(new Request(`${BASE}${path}`, { method, headers, body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)) }), {
    params: Promise.resolve((options.id ? { id: options.id } : {}) as Record<string, string>),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null, headers: res.headers };
}
const q = (s: string) => encodeURIComponent(s);

describeDb('SCIM 2.0 provisioning', (handle) => {
  const db = () => handle().db;
  const person = async (email: string) => (await db().select().from(users).where(eq(users.email, email)))[0];

  beforeAll(async () => {
    state.handle = handle();
    await seedDemo(db());
  });

  it("follows Okta's sequence: look up, create, read, replace, deactivate by PATCH", async () => {
    const lookup = await call(users$.GET, 'GET', `/Users?filter=${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
    expect(lookup.status).toBe(200);
    expect(lookup.type).toContain('application/scim+json');
    expect(lookup.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await call(users$.POST, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: 'test.user@okta.local', displayName: 'Test User', externalId: '00ujl29u0le5T6Aj10h7', active: true, meta: { resourceType: 'User' } });
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`${BASE}/Users/${id}`);
    expect(await person('test.user@okta.local')).toMatchObject({ role: 'employee', active: true, scimExternalId: '00ujl29u0le5T6Aj10h7' });

    const again = await call(users$.GET, 'GET', `/Users?filter=${q('userName eq "test.user@okta.local"')}&startIndex=1&count=100`);
    expect(again.body.totalResults).toBe(1);
    expect(again.body.Resources[0].id).toBe(id);
    expect((await call(user$.GET, 'GET', `/Users/${id}`, undefined, { id })).body.userName).toBe('test.user@okta.local');

    const replaced = await call(
      user$.PUT,
      'PUT',
      `/Users/${id}`,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Another User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        active: true,
        meta: { resourceType: 'User' },
      },
      { id },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.displayName).toBe('Another User');

    const epoch = (await person('test.user@okta.local'))!.sessionEpoch;
    const off = await call(user$.PATCH, 'PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }, { id });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    // Every session of hers ends at once.
    expect(await person('test.user@okta.local')).toMatchObject({ active: false, sessionEpoch: epoch + 1 });
    const audited = await db().select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audited.map((a) => a.action).sort()).toEqual(['person.created', 'person.deactivated']);

    const on = await call(user$.PATCH, 'PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] }, { id });
    expect(on.body.active).toBe(true);
  });

  it("follows Microsoft Entra ID's sequence: connection test, create, filter, patch, disable, delete", async () => {
    const probe = await call(users$.GET, 'GET', `/Users?filter=${q('userName eq "ffd3a0e4-3d4e-4f6c-9a28-2b1c1b0f0c6a"')}`);
    expect(probe.status).toBe(200);
    expect(probe.body.totalResults).toBe(0);

    const created = await call(users$.POST, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee@testuser.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName: 'test_user_ab6490ee@testuser.com', displayName: 'givenName familyName', active: true });

    const byExternal = await call(users$.GET, 'GET', `/Users?filter=${q('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternal.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);

    const patched = await call(
      user$.PATCH,
      'PATCH',
      `/Users/${id}`,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'Replace', path: 'userName', value: 'renamed.user@testuser.com' },
          { op: 'Replace', path: 'displayName', value: 'Renamed User' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'renamed.user@testuser.com' },
          { op: 'Replace', path: 'name.familyName', value: 'User' },
          { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' },
        ],
      },
      { id },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ userName: 'renamed.user@testuser.com', displayName: 'Renamed User' });

    // Entra ID has sent the flag as "False" as well as false.
    const disabled = await call(user$.PATCH, 'PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }, { id });
    expect(disabled.body.active).toBe(false);

    const gone = await call(user$.DELETE, 'DELETE', `/Users/${id}`, undefined, { id });
    expect(gone.status).toBe(204);
    // Deleted means deactivated: the record stays for retention, and reads still find it.
    expect(await person('renamed.user@testuser.com')).toMatchObject({ active: false });
    expect((await call(user$.GET, 'GET', `/Users/${id}`, undefined, { id })).body.active).toBe(false);
  });

  it('pages with startIndex and count, and describes itself', async () => {
    const all = await call(users$.GET, 'GET', '/Users?startIndex=1&count=2');
    expect(all.body.itemsPerPage).toBe(2);
    expect(all.body.totalResults).toBeGreaterThan(2);
    const next = await call(users$.GET, 'GET', '/Users?startIndex=3&count=2');
    expect(next.body.startIndex).toBe(3);
    expect(next.body.Resources[0].id).not.toBe(all.body.Resources[0].id);
    const none = await call(users$.GET, 'GET', '/Users?count=0');
    expect(none.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
    expect((await call(config$.GET, 'GET', '/ServiceProviderConfig')).body.patch).toEqual({ supported: true });
  });

  it('answers SCIM errors for a missing or wrong token, bad filters and unknown people', async () => {
    const noToken = await call(users$.GET, 'GET', '/Users', undefined, { token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    expect(noToken.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call(users$.GET, 'GET', '/Users', undefined, { token: `${TOKEN}x` })).status).toBe(401);
    expect((await call(users$.GET, 'GET', `/Users?filter=${q('name.familyName co "x"')}`)).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await call(users$.GET, 'GET', '/Users?startIndex=abc')).status).toBe(400);
    for (const id of ['00000000-0000-4000-8000-000000000000', '../../api/health', 'x'.repeat(500)]) {
      const res = await call(user$.GET, 'GET', `/Users/${q(id)}`, undefined, { id });
      expect(res.status).toBe(404);
      expect(res.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    }
  });

  it('refuses wrong types, unknown attributes, huge bodies and duplicates with no write at all', async () => {
    const before = await db().select({ id: users.id, email: users.email, active: users.active, name: users.name }).from(users).orderBy(users.id);
    const post = (body: unknown, options = {}) => call(users$.POST, 'POST', '/Users', body, options);
    expect((await post({ userName: 5 })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await post({ userName: 'a@b.test', active: 'yes' })).status).toBe(400);
    expect((await post({ userName: 'a@b.test', isAdmin: true })).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await post({ userName: 'a@b.test', name: { givenName: 'x'.repeat(10_000) } })).status).toBe(400);
    expect((await post(undefined, { raw: '{"userName":' })).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await post(undefined, { raw: JSON.stringify({ userName: 'a@b.test', displayName: 'x'.repeat(70_000) }) })).status).toBe(413);
    expect((await post({ userName: 'a@b.test' }, { type: 'text/plain' })).status).toBe(415);
    expect((await post({ userName: 'amara@example.com' })).body).toMatchObject({ status: '409', scimType: 'uniqueness' });

    const amara = (await person('amara@example.com'))!;
    const patch = (ops: unknown[]) => call(user$.PATCH, 'PATCH', `/Users/${amara.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops }, { id: amara.id });
    // One good operation and one bad one: nothing is written.
    expect((await patch([{ op: 'replace', path: 'active', value: false }, { op: 'replace', path: 'role', value: 'admin' }])).body).toMatchObject({ status: '400', scimType: 'invalidPath' });
    expect((await patch([{ op: 'replace', path: 'active', value: false }, { op: 'replace', path: 'userName', value: 'beth@example.com' }])).body).toMatchObject({ status: '409' });
    expect((await patch([{ op: 'remove', path: 'active' }])).status).toBe(400);
    expect((await patch([{ op: 'replace', value: [1, 2] }])).status).toBe(400);
    expect((await call(user$.PATCH, 'PATCH', `/Users/${amara.id}`, { Operations: [] }, { id: amara.id })).status).toBe(400);
    expect((await call(user$.PUT, 'PUT', `/Users/${amara.id}`, { userName: 'beth@example.com' }, { id: amara.id })).status).toBe(409);

    const after = await db().select({ id: users.id, email: users.email, active: users.active, name: users.name }).from(users).orderBy(users.id);
    expect(after).toEqual(before);
  });
});
