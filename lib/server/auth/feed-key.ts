import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { feedKey, feedUrls } from '@/lib/feed-token';
import { authSecret } from './secret';

let cached: { secret: string; key: Buffer } | undefined;

/** The key calendar feed tokens are derived with: from AUTH_SECRET (or the generated secret of the embedded default). */
export function serverFeedKey(): Buffer {
  const secret = authSecret();
  if (cached?.secret !== secret) cached = { secret, key: feedKey(secret) };
  return cached.key;
}

/** Nook's public origin: AUTH_URL when set (behind a proxy), else the request's own host. */
export function originOf(h: Headers): string {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? (/^(localhost|127\.0\.0\.1)(:|$)/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** A feed token's links, for pages (reads the request headers). */
export async function feedLinks(token: string): Promise<{ url: string; webcal: string }> {
  return feedUrls(originOf(await headers()), token);
}
