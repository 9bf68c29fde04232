import crypto from 'node:crypto';

/**
 * Calendar feed links. A link's token is HMAC-SHA-256(key, nonce): the nonce is 128 random
 * bits kept with the feed, the key is derived from the server's secret. The database keeps
 * the nonce and SHA-256(token) only, so a copy of it reveals no working link, while Nook can
 * still show a person her own link again. Tokens are compared by hash in constant time.
 */

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The key feed tokens are derived with, from the server's secret (AUTH_SECRET or the generated one). */
export function feedKey(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'nook', 'calendar-feed-token', 32));
}

/** 128 random bits, hex: the only random input of a feed link. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** The link's secret: 256 bits, base64url (43 characters). */
export function deriveToken(key: Buffer, nonce: string): string {
  return crypto.createHmac('sha256', key).update(`calendar-feed:${nonce}`).digest('base64url');
}

/** What the database keeps: SHA-256 of the token, hex. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex SHA-256 hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && crypto.timingSafeEqual(x, y);
}

/** The token in a feed path segment (`<token>.ics`), or null when it cannot be one. */
export function tokenFromFile(file: string): string | null {
  const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
  return TOKEN_RE.test(token) ? token : null;
}

/** The feed's https URL and its webcal:// twin (what Apple Calendar and Outlook open directly). */
export function feedUrls(origin: string, token: string): { url: string; webcal: string } {
  const url = `${origin.replace(/\/$/, '')}/api/feeds/${token}.ics`;
  return { url, webcal: url.replace(/^https?:\/\//, 'webcal://') };
}
