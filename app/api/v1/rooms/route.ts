import { NextResponse } from 'next/server';
import { z } from 'zod';
import { listRooms } from '@/db/queries/rooms';
import { defineRoute } from '@/lib/server/auth/route';
import { id } from '@/lib/schemas/inputs';

const query = z.object({ siteId: id('siteId must be a site id.').optional() });

export const GET = defineRoute({ access: 'employee', query }, async ({ db, query }) => {
  const rooms = await listRooms(await db(), { siteId: query.siteId });
  return NextResponse.json(
    rooms.map((r) => ({
      id: r.id,
      name: r.name,
      siteId: r.siteId,
      floor: r.floor,
      stations: r.stations,
      amenities: r.amenities,
      status: r.status,
      outOfServiceReason: r.outOfServiceReason,
    })),
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
