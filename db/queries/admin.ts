import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Amenity } from '@/lib/amenities';
import { Refusal } from '@/lib/errors';
import { openingHoursSchema, type OpeningHours } from '@/lib/opening-hours';
import { MAX_STATIONS, policyProblems, type PolicyValues } from '@/lib/policy';
import { isTimeZone } from '@/lib/time-zones';
import { isJurisdiction, type JurisdictionCode } from '@/lib/jurisdictions';
import type { Db } from '../client';
import { pgError, UNIQUE_VIOLATION } from '../errors';
import { lockRoomAlone, lockSiteAlone } from '../locks';
import { recordAudit } from './audit';
import { auditLog, bookings, policies, roomClosures, rooms, sites, stations, type Booking, type Policy, type Room, type RoomClosure, type Site } from '../schema';

type Tx = Db;

/** What a change did: its result, the rooms whose bookings it may strand, and its audit entry. */
export type Change<T> = { value: T; roomIds: string[]; audit: AuditEntry };
export type Actor = { id: string; ip?: string | null };

export type AuditEntry = { action: string; targetType: 'site' | 'room' | 'policy' | 'closure'; targetId: string; detail: Record<string, unknown> };

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry) {
  await tx.insert(auditLog).values({ actorId: actor.id, ...entry, ip: actor.ip ?? null });
}

/** The fields whose values differ, as { field: { from, to } }, for the audit log. */
function changes<T extends object>(before: T, after: T, keys: (keyof T & string)[]): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: before[k], to: after[k] }]),
  );
}

/** Turns the database's "name already taken" into a refusal naming the clash. */
export async function uniquelyNamed<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (pgError(err).code === UNIQUE_VIOLATION) throw new Refusal(message, 'conflict');
    throw err;
  }
}

function checkHours(hours: OpeningHours | null) {
  if (hours && !openingHoursSchema.safeParse(hours).success) {
    throw new Refusal('Each open day needs an opening time before its closing time, in 24-hour form such as 08:30.', 'invalid');
  }
}

// ——— Sites ———

export type SiteInput = { name: string; address: string; timeZone: string; openingHours: OpeningHours; jurisdiction?: JurisdictionCode | null };

export function checkSite(input: SiteInput) {
  if (input.jurisdiction && !isJurisdiction(input.jurisdiction)) throw new Refusal('Choose a jurisdiction from the list.', 'invalid');
  if (!isTimeZone(input.timeZone)) {
    throw new Refusal(`"${input.timeZone}" is not an IANA time zone. Choose one such as America/New_York or Europe/London.`, 'invalid');
  }
  checkHours(input.openingHours);
}

/** Adds a site with the default booking policy. */
export async function createSite(db: Db, actor: Actor, input: SiteInput): Promise<Site> {
  checkSite(input);
  return uniquelyNamed(
    () =>
      db.transaction(async (tx) => {
        const [site] = await tx.insert(sites).values(input).returning();
        await tx.insert(policies).values({ siteId: site!.id });
        await audit(tx, actor, { action: 'site.created', targetType: 'site', targetId: site!.id, detail: { name: site!.name, timeZone: site!.timeZone } });
        return site!;
      }),
    `There is already a site called ${input.name}.`,
  );
}

/** A site change itself (db/ half of updateSite in lib/server/operations/admin-changes.ts): the site alone, its rooms, the audit entry. */
export async function changeSite(tx: Tx, siteId: string, input: SiteInput): Promise<Change<Site>> {
  await lockSiteAlone(tx, siteId);
  const [before] = await tx.select().from(sites).where(eq(sites.id, siteId)).for('update');
  if (!before) throw new Refusal('That site no longer exists.', 'not_found');
  const [after] = await tx
    .update(sites)
    .set({ ...input, updatedAt: sql`now()` })
    .where(eq(sites.id, siteId))
    .returning();
  const roomIds = (await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.siteId, siteId))).map((r) => r.id);
  return {
    value: after!,
    roomIds,
    audit: { action: 'site.updated', targetType: 'site', targetId: siteId, detail: changes(before, after!, ['name', 'address', 'timeZone', 'openingHours', 'jurisdiction']) },
  };
}

export async function findPolicy(db: Db, siteId: string): Promise<Policy | undefined> {
  const [row] = await db.select().from(policies).where(eq(policies.siteId, siteId)).limit(1);
  return row;
}

/** Changes a site's booking rules. Bookings already made keep their length; the rules apply to new ones. */
export async function updatePolicy(db: Db, actor: Actor, siteId: string, values: PolicyValues): Promise<Policy> {
  const problems = policyProblems(values);
  const first = Object.values(problems)[0];
  if (first) throw new Refusal(first, 'invalid', { fields: problems });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(policies).where(eq(policies.siteId, siteId)).for('update');
    if (!before) throw new Refusal('That site no longer exists.', 'not_found');
    const [after] = await tx
      .update(policies)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(policies.siteId, siteId))
      .returning();
    await audit(tx, actor, {
      action: 'policy.updated',
      targetType: 'policy',
      targetId: siteId,
      detail: changes(before, after!, Object.keys(values) as (keyof PolicyValues)[]),
    });
    return after!;
  });
}

// ——— Rooms and stations ———

export { MAX_STATIONS };

export type RoomInput = {
  name: string;
  floor: string;
  directions: string;
  amenities: Amenity[];
  /** null: the site's hours. */
  openingHours: OpeningHours | null;
  stations: number;
  status: Room['status'];
  outOfServiceReason: string | null;
};

export function checkRoom(input: RoomInput) {
  if (!Number.isInteger(input.stations) || input.stations < 1 || input.stations > MAX_STATIONS) {
    throw new Refusal(`A room has from 1 to ${MAX_STATIONS} stations.`, 'invalid');
  }
  if (input.status === 'out_of_service' && !input.outOfServiceReason?.trim()) {
    throw new Refusal('Say why the room is out of service: people see the reason when they look for a room.', 'invalid');
  }
  checkHours(input.openingHours);
}

/** The room's own columns; its stations are rows of their own. */
function roomValues(input: RoomInput) {
  const { name, floor, directions, amenities, openingHours, status } = input;
  return { name, floor, directions, amenities, openingHours, status, outOfServiceReason: status === 'out_of_service' ? input.outOfServiceReason!.trim() : null };
}

/**
 * Stations 1..count are active and the rest retired, keeping their rows (and history);
 * missing positions are added as "Station N". Answers the active count before.
 */
async function setStationCount(tx: Tx, roomId: string, count: number): Promise<number> {
  const existing = await tx.select({ position: stations.position, active: stations.active }).from(stations).where(eq(stations.roomId, roomId));
  await tx
    .update(stations)
    .set({ active: sql`${stations.position} <= ${count}` })
    .where(eq(stations.roomId, roomId));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((p) => !existing.some((s) => s.position === p));
  if (missing.length) await tx.insert(stations).values(missing.map((position) => ({ roomId, position, label: `Station ${position}` })));
  return existing.filter((s) => s.active).length;
}

export async function createRoom(db: Db, actor: Actor, siteId: string, input: RoomInput): Promise<Room> {
  checkRoom(input);
  return uniquelyNamed(
    () =>
      db.transaction(async (tx) => {
        const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
        if (!site) throw new Refusal('That site no longer exists.', 'not_found');
        const [room] = await tx
          .insert(rooms)
          .values({ siteId, ...roomValues(input) })
          .returning();
        await setStationCount(tx, room!.id, input.stations);
        await audit(tx, actor, { action: 'room.created', targetType: 'room', targetId: room!.id, detail: { siteId, name: room!.name, stations: input.stations } });
        return room!;
      }),
    `There is already a room called ${input.name} at this site.`,
  );
}

/** A room change itself (db/ half of updateRoom in lib/server/operations/admin-changes.ts): the room alone, its stations, the audit entry. */
export async function changeRoom(tx: Tx, roomId: string, input: RoomInput): Promise<Change<Room>> {
  await lockRoomAlone(tx, roomId);
  const [before] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for('update');
  if (!before) throw new Refusal('That room no longer exists.', 'not_found');
  const [after] = await tx
    .update(rooms)
    .set({ ...roomValues(input), updatedAt: sql`now()` })
    .where(eq(rooms.id, roomId))
    .returning();
  const stationsBefore = await setStationCount(tx, roomId, input.stations);
  const detail = changes(before, after!, ['name', 'floor', 'directions', 'amenities', 'openingHours', 'status', 'outOfServiceReason']);
  if (stationsBefore !== input.stations) detail.stations = { from: stationsBefore, to: input.stations };
  return { value: after!, roomIds: [roomId], audit: { action: 'room.updated', targetType: 'room', targetId: roomId, detail } };
}

// ——— Out-of-service windows ———

export type ClosureInput = { start: Date; end: Date; reason: string };

/** Closures of a room that have not ended yet, soonest first. */
export async function listClosures(db: Db, roomId: string, now: Date): Promise<RoomClosure[]> {
  return db
    .select()
    .from(roomClosures)
    .where(and(eq(roomClosures.roomId, roomId), gt(roomClosures.endAt, now)))
    .orderBy(asc(roomClosures.startAt));
}

/** A new out-of-service window itself (db/ half of addClosure in lib/server/operations/admin-changes.ts). */
export async function insertClosure(tx: Tx, roomId: string, input: ClosureInput): Promise<Change<RoomClosure>> {
  await lockRoomAlone(tx, roomId);
  const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('update');
  if (!room) throw new Refusal('That room no longer exists.', 'not_found');
  const [closure] = await tx.insert(roomClosures).values({ roomId, startAt: input.start, endAt: input.end, reason: input.reason }).returning();
  return {
    value: closure!,
    roomIds: [roomId],
    audit: { action: 'closure.created', targetType: 'closure', targetId: closure!.id, detail: { roomId, start: input.start, end: input.end, reason: input.reason } },
  };
}

/** Live bookings in the room that have not ended, locked, oldest start first. */
export async function liveBookingsInRoom(tx: Tx, roomId: string, now: Date): Promise<Booking[]> {
  return tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.roomId, roomId), eq(bookings.status, 'booked'), gt(bookings.endAt, now)))
    .orderBy(asc(bookings.startAt), asc(bookings.createdAt))
    .for('update');
}

/** The other active rooms at the site, by name. */
export async function otherActiveRooms(tx: Tx, siteId: string, roomId: string) {
  return tx
    .select({ id: rooms.id, floor: rooms.floor })
    .from(rooms)
    .where(and(eq(rooms.siteId, siteId), eq(rooms.status, 'active'), ne(rooms.id, roomId)))
    .orderBy(asc(rooms.name));
}

export async function removeClosure(db: Db, actor: Actor, closureId: string): Promise<RoomClosure> {
  return db.transaction(async (tx) => {
    const [closure] = await tx.delete(roomClosures).where(eq(roomClosures.id, closureId)).returning();
    if (!closure) throw new Refusal('That out-of-service window was already removed.', 'not_found');
    await audit(tx, actor, {
      action: 'closure.deleted',
      targetType: 'closure',
      targetId: closureId,
      detail: { roomId: closure.roomId, start: closure.startAt, end: closure.endAt, reason: closure.reason },
    });
    return closure;
  });
}

/** What a SCIM DELETE does to the site's people: erase their data (true) or only deactivate them. Audited. */
export async function setEraseOnScimDelete(db: Db, actor: Actor, siteId: string, erase: boolean) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ erase: sites.eraseOnScimDelete }).from(sites).where(eq(sites.id, siteId)).for('update');
    if (!before) throw new Refusal('That site no longer exists.', 'not_found');
    await tx.update(sites).set({ eraseOnScimDelete: erase, updatedAt: sql`now()` }).where(eq(sites.id, siteId));
    await recordAudit(tx, { actorId: actor.id, action: 'site.scim_delete_changed', targetType: 'site', targetId: siteId, ip: actor.ip, detail: { from: before.erase ? 'erase' : 'deactivate', to: erase ? 'erase' : 'deactivate' } });
  });
}
