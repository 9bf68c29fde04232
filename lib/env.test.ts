import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the embedded database with demo sign-in and a data dir', () => {
    const env = parseEnv({});
    expect(env.dbKind).toBe('pglite');
    expect(env.demoSignIn).toBe(true);
    expect(env.NOOK_DATA_DIR).toBe('.data');
    expect(env.oidc).toBeNull();
  });

  it('turns demo sign-in off on PostgreSQL unless AUTH_DEMO=1', () => {
    const pg = { DATABASE_URL: 'postgres://u@h/db', AUTH_SECRET: 'x'.repeat(32) };
    expect(parseEnv(pg).dbKind).toBe('postgres');
    expect(parseEnv(pg).demoSignIn).toBe(false);
    expect(parseEnv({ ...pg, AUTH_DEMO: '1' }).demoSignIn).toBe(true);
    expect(parseEnv({ AUTH_DEMO: '0' }).demoSignIn).toBe(false);
  });

  it('configures OpenID Connect only when issuer, id and secret are all set', () => {
    const env = parseEnv({ AUTH_OIDC_ISSUER: 'https://login.example.com', AUTH_OIDC_ID: 'nook', AUTH_OIDC_SECRET: 's' });
    expect(env.oidc).toMatchObject({ issuer: 'https://login.example.com', clientId: 'nook' });
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: 'https://login.example.com' })).toThrow(/AUTH_OIDC_ISSUER, AUTH_OIDC_ID and AUTH_OIDC_SECRET together/);
  });

  it('names every invalid setting', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x', AUTH_SECRET: 'short' })).toThrow(/DATABASE_URL must start with postgres.*\n.*AUTH_SECRET must be at least 32/s);
  });

  it('requires AUTH_SECRET in production on PostgreSQL', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/AUTH_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: 'production' })).not.toThrow();
  });

  it('reads SMTP_URL and MAIL_FROM for mail, and refuses a malformed SMTP_URL', () => {
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({}).MAIL_FROM).toBe('Nook <nook@localhost>');
    const env = parseEnv({ SMTP_URL: 'smtp://u:p@mail.example.com:587', MAIL_FROM: 'Nook <nook@example.com>' });
    expect(env.SMTP_URL).toBe('smtp://u:p@mail.example.com:587');
    expect(env.MAIL_FROM).toBe('Nook <nook@example.com>');
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL must look like smtp:/);
    expect(() => parseEnv({ MAIL_FROM: 'nook' })).toThrow(/MAIL_FROM must/);
  });
});

describe('rate limit settings', () => {
  it('reads how often to look for due jobs, 30 seconds unless set, and refuses anything else by name', () => {
    expect(parseEnv({}).NOOK_JOBS_INTERVAL).toBe(30_000);
    expect(parseEnv({ NOOK_JOBS_INTERVAL: '250ms' }).NOOK_JOBS_INTERVAL).toBe(250);
    expect(parseEnv({ NOOK_JOBS_INTERVAL: '5s' }).NOOK_JOBS_INTERVAL).toBe(5_000);
    expect(parseEnv({ NOOK_JOBS_INTERVAL: '2m' }).NOOK_JOBS_INTERVAL).toBe(120_000);
    expect(() => parseEnv({ NOOK_JOBS_INTERVAL: '30' })).toThrow(/NOOK_JOBS_INTERVAL: write NOOK_JOBS_INTERVAL as a number with ms, s or m/);
    expect(() => parseEnv({ NOOK_JOBS_INTERVAL: '10ms' })).toThrow(/between 100ms and 10m/);
    expect(() => parseEnv({ NOOK_JOBS_INTERVAL: '11m' })).toThrow(/between 100ms and 10m/);
  });

  it('has sensible defaults', () => {
    const env = parseEnv({});
    expect(env.RATE_LIMIT_SIGNIN).toEqual({ points: 10, durationSeconds: 900 });
    expect(env.RATE_LIMIT_SIGNIN_IP).toEqual({ points: 100, durationSeconds: 900 });
    expect(env.RATE_LIMIT_BOOKING).toEqual({ points: 30, durationSeconds: 60 });
    expect(env.RATE_LIMIT_FEED).toEqual({ points: 60, durationSeconds: 3600 });
  });

  it('reads <count>/<window> and refuses anything else by name', () => {
    expect(parseEnv({ RATE_LIMIT_BOOKING: '5/30s' }).RATE_LIMIT_BOOKING).toEqual({ points: 5, durationSeconds: 30 });
    expect(parseEnv({ RATE_LIMIT_SIGNIN: '3/2h' }).RATE_LIMIT_SIGNIN).toEqual({ points: 3, durationSeconds: 7200 });
    expect(() => parseEnv({ RATE_LIMIT_BOOKING: 'lots' })).toThrow(/RATE_LIMIT_BOOKING: write a rate limit as <count>\/<window>/);
    expect(() => parseEnv({ RATE_LIMIT_FEED: '0/1m' })).toThrow(/RATE_LIMIT_FEED: a rate limit needs at least 1/);
  });

  it('reads the group mapping and the SCIM token, keeping only the token\'s SHA-256', () => {
    expect(parseEnv({}).groupRoles).toBeNull();
    expect(parseEnv({}).scimTokenSha256).toBeNull();
    const env = parseEnv({ AUTH_OIDC_HR_GROUPS: 'Nook HR, People', AUTH_OIDC_GROUPS_CLAIM: 'roles', SCIM_TOKEN: 't'.repeat(40) });
    expect(env.AUTH_OIDC_GROUPS_CLAIM).toBe('roles');
    expect([...env.groupRoles!.hr]).toEqual(['Nook HR', 'People']);
    expect([...env.groupRoles!.admin]).toEqual([]);
    const hash = '0'.repeat(63) + 'a';
    expect(parseEnv({ SCIM_TOKEN_SHA256: hash }).scimTokenSha256?.toString('hex')).toBe(hash);
    expect(parseEnv({ SCIM_TOKEN: 't'.repeat(40) }).scimTokenSha256?.toString('hex')).toBe(env.scimTokenSha256?.toString('hex'));
    expect(() => parseEnv({ SCIM_TOKEN: 'short' })).toThrow(/SCIM_TOKEN must be at least 32/);
    expect(() => parseEnv({ SCIM_TOKEN: 't'.repeat(40), SCIM_TOKEN_SHA256: hash })).toThrow(/not both/);
    expect(() => parseEnv({ SCIM_TOKEN_SHA256: 'xyz' })).toThrow(/64 hex digits/);
  });
});
