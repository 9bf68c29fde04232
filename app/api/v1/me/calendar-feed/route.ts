import { NextResponse } from 'next/server';
import { ensurePersonalFeed } from '@/db/queries/feeds';
import { originOf, serverFeedKey } from '@/lib/server/auth/feed-key';
import { defineRoute } from '@/lib/server/auth/route';
import { feedUrls } from '@/lib/feed-token';

/** Her private calendar feed link (made on first ask): `{ url, webcal }`. */
export const GET = defineRoute({ access: 'employee' }, async ({ req, db, user }) => {
  const { token } = await ensurePersonalFeed(await db(), user.id, serverFeedKey());
  return NextResponse.json(feedUrls(originOf(req.headers), token), { headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
});
