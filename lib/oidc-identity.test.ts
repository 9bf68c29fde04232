import { describe, expect, it } from 'vitest';
import { identityFromClaims, mergeClaims, parseGroupNames, roleFromGroups } from './oidc-identity';

describe('claims from the ID token or UserInfo', () => {
  it('takes email and name from UserInfo when the ID token has only sub', () => {
    const claims = mergeClaims({ sub: 'abc', iss: 'https://idp' }, { sub: 'abc', email: 'Ana@Acme.test', name: 'Ana' });
    expect(identityFromClaims(claims, 'groups')).toEqual({ ok: true, identity: { subject: 'abc', email: 'ana@acme.test', name: 'Ana', groups: null } });
  });

  it('takes them from the ID token when UserInfo repeats only sub', () => {
    const claims = mergeClaims({ sub: 'abc', email: 'ana@acme.test', given_name: 'Ana', family_name: 'Silva', groups: ['HR'] }, { sub: 'abc' });
    expect(identityFromClaims(claims, 'groups')).toEqual({ ok: true, identity: { subject: 'abc', email: 'ana@acme.test', name: 'Ana Silva', groups: ['HR'] } });
  });

  it('keeps the ID token subject even if UserInfo said otherwise', () => {
    expect(mergeClaims({ sub: 'abc' }, { sub: 'zzz', email: 'a@b.c' }).sub).toBe('abc');
  });

  it('refuses a missing or malformed email, email_verified false, and a missing subject', () => {
    expect(identityFromClaims({ sub: 'a' }, 'groups')).toEqual({ ok: false, reason: 'EmailRequired' });
    expect(identityFromClaims({ sub: 'a', email: 'not an email' }, 'groups')).toEqual({ ok: false, reason: 'EmailRequired' });
    expect(identityFromClaims({ sub: 'a', email: 'a@b.c', email_verified: false }, 'groups')).toEqual({ ok: false, reason: 'EmailUnverified' });
    expect(identityFromClaims({ sub: 'a', email: 'a@b.c', email_verified: 'false' }, 'groups')).toEqual({ ok: false, reason: 'EmailUnverified' });
    expect(identityFromClaims({ email: 'a@b.c' }, 'groups')).toEqual({ ok: false, reason: 'NoSubject' });
  });

  it('accepts an email whether email_verified is true or absent', () => {
    expect(identityFromClaims({ sub: 'a', email: 'a@b.c', email_verified: true }, 'groups').ok).toBe(true);
    expect(identityFromClaims({ sub: 'a', email: 'a@b.c' }, 'groups').ok).toBe(true);
  });

  it('reads the configured groups claim as a list or a single name, ignoring non-strings', () => {
    const read = (v: unknown) => {
      const r = identityFromClaims({ sub: 'a', email: 'a@b.c', roles: v }, 'roles');
      return r.ok ? r.identity.groups : 'refused';
    };
    expect(read(['Nook HR', 3, 'x'])).toEqual(['Nook HR', 'x']);
    expect(read(' Nook HR ')).toEqual(['Nook HR']);
    expect(read(undefined)).toBeNull();
    expect(read({ not: 'a list' })).toEqual([]);
  });
});

describe('roles from groups', () => {
  const mapping = { hr: parseGroupNames('Nook HR, People Team'), admin: parseGroupNames('Nook Admins') };

  it('gives admin over HR over employee, and employee with no groups claim', () => {
    expect(roleFromGroups(['People Team', 'Nook Admins'], mapping, false)).toBe('admin');
    expect(roleFromGroups(['People Team'], mapping, false)).toBe('hr');
    expect(roleFromGroups(['Everyone'], mapping, false)).toBe('employee');
    expect(roleFromGroups(null, mapping, false)).toBe('employee');
  });

  it('keeps AUTH_ADMIN_EMAILS admins admin, and leaves roles alone with no mapping', () => {
    expect(roleFromGroups([], mapping, true)).toBe('admin');
    expect(roleFromGroups(['Nook Admins'], null, false)).toBeNull();
  });
});
