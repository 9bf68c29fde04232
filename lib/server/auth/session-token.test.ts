import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { readSessionToken, sessionCookie } from './session-token';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const NAME = 'authjs.session-token';

async function token(claims: Record<string, unknown>, options: { secret?: string; salt?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: options.secret ?? SECRET, salt: options.salt ?? NAME, maxAge: options.maxAge ?? 3600 });
}

describe('readSessionToken', () => {
  it('answers who a token Auth.js made names, and the session generation', async () => {
    const value = await token({ sub: 'u1', uid: 'u1', epoch: 3 });
    expect(await readSessionToken([{ name: NAME, value }], SECRET)).toEqual({ uid: 'u1', epoch: 3 });
  });

  it('reads the __Secure- cookie used over HTTPS, with its own salt', async () => {
    const name = `__Secure-${NAME}`;
    const value = await token({ uid: 'u2', epoch: 0 }, { salt: name });
    expect(await readSessionToken([{ name, value }], SECRET)).toEqual({ uid: 'u2', epoch: 0 });
    // The same token under the other name does not verify: the cookie name is the key's salt.
    expect(await readSessionToken([{ name: NAME, value }], SECRET)).toBeNull();
  });

  it('joins a token Auth.js split over numbered cookies, in number order', async () => {
    const value = await token({ uid: 'u3', epoch: 1 });
    const cut = [value.slice(0, 40), value.slice(40, 90), value.slice(90)];
    const cookies = [
      { name: `${NAME}.2`, value: cut[2]! },
      { name: `${NAME}.0`, value: cut[0]! },
      { name: `${NAME}.1`, value: cut[1]! },
    ];
    expect(sessionCookie(cookies)).toEqual({ name: NAME, value });
    expect(await readSessionToken(cookies, SECRET)).toEqual({ uid: 'u3', epoch: 1 });
  });

  it('refuses an expired token, another secret, a changed token and a token without a person', async () => {
    const expired = await token({ uid: 'u4', epoch: 0 }, { maxAge: -60 });
    expect(await readSessionToken([{ name: NAME, value: expired }], SECRET)).toBeNull();
    const other = await token({ uid: 'u4', epoch: 0 }, { secret: 'another-secret-of-enough-length-9876543210' });
    expect(await readSessionToken([{ name: NAME, value: other }], SECRET)).toBeNull();
    const good = await token({ uid: 'u4', epoch: 0 });
    const flipped = good.slice(0, -5) + (good.at(-5) === 'A' ? 'B' : 'A') + good.slice(-4);
    expect(await readSessionToken([{ name: NAME, value: flipped }], SECRET)).toBeNull();
    expect(await readSessionToken([{ name: NAME, value: await token({ sub: 'u4' }) }], SECRET)).toBeNull();
    expect(await readSessionToken([{ name: NAME, value: 'not-a-token' }], SECRET)).toBeNull();
    expect(await readSessionToken([{ name: 'other', value: good }], SECRET)).toBeNull();
  });

  it('remembers a verified token only until it expires, and never for another secret or name', async () => {
    const value = await token({ uid: 'u5', epoch: 2 }, { maxAge: 60 });
    const cookies = [{ name: NAME, value }];
    expect(await readSessionToken(cookies, SECRET)).toEqual({ uid: 'u5', epoch: 2 });
    expect(await readSessionToken(cookies, SECRET, Date.now() + 30_000)).toEqual({ uid: 'u5', epoch: 2 });
    expect(await readSessionToken(cookies, SECRET, Date.now() + 61_000)).toBeNull();
    expect(await readSessionToken(cookies, 'another-secret-of-enough-length-9876543210')).toBeNull();
    expect(await readSessionToken([{ name: `__Secure-${NAME}`, value }], SECRET)).toBeNull();
  });
});
