import { NextResponse } from 'next/server';
import { listSites } from '@/db/queries/rooms';
import { defineRoute } from '@/lib/server/auth/route';

export const GET = defineRoute({ access: 'employee' }, async ({ db }) => {
  const sites = await listSites(await db());
  return NextResponse.json(
    sites.map((s) => ({ id: s.id, name: s.name, address: s.address, timeZone: s.timeZone, openingHours: s.openingHours })),
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
