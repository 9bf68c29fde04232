'use server';

import { z } from 'zod';
import { createPlaceFeed, revokePlaceFeed } from '@/db/queries/feeds';
import { defineAction } from '@/lib/server/auth/action';
import { serverFeedKey } from '@/lib/server/auth/feed-key';
import { id } from '@/lib/schemas/inputs';

const placeSchema = z
  .object({ roomId: id('Choose a room.').optional(), siteId: id('Choose a site.').optional() })
  .refine((v) => Boolean(v.roomId) !== Boolean(v.siteId), { error: 'Choose a room or a site.' });

/** Creates (or replaces) the anonymous "Reserved" feed of a room or a site, for door displays. */
export const createPlaceFeedAction = defineAction('admin', placeSchema, async ({ roomId, siteId }, { user, db, ip }) => {
  await createPlaceFeed(db, { id: user.id, ip }, roomId ? { roomId } : { siteId: siteId! }, serverFeedKey());
  return { ok: true, status: 200, message: 'Feed link made. Any earlier link for it stopped working.' };
}, { revalidate: [{ layout: '/admin' }] });

const revokeSchema = z.object({ feedId: id('Choose a feed.') });

/** Revokes a room's or site's feed: its link answers 404 at once. */
export const revokePlaceFeedAction = defineAction('admin', revokeSchema, async ({ feedId }, { user, db, ip }) => {
  await revokePlaceFeed(db, { id: user.id, ip }, feedId);
  return { ok: true, status: 200, message: 'Feed link revoked.' };
}, { revalidate: [{ layout: '/admin' }] });
