import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { deriveToken, hashToken, newNonce, sameHash } from '@/lib/feed-token';
import { FEED_LOOKBACK_DAYS, personalFeed, reservedFeed, type CalendarBooking, type ReservedBlock } from '@/lib/ics';
import { Refusal } from '@/lib/errors';
import type { Db } from '../client';
import { bookings, calendarFeeds, rooms, sites, users, type CalendarFeed } from '../schema';
import { recordAudit } from './audit';

/** At most this many events in one feed (a year of breaks is under 1,000). */
const FEED_LIMIT = 5000;
const DAY_MS = 86_400_000;

export type FeedWithToken = { feed: CalendarFeed; token: string };
export type PlaceTarget = { roomId: string } | { siteId: string };

function freshSecret(key: Buffer) {
  const nonce = newNonce();
  return { nonce, token: deriveToken(key, nonce) };
}

/** The token of a stored feed, or null when the server's secret changed since (its old link no longer works). */
function tokenOf(key: Buffer, feed: CalendarFeed): string | null {
  const token = deriveToken(key, feed.nonce);
  return sameHash(hashToken(token), feed.tokenHash) ? token : null;
}

async function livePersonalFeed(db: Db, userId: string): Promise<CalendarFeed | undefined> {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.kind, 'person'), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row;
}

async function insertPersonalFeed(db: Db, userId: string, key: Buffer, title: string | null): Promise<FeedWithToken | undefined> {
  const { nonce, token } = freshSecret(key);
  const [feed] = await db
    .insert(calendarFeeds)
    .values({ kind: 'person', userId, nonce, tokenHash: hashToken(token), title, createdBy: userId })
    .onConflictDoNothing()
    .returning();
  return feed ? { feed, token } : undefined;
}

/** Her live feed link, made on first ask. (Two first asks at once: the unique index keeps one, both get it.) */
export async function ensurePersonalFeed(db: Db, userId: string, key: Buffer): Promise<FeedWithToken> {
  const live = await livePersonalFeed(db, userId);
  if (live) {
    const token = tokenOf(key, live);
    if (token) return { feed: live, token };
    // The server secret changed: the old link is dead anyway; replace it, keeping her title.
    return regeneratePersonalFeed(db, userId, key);
  }
  const made = await insertPersonalFeed(db, userId, key, null);
  if (made) return made;
  const winner = await livePersonalFeed(db, userId);
  const token = winner && tokenOf(key, winner);
  if (!winner || !token) throw new Error('calendar feed could not be created');
  return { feed: winner, token };
}

/** Revokes her link at once and makes a new one (her title carries over). */
export async function regeneratePersonalFeed(db: Db, userId: string, key: Buffer): Promise<FeedWithToken> {
  return db.transaction(async (tx) => {
    // One regeneration at a time per person.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [old] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeeds.kind, 'person'), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .returning();
    const made = await insertPersonalFeed(tx, userId, key, old?.title ?? null);
    if (!made) throw new Error('calendar feed could not be regenerated');
    return made;
  });
}

/** Her own title for feed events; null goes back to the neutral "Private break · <room>". */
export async function setPersonalFeedTitle(db: Db, userId: string, key: Buffer, title: string | null): Promise<FeedWithToken> {
  const current = await ensurePersonalFeed(db, userId, key);
  const [feed] = await db.update(calendarFeeds).set({ title }).where(eq(calendarFeeds.id, current.feed.id)).returning();
  return { feed: feed!, token: current.token };
}

/**
 * The live feed a token opens, or undefined (unknown, revoked, or its person deactivated).
 * Looked up by the token's SHA-256; the stored hash is then compared in constant time.
 */
export async function findFeedByToken(db: Db, token: string): Promise<CalendarFeed | undefined> {
  const hash = hashToken(token);
  const [row] = await db
    .select({ feed: calendarFeeds, active: users.active })
    .from(calendarFeeds)
    .leftJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hash), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  if (!row || !sameHash(row.feed.tokenHash, hash)) return undefined;
  if (row.feed.kind === 'person' && !row.active) return undefined;
  return row.feed;
}

const calendarColumns = {
  id: bookings.id,
  start: bookings.startAt,
  end: bookings.endAt,
  status: bookings.status,
  sequence: bookings.sequence,
  createdAt: bookings.createdAt,
  updatedAt: bookings.updatedAt,
  roomName: rooms.name,
  floor: rooms.floor,
  siteName: sites.name,
};

/** Her bookings from 30 days back on; cancelled ones only while cancelled less than 30 days ago. */
function personalFeedWhere(userId: string, now: Date) {
  const since = new Date(now.getTime() - FEED_LOOKBACK_DAYS * DAY_MS);
  return and(eq(bookings.userId, userId), gte(bookings.startAt, since), or(eq(bookings.status, 'booked'), gte(bookings.cancelledAt, since)));
}

export async function personalFeedBookings(db: Db, userId: string, now: Date): Promise<CalendarBooking[]> {
  return db
    .select(calendarColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .where(personalFeedWhere(userId, now))
    .orderBy(asc(bookings.startAt), asc(bookings.id))
    .limit(FEED_LIMIT);
}

/** One of her own bookings, for "Add to calendar"; someone else's is not found. */
export async function ownCalendarBooking(db: Db, userId: string, bookingId: string): Promise<CalendarBooking | undefined> {
  const [row] = await db
    .select(calendarColumns)
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)))
    .limit(1);
  return row;
}

/** A room's or a site's live bookings from 30 days back on. */
function reservedWhere(target: PlaceTarget, now: Date) {
  const since = new Date(now.getTime() - FEED_LOOKBACK_DAYS * DAY_MS);
  return and(
    'roomId' in target ? eq(bookings.roomId, target.roomId) : eq(rooms.siteId, target.siteId),
    eq(bookings.status, 'booked'),
    gte(bookings.startAt, since),
  );
}

/** A room's or a site's live bookings from 30 days back on, as anonymous blocks: the query never reads who booked. */
export async function reservedBlocks(db: Db, target: PlaceTarget, now: Date): Promise<ReservedBlock[]> {
  return db
    .select({
      id: bookings.id,
      start: bookings.startAt,
      end: bookings.endAt,
      sequence: bookings.sequence,
      updatedAt: bookings.updatedAt,
      roomName: rooms.name,
      floor: rooms.floor,
      siteName: sites.name,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .where(reservedWhere(target, now))
    .orderBy(asc(bookings.startAt), asc(bookings.id))
    .limit(FEED_LIMIT);
}

/** The feed's calendar name for a room or site feed. */
export async function placeFeedName(db: Db, feed: CalendarFeed): Promise<string> {
  if (feed.roomId) {
    const [r] = await db.select({ room: rooms.name, site: sites.name }).from(rooms).innerJoin(sites, eq(sites.id, rooms.siteId)).where(eq(rooms.id, feed.roomId));
    return r ? `${r.room} · ${r.site}` : 'Nook room';
  }
  const [s] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, feed.siteId!));
  return s ? `${s.name} rooms` : 'Nook rooms';
}

// ---- Room and site feeds (admins) ----

const placeWhere = (target: PlaceTarget) =>
  'roomId' in target
    ? and(eq(calendarFeeds.kind, 'room'), eq(calendarFeeds.roomId, target.roomId), isNull(calendarFeeds.revokedAt))
    : and(eq(calendarFeeds.kind, 'site'), eq(calendarFeeds.siteId, target.siteId), isNull(calendarFeeds.revokedAt));

/** The live feed of a room or site with its token, if there is one (a feed whose secret no longer matches counts as none). */
export async function livePlaceFeed(db: Db, target: PlaceTarget, key: Buffer): Promise<FeedWithToken | undefined> {
  const [feed] = await db.select().from(calendarFeeds).where(placeWhere(target)).limit(1);
  const token = feed && tokenOf(key, feed);
  return feed && token ? { feed, token } : undefined;
}

type Actor = { id: string; ip?: string | null };

/** Creates the room's or site's feed; an existing live one is revoked first (so this also regenerates). */
export async function createPlaceFeed(db: Db, actor: Actor, target: PlaceTarget, key: Buffer): Promise<FeedWithToken> {
  return db.transaction(async (tx) => {
    if ('roomId' in target) {
      const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, target.roomId)).for('update');
      if (!room) throw new Refusal('That room does not exist.', 'not_found');
    } else {
      const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, target.siteId)).for('update');
      if (!site) throw new Refusal('That site does not exist.', 'not_found');
    }
    const revoked = await tx.update(calendarFeeds).set({ revokedAt: sql`now()` }).where(placeWhere(target)).returning({ id: calendarFeeds.id });
    const { nonce, token } = freshSecret(key);
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({ kind: 'roomId' in target ? 'room' : 'site', ...target, nonce, tokenHash: hashToken(token), createdBy: actor.id })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'calendar_feed.created',
      targetType: 'roomId' in target ? 'room' : 'site',
      targetId: 'roomId' in target ? target.roomId : target.siteId,
      detail: { feedId: feed!.id, replaced: revoked.length },
      ip: actor.ip,
    });
    return { feed: feed!, token };
  });
}

/** Revokes a room's or site's feed: its link answers 404 at once. */
export async function revokePlaceFeed(db: Db, actor: Actor, feedId: string): Promise<CalendarFeed> {
  return db.transaction(async (tx) => {
    const [feed] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(calendarFeeds.id, feedId), or(eq(calendarFeeds.kind, 'room'), eq(calendarFeeds.kind, 'site')), isNull(calendarFeeds.revokedAt)))
      .returning();
    if (!feed) throw new Refusal('That feed was not found, or it was already revoked.', 'not_found');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'calendar_feed.revoked',
      targetType: feed.kind,
      targetId: feed.roomId ?? feed.siteId,
      detail: { feedId: feed.id },
      ip: actor.ip,
    });
    return feed;
  });
}

/**
 * A digest of every row a feed's text is made from right now, computed in the database: the same
 * rows as the render reads (same filter, order and limit), each with every column the text shows.
 * Equal digests mean equal text, so a calendar that polls with the ETag of its last copy gets its
 * 304 without the feed being read out or rendered. Take it before rendering: a change in between
 * then costs the client one more download, never a missed update.
 */
export async function feedDigest(db: Db, feed: CalendarFeed, now: Date): Promise<string> {
  const person = feed.kind === 'person';
  const target: PlaceTarget = feed.roomId ? { roomId: feed.roomId } : { siteId: feed.siteId! };
  const rows = db
    .select({
      // Times are left out of the line (turning 1,000 timestamps into text costs more than the rest):
      // every write that moves, cancels, checks in or ends a booking raises its updated_at (and a move
      // its sequence), so the newest updated_at below stands for them all.
      line: sql<string>`concat_ws('|', ${bookings.id}, ${bookings.status}, ${bookings.sequence}, ${rooms.name}, ${rooms.floor}, ${sites.name})`.as('line'),
      updatedAt: bookings.updatedAt,
      startAt: bookings.startAt,
      id: bookings.id,
    })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .where(person ? personalFeedWhere(feed.userId!, now) : reservedWhere(target, now))
    .orderBy(asc(bookings.startAt), asc(bookings.id))
    .limit(FEED_LIMIT)
    .as('feed_rows');
  const [[row], name] = await Promise.all([
    db
      .select({
        n: sql<number>`count(*)::int`,
        newest: sql<string | null>`max(${rows.updatedAt})::text`,
        digest: sql<string | null>`md5(string_agg(${rows.line}, ',' order by ${rows.startAt}, ${rows.id}))`,
      })
      .from(rows),
    person ? Promise.resolve(feed.title ?? '') : placeFeedName(db, feed),
  ]);
  return `${feed.id}|${name}|${row?.n ?? 0}|${row?.newest ?? ''}|${row?.digest ?? ''}`;
}

/** The iCalendar text a live feed serves right now. */
export async function renderFeed(db: Db, feed: CalendarFeed, now: Date): Promise<string> {
  if (feed.kind === 'person') return personalFeed({ bookings: await personalFeedBookings(db, feed.userId!, now), title: feed.title });
  const target: PlaceTarget = feed.roomId ? { roomId: feed.roomId } : { siteId: feed.siteId! };
  const [name, blocks] = await Promise.all([placeFeedName(db, feed), reservedBlocks(db, target, now)]);
  return reservedFeed({ name, blocks });
}

/** Her chosen event title, or null (neutral). */
export async function personalFeedTitle(db: Db, userId: string): Promise<string | null> {
  return (await livePersonalFeed(db, userId))?.title ?? null;
}
