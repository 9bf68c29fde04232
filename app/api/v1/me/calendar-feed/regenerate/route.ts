import { NextResponse } from 'next/server';
import { regeneratePersonalFeed } from '@/db/queries/feeds';
import { originOf, serverFeedKey } from '@/lib/server/auth/feed-key';
import { defineRoute } from '@/lib/server/auth/route';
import { feedUrls } from '@/lib/feed-token';

/** Revokes her feed link at once and answers the new one: `{ url, webcal }`. */
export const POST = defineRoute({ access: 'employee' }, async ({ req, db, user }) => {
  const { token } = await regeneratePersonalFeed(await db(), user.id, serverFeedKey());
  return NextResponse.json(feedUrls(originOf(req.headers), token), { headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } });
});
