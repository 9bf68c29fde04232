import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, bookings, calendarFeeds, rooms, users } from '@/db/schema';
import { feedKey, hashToken } from '@/lib/feed-token';
import { bookingUid } from '@/lib/ics';
import { zonedInstant } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { seedWorld, type World } from '@/tests/world';
import { createBooking } from '@/lib/server/operations/book';
import { cancelBooking } from '@/lib/server/operations/cancel';
import { moveBooking } from '@/lib/server/operations/move';
import {
  createPlaceFeed,
  ensurePersonalFeed,
  feedDigest,
  findFeedByToken,
  livePlaceFeed,
  ownCalendarBooking,
  regeneratePersonalFeed,
  renderFeed,
  revokePlaceFeed,
  setPersonalFeedTitle,
} from './feeds';

const NY = 'America/New_York';
const now = new Date('2026-03-06T20:00:00Z');
const at = (date: string, time: string) => zonedInstant(date, time, NY);
const MON = '2026-03-09';
const key = feedKey('a-test-secret-that-is-long-enough-0123456789');

const vevents = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describeDb('calendar feeds', (db) => {
  let w: World;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const t = db().db;
    w = await seedWorld(t);
    const book = async (userId: string, time: string, roomId = w.wellness.id) =>
      (await createBooking(t, { userId, roomId, start: at(MON, time), end: at(MON, time.replace(/:00$/, ':30')), now })).id;
    ids.amaraA = await book(w.amara.id, '09:00');
    ids.amaraB = await book(w.amara.id, '11:00');
    ids.amaraC = await book(w.amara.id, '13:00');
    ids.bethA = await book(w.beth.id, '09:00');
    ids.danaQuiet = await book(w.dana.id, '10:00', w.quiet.id);
  });

  it('keeps only the SHA-256 of the token and the nonce it is derived from, never the token', async () => {
    const t = db().db;
    const { token, feed } = await ensurePersonalFeed(t, w.amara.id, key);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const [row] = await t.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Asked again: the same link, not a new row.
    expect((await ensurePersonalFeed(t, w.amara.id, key)).token).toBe(token);
    expect(await t.select().from(calendarFeeds).where(eq(calendarFeeds.userId, w.amara.id))).toHaveLength(1);
    expect((await findFeedByToken(t, token))?.id).toBe(feed.id);
    expect(await findFeedByToken(t, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
  });

  it('gives two first asks at once one live link', async () => {
    const t = db().db;
    const [a, b] = await Promise.all([ensurePersonalFeed(t, w.chen.id, key), ensurePersonalFeed(t, w.chen.id, key)]);
    expect(a.token).toBe(b.token);
  });

  it('revokes the old link at once on regenerate, keeping her title', async () => {
    const t = db().db;
    const old = await setPersonalFeedTitle(t, w.amara.id, key, 'Focus block');
    const fresh = await regeneratePersonalFeed(t, w.amara.id, key);
    expect(fresh.token).not.toBe(old.token);
    expect(await findFeedByToken(t, old.token)).toBeUndefined();
    const feed = await findFeedByToken(t, fresh.token);
    expect(feed?.title).toBe('Focus block');
    expect(vevents(await renderFeed(t, feed!, now))[0]!.summary).toBe('Focus block');
    await setPersonalFeedTitle(t, w.amara.id, key, null);
  });

  it('shows her bookings and never another person’s, with stable UIDs, a moved one at a higher SEQUENCE and a cancelled one CANCELLED', async () => {
    const t = db().db;
    const { token } = await ensurePersonalFeed(t, w.amara.id, key);
    const feed = (await findFeedByToken(t, token))!;
    const before = await renderFeed(t, feed, now);
    const uids = vevents(before).map((e) => e.uid);
    expect(uids).toEqual([ids.amaraA!, ids.amaraB!, ids.amaraC!].map((id) => bookingUid(id)));
    for (const other of [ids.bethA, ids.danaQuiet]) expect(before).not.toContain(other!);
    expect(before).not.toMatch(/Beth|Dana|beth@|dana@/);
    expect(vevents(before)[0]!.summary).toBe('Private break · Wellness Room 3');
    expect(vevents(before)[0]!.location).toBe('Wellness Room 3, floor 12, Hudson Yards');

    const actor = { id: w.amara.id, role: w.amara.role };
    await moveBooking(t, { actor, bookingId: ids.amaraB!, start: at(MON, '14:00'), end: at(MON, '14:30'), now });
    await cancelBooking(t, { actor, bookingId: ids.amaraC! });
    const after = vevents(await renderFeed(t, feed, now));
    expect(after.map((e) => e.uid).sort()).toEqual([...uids].sort());
    const byUid = (list: ReturnType<typeof vevents>, id: string) => list.find((e) => e.uid === bookingUid(id))!;
    const seq = (e: ReturnType<typeof vevents>[number]) => e.sequence;
    expect(seq(byUid(after, ids.amaraB!))).toBeGreaterThan(seq(byUid(vevents(before), ids.amaraB!)));
    expect(byUid(after, ids.amaraB!).startDate.toJSDate()).toEqual(at(MON, '14:00'));
    expect(byUid(after, ids.amaraC!).component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byUid(after, ids.amaraA!).component.getFirstPropertyValue('status')).toBe('CONFIRMED');

    // 31 days after the cancellation it is gone; 31 days after the bookings, all are.
    const [cancelled] = await t.select().from(bookings).where(eq(bookings.id, ids.amaraC!));
    const later = new Date(cancelled!.cancelledAt!.getTime() + 31 * 86_400_000);
    expect(vevents(await renderFeed(t, feed, later)).map((e) => e.uid)).not.toContain(bookingUid(ids.amaraC!));
  });

  it('stops answering for a deactivated person', async () => {
    const t = db().db;
    const { token } = await ensurePersonalFeed(t, w.dana.id, key);
    await t.update(users).set({ active: false }).where(eq(users.id, w.dana.id));
    expect(await findFeedByToken(t, token)).toBeUndefined();
    await t.update(users).set({ active: true }).where(eq(users.id, w.dana.id));
    expect(await findFeedByToken(t, token)).toBeDefined();
  });

  it('replaces a link made under an old server secret', async () => {
    const t = db().db;
    const { token } = await ensurePersonalFeed(t, w.beth.id, key);
    const rotated = await ensurePersonalFeed(t, w.beth.id, feedKey('another-secret-after-rotation-0123456789'));
    expect(rotated.token).not.toBe(token);
    expect(await findFeedByToken(t, token)).toBeUndefined();
  });

  it('lets "Add to calendar" read only her own booking', async () => {
    const t = db().db;
    expect((await ownCalendarBooking(t, w.amara.id, ids.amaraA!))?.id).toBe(ids.amaraA);
    expect(await ownCalendarBooking(t, w.amara.id, ids.bethA!)).toBeUndefined();
  });

  it('room and site feeds show "Reserved" blocks with no name, email or id of anyone', async () => {
    const t = db().db;
    const admin = { id: w.admin.id, ip: '198.51.100.7' };
    const room = await createPlaceFeed(t, admin, { roomId: w.wellness.id }, key);
    const site = await createPlaceFeed(t, admin, { siteId: w.ny.id }, key);
    const roomIcs = await renderFeed(t, (await findFeedByToken(t, room.token))!, now);
    const siteIcs = await renderFeed(t, (await findFeedByToken(t, site.token))!, now);
    const roomEvents = vevents(roomIcs);
    // Amara's two live bookings and Beth's, in Wellness Room 3; Dana's is in Quiet Room 12B.
    expect(roomEvents).toHaveLength(3);
    expect(new Set(roomEvents.map((e) => e.summary))).toEqual(new Set(['Reserved']));
    expect(vevents(siteIcs)).toHaveLength(4);
    const people = await t.select().from(users);
    for (const ics of [roomIcs, siteIcs]) {
      for (const p of people) {
        expect(ics).not.toContain(p.name);
        expect(ics).not.toContain(p.email);
        expect(ics).not.toContain(p.id);
      }
      for (const id of Object.values(ids)) expect(ics).not.toContain(id);
      expect(ics).not.toMatch(/ATTENDEE|ORGANIZER|DESCRIPTION/);
    }
    expect((await livePlaceFeed(t, { roomId: w.wellness.id }, key))?.token).toBe(room.token);

    // Creating again replaces the link; revoking ends it; both are audited.
    const again = await createPlaceFeed(t, admin, { roomId: w.wellness.id }, key);
    expect(await findFeedByToken(t, room.token)).toBeUndefined();
    await revokePlaceFeed(t, admin, again.feed.id);
    expect(await findFeedByToken(t, again.token)).toBeUndefined();
    expect(await livePlaceFeed(t, { roomId: w.wellness.id }, key)).toBeUndefined();
    const audit = await t.select().from(auditLog).where(eq(auditLog.actorId, w.admin.id));
    expect(audit.map((a) => a.action)).toEqual(['calendar_feed.created', 'calendar_feed.created', 'calendar_feed.created', 'calendar_feed.revoked']);
    expect(JSON.stringify(audit)).not.toContain(again.token);
    // A person's feed cannot be revoked through the room-feed path.
    const personal = await ensurePersonalFeed(t, w.amara.id, key);
    await expect(revokePlaceFeed(t, admin, personal.feed.id)).rejects.toThrow(/not found/);
  });

  it("changes a feed's digest exactly when its text changes, so an unchanged feed can answer 304 unrendered", async () => {
    const t = db().db;
    const { feed } = await ensurePersonalFeed(t, w.dana.id, key);
    const room = await createPlaceFeed(t, { id: w.admin.id, ip: null }, { roomId: w.parents.id }, key);
    const state = async (f = feed) => {
      const fresh = (await t.select().from(calendarFeeds).where(eq(calendarFeeds.id, f.id)))[0]!;
      return { digest: await feedDigest(t, fresh, now), text: await renderFeed(t, fresh, now) };
    };
    const seen: { digest: string; text: string }[] = [await state()];
    const expectNew = async (f = feed) => {
      const next = await state(f);
      for (const old of seen) {
        expect(next.digest).not.toBe(old.digest);
        expect(next.text).not.toBe(old.text);
      }
      seen.push(next);
      return next;
    };
    // Asked again, and an hour later: the same digest and the same text.
    expect(await state()).toEqual(seen[0]);
    expect(await feedDigest(t, feed, new Date(now.getTime() + 3_600_000))).toBe(seen[0]!.digest);
    // Each change to what the feed shows gives a new digest: a booking, a move, a cancellation, a title, a room's new name.
    const id = (await createBooking(t, { userId: w.dana.id, roomId: w.parents.id, start: at(MON, '15:00'), end: at(MON, '15:30'), now })).id;
    await expectNew();
    await moveBooking(t, { actor: { id: w.dana.id, role: w.dana.role }, bookingId: id, start: at(MON, '16:00'), end: at(MON, '16:30'), now });
    await expectNew();
    const roomBefore = await state(room.feed);
    await cancelBooking(t, { actor: { id: w.dana.id, role: w.dana.role }, bookingId: id });
    await expectNew();
    const roomAfter = await state(room.feed);
    expect(roomAfter.digest).not.toBe(roomBefore.digest);
    expect(roomAfter.text).not.toBe(roomBefore.text);
    await setPersonalFeedTitle(t, w.dana.id, key, 'Break');
    await expectNew();
    await t.update(rooms).set({ name: 'Quiet Room 12C' }).where(eq(rooms.id, w.quiet.id));
    await expectNew();
    await t.update(rooms).set({ name: 'Quiet Room 12B' }).where(eq(rooms.id, w.quiet.id));
    // Another person's booking changes nothing in hers.
    const before = await state();
    await createBooking(t, { userId: w.amara.id, roomId: w.parents.id, start: at(MON, '17:00'), end: at(MON, '17:30'), now });
    expect(await state()).toEqual(before);
  });

  it('refuses a feed row without exactly one target (database check)', async () => {
    const t = db().db;
    await expect(
      t.insert(calendarFeeds).values({ kind: 'room', userId: w.amara.id, nonce: '0'.repeat(32), tokenHash: 'a'.repeat(64) }),
    ).rejects.toThrow();
  });
});
