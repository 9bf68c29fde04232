import 'server-only';
import { decode } from 'next-auth/jwt';

/** What Nook keeps in its session token (see the jwt callback in ./config). */
export type SessionClaims = { uid: string; epoch: number };

const NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

/**
 * The session token among the request's cookies: Auth.js's cookie (with the `__Secure-`
 * prefix over HTTPS), joined back together when Auth.js had to split it into `.0`, `.1`, ….
 */
export function sessionCookie(cookies: { name: string; value: string }[]): { name: string; value: string } | null {
  for (const name of NAMES) {
    const whole = cookies.find((c) => c.name === name);
    if (whole?.value) return { name, value: whole.value };
    const chunks = cookies
      .map((c) => ({ c, i: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
      .filter(({ i }) => Number.isInteger(i) && i >= 0)
      .sort((a, b) => a.i - b.i);
    if (chunks.length) return { name, value: chunks.map(({ c }) => c.value).join('') };
  }
  return null;
}

type Verified = SessionClaims & { expiresAt: number };

/** Tokens already verified, by cookie name, secret and token, oldest first; a hit skips the key derivation and decryption. */
const verified = new Map<string, Verified>();
const VERIFIED_MAX = 10_000;

/**
 * Verifies and decrypts the session token with Auth.js's own `decode` (its encryption, its
 * expiry) and answers who it names, or null. Only reads: unlike `auth()`, it does not
 * re-encrypt a fresh token that a page or route handler could not send back anyway.
 *
 * A token that verified once is remembered (in this process, up to VERIFIED_MAX) until it
 * expires: each signed-in request then costs no cryptography. What the token says is only who
 * it is; whether that person is still active, their role and their session generation are
 * read from the database on every request by the caller.
 */
export async function readSessionToken(cookies: { name: string; value: string }[], secret: string, now: number = Date.now()): Promise<SessionClaims | null> {
  const cookie = sessionCookie(cookies);
  if (!cookie) return null;
  const key = `${cookie.name}\n${secret}\n${cookie.value}`;
  const known = verified.get(key);
  if (known) {
    if (known.expiresAt > now) return { uid: known.uid, epoch: known.epoch };
    verified.delete(key);
    return null;
  }
  let claims: Verified;
  try {
    const token = await decode({ token: cookie.value, secret, salt: cookie.name });
    const uid = token?.uid;
    if (typeof uid !== 'string' || !uid || typeof token.exp !== 'number') return null;
    claims = { uid, epoch: typeof token.epoch === 'number' ? token.epoch : 0, expiresAt: token.exp * 1000 };
  } catch {
    return null;
  }
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(key, claims);
  return { uid: claims.uid, epoch: claims.epoch };
}
