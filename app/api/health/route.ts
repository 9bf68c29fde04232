import { NextResponse } from 'next/server';
import { migrationStatus } from '@/db/client';
import { database } from '@/db/runtime';
import { defineRoute } from '@/lib/server/auth/route';

export const dynamic = 'force-dynamic';

/** 200 once the database answers and every migration has run; 503 before. */
export const GET = defineRoute({ access: 'public' }, async () => {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const handle = await database();
    const { applied, expected } = await migrationStatus(handle.db);
    if (applied < expected) {
      return NextResponse.json(
        { status: 'migrations_pending', db: handle.kind, pending: expected - applied },
        { status: 503, headers },
      );
    }
    return NextResponse.json({ status: 'ok', db: handle.kind }, { headers });
  } catch {
    return NextResponse.json({ status: 'unavailable' }, { status: 503, headers });
  }
});
