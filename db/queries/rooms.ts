import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { policies, rooms, sites, type Policy, type Room, type Site } from '../schema';

export type RoomSummary = Pick<Room, 'id' | 'siteId' | 'name' | 'floor' | 'directions' | 'amenities' | 'status' | 'outOfServiceReason'> & {
  stations: number;
};

const stationCount = sql<number>`(select count(*)::int from stations where stations.room_id = rooms.id and stations.active)`;

export async function listRooms(db: Db, filter: { siteId?: string } = {}): Promise<RoomSummary[]> {
  return db
    .select({
      id: rooms.id,
      siteId: rooms.siteId,
      name: rooms.name,
      floor: rooms.floor,
      directions: rooms.directions,
      amenities: rooms.amenities,
      status: rooms.status,
      outOfServiceReason: rooms.outOfServiceReason,
      stations: stationCount,
    })
    .from(rooms)
    .where(and(filter.siteId ? eq(rooms.siteId, filter.siteId) : undefined))
    .orderBy(asc(rooms.name));
}

export async function listSites(db: Db): Promise<(Site & { policy: Policy | null })[]> {
  const rows = await db.select().from(sites).leftJoin(policies, eq(policies.siteId, sites.id)).orderBy(asc(sites.name));
  return rows.map((r) => ({ ...r.sites, policy: r.policies }));
}

export async function findSite(db: Db, id: string): Promise<Site | undefined> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row;
}
