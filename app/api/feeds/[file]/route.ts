import { z } from 'zod';
import { feedDigest, findFeedByToken, renderFeed } from '@/db/queries/feeds';
import { defineRoute } from '@/lib/server/auth/route';
import { hashToken, tokenFromFile } from '@/lib/feed-token';
import { etagMatches, FEED_FORMAT, feedEtag } from '@/lib/ics';

const params = z.object({ file: z.string().max(100) });

/** Never cached by shared caches; the link never leaks onwards as a referrer. */
const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };

function notFound() {
  return new Response('Not found.\n', { status: 404, headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * `GET /api/feeds/<token>.ics`: a calendar feed, authenticated by its secret link alone (no
 * session). A person's own bookings, or a room's or site's anonymous "Reserved" blocks.
 * Unknown, revoked or malformed tokens, and feeds of deactivated people, are 404.
 * The token itself is never logged or stored; only its SHA-256 is used from here on.
 */
/** Limited per link before any lookup, keyed by the token's hash (never the token itself): a 429 with Retry-After. */
const perLink = {
  bucket: 'feed' as const,
  key: (req: { params: { file: string } }) => {
    const token = tokenFromFile(req.params.file);
    return token ? hashToken(token) : null;
  },
};

export const GET = defineRoute({ access: 'public', params, rateLimit: perLink }, async ({ req, db, params }) => {
  const token = tokenFromFile(params.file);
  if (!token) return notFound();
  const conn = await db();
  const feed = await findFeedByToken(conn, token);
  if (!feed) return notFound();
  // Calendars poll: the ETag comes from a digest of the feed's rows taken in the database, so an
  // unchanged feed answers 304 without being read out or rendered.
  const now = new Date();
  const etag = feedEtag(`${FEED_FORMAT}|${await feedDigest(conn, feed, now)}`);
  const headers = { ...PRIVATE_HEADERS, ETag: etag };
  if (etagMatches(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const body = await renderFeed(conn, feed, now);
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="nook.ics"' },
  });
});
