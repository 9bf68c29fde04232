import { availabilityCells, freeNow, nextFreeStart, reservedSegments } from '@/lib/availability';
import type { Amenity } from '@/lib/amenities';
import { addMinutes } from '@/lib/time';
import type { Db } from '../client';
import { loadRoomContext, timelineFor, type RoomContext } from './bookings';
import { listRooms, type RoomSummary } from './rooms';

/**
 * A room's availability over [from, to) as the viewer may see it: free station counts per
 * slot, others' bookings only as anonymous "reserved" stretches, and the viewer's own
 * bookings in full. Nothing here names or identifies anyone else.
 */
export async function roomAvailability(db: Db, input: { roomId: string; from: Date; to: Date; viewerId: string }) {
  const ctx = await loadRoomContext(db, input.roomId);
  if (!ctx) return null;
  const t = await timelineFor(db, ctx, input.from, input.to);
  const labels = new Map(ctx.stations.map((s) => [s.id, s.label]));
  const others = t.busyRows.filter((b) => b.userId !== input.viewerId);
  const mine = t.busyRows.filter((b) => b.userId === input.viewerId);
  const asBusy = (rows: typeof t.busyRows) => rows.map((b) => ({ stationId: b.stationId, start: b.start, blockEnd: b.blockEnd }));
  return {
    room: describeRoom(ctx),
    policy: {
      slotStepMin: ctx.policy.slotStepMin,
      defaultLengthMin: ctx.policy.defaultLengthMin,
      minLengthMin: ctx.policy.minLengthMin,
      maxLengthMin: ctx.policy.maxLengthMin,
      horizonDays: ctx.policy.horizonDays,
    },
    openingHours: t.hours,
    slots: availabilityCells(t, input.from, input.to, ctx.policy.slotStepMin),
    reserved: reservedSegments(asBusy(others), asBusy(t.busyRows), ctx.stations.length).map((s) => ({ start: s.start, end: s.end, free: s.free, total: s.total })),
    mine: mine.map((b) => ({ id: b.id, start: b.start, end: b.end, station: labels.get(b.stationId) ?? '', mine: true as const })),
    closures: t.closures.map((c) => ({ start: c.start, end: c.end, reason: c.reason ?? '' })),
  };
}

export type RoomAvailability = NonNullable<Awaited<ReturnType<typeof roomAvailability>>>;

function describeRoom(ctx: RoomContext) {
  return {
    id: ctx.room.id,
    name: ctx.room.name,
    floor: ctx.room.floor,
    directions: ctx.room.directions,
    amenities: ctx.room.amenities,
    status: ctx.room.status,
    outOfServiceReason: ctx.room.outOfServiceReason,
    siteId: ctx.site.id,
    siteName: ctx.site.name,
    timeZone: ctx.site.timeZone,
    stations: ctx.stations.length,
  };
}

export type RoomNow = RoomSummary & { free: boolean; until: Date | null; stationsFree: number; nextFree: { start: Date; end: Date } | null };

/**
 * Rooms at a site with what matters right now: a station free now and until when, else the
 * next free slot of the site's default length. Filters by amenities (all must be present).
 */
export async function roomsAt(db: Db, input: { siteId: string; at: Date; amenities?: Amenity[] }): Promise<RoomNow[]> {
  const list = (await listRooms(db, { siteId: input.siteId })).filter((r) => (input.amenities ?? []).every((a) => r.amenities.includes(a)));
  const out: RoomNow[] = [];
  for (const room of list) {
    const ctx = await loadRoomContext(db, room.id);
    if (!ctx) continue;
    const t = await timelineFor(db, ctx, addMinutes(input.at, -120), addMinutes(input.at, 8 * 24 * 60));
    const now = freeNow(t, input.at);
    const nextFree = nextFreeStart(t, input.at, ctx.policy.defaultLengthMin, ctx.policy.bufferMin, ctx.policy.slotStepMin);
    out.push({ ...room, free: now.free, until: now.until, stationsFree: now.stations, nextFree });
  }
  return out;
}
