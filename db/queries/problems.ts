import { and, asc, desc, eq, gte, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ProblemKind } from '@/lib/problems';
import type { Db } from '../client';
import { roomProblemReports, roomProblems, rooms, sites, users, type RoomProblem } from '../schema';

/**
 * Opens a problem of this kind in the room, or joins the one already open: either way her
 * report is added to it. Safe under concurrency: the partial unique index lets one open
 * problem of a kind per room exist, and a second opener finds the first one's row.
 */
export async function openOrJoinProblem(
  tx: Db,
  input: { roomId: string; kind: ProblemKind; reporterId: string; note: string | null; now: Date },
): Promise<{ problem: RoomProblem; joined: boolean }> {
  // Two tries: the open problem that refused the insert may be fixed before it is read.
  for (let attempt = 0; ; attempt++) {
    const [created] = await tx
      .insert(roomProblems)
      .values({ roomId: input.roomId, kind: input.kind, reportedAt: input.now })
      .onConflictDoNothing({ target: [roomProblems.roomId, roomProblems.kind], where: sql`${roomProblems.status} <> 'fixed'` })
      .returning();
    const [open] = created
      ? [created]
      : await tx
          .select()
          .from(roomProblems)
          .where(and(eq(roomProblems.roomId, input.roomId), eq(roomProblems.kind, input.kind), ne(roomProblems.status, 'fixed')));
    if (!open) {
      if (attempt < 1) continue;
      throw new Error('room problem neither opened nor found');
    }
    await tx.insert(roomProblemReports).values({ problemId: open.id, reporterId: input.reporterId, note: input.note });
    return { problem: open, joined: !created };
  }
}

const handler = alias(users, 'handler');

/** Facilities' queue: every problem not yet fixed (oldest first), then those fixed since `fixedSince`. Never who reported. */
export async function listProblemQueue(db: Db, fixedSince: Date) {
  const rows = await db
    .select({
      id: roomProblems.id,
      kind: roomProblems.kind,
      status: roomProblems.status,
      reportedAt: roomProblems.reportedAt,
      startedAt: roomProblems.startedAt,
      fixedAt: roomProblems.fixedAt,
      handlerName: handler.name,
      roomId: rooms.id,
      roomName: rooms.name,
      roomStatus: rooms.status,
      floor: rooms.floor,
      siteName: sites.name,
      timeZone: sites.timeZone,
    })
    .from(roomProblems)
    .innerJoin(rooms, eq(rooms.id, roomProblems.roomId))
    .innerJoin(sites, eq(sites.id, rooms.siteId))
    .leftJoin(handler, eq(handler.id, roomProblems.handlerId))
    .where(or(ne(roomProblems.status, 'fixed'), gte(roomProblems.fixedAt, fixedSince)))
    .orderBy(sql`${roomProblems.status} = 'fixed'`, asc(roomProblems.reportedAt));
  const ids = rows.map((r) => r.id);
  const notes = ids.length
    ? await db
        .select({ problemId: roomProblemReports.problemId, note: roomProblemReports.note, at: roomProblemReports.createdAt })
        .from(roomProblemReports)
        .where(inArray(roomProblemReports.problemId, ids))
        .orderBy(asc(roomProblemReports.createdAt))
    : [];
  return rows.map((r) => {
    const own = notes.filter((n) => n.problemId === r.id);
    return { ...r, reports: own.length, notes: own.filter((n) => n.note).map((n) => ({ note: n.note!, at: n.at })) };
  });
}

export type QueuedProblem = Awaited<ReturnType<typeof listProblemQueue>>[number];

/** A problem with its room, locked for a change. */
export async function lockProblem(tx: Db, id: string) {
  const [row] = await tx
    .select({ problem: roomProblems, roomName: rooms.name })
    .from(roomProblems)
    .innerJoin(rooms, eq(rooms.id, roomProblems.roomId))
    .where(eq(roomProblems.id, id))
    .for('update', { of: roomProblems });
  return row;
}

export async function markHandling(tx: Db, id: string, handlerId: string, now: Date) {
  await tx
    .update(roomProblems)
    .set({ status: 'in_progress', handlerId, startedAt: sql`coalesce(${roomProblems.startedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: sql`now()` })
    .where(eq(roomProblems.id, id));
}

/** Marks it fixed; returns who reported it, to tell them. */
export async function markFixed(tx: Db, id: string, handlerId: string, now: Date): Promise<string[]> {
  await tx
    .update(roomProblems)
    .set({ status: 'fixed', fixedAt: now, handlerId, updatedAt: sql`now()` })
    .where(eq(roomProblems.id, id));
  const reporters = await tx
    .selectDistinct({ id: roomProblemReports.reporterId })
    .from(roomProblemReports)
    .where(and(eq(roomProblemReports.problemId, id), isNotNull(roomProblemReports.reporterId)));
  return reporters.map((r) => r.id!);
}

/** Open problems of these rooms, for the compliance checklist. */
export async function openProblemsIn(db: Db, roomIds: string[]) {
  if (roomIds.length === 0) return [];
  return db
    .select({ roomId: roomProblems.roomId, kind: roomProblems.kind, status: roomProblems.status, reportedAt: roomProblems.reportedAt })
    .from(roomProblems)
    .where(and(inArray(roomProblems.roomId, roomIds), ne(roomProblems.status, 'fixed')))
    .orderBy(asc(roomProblems.reportedAt));
}

/** Problems fixed between two instants in these rooms, with when they were reported and fixed (for time to fix). */
export async function fixedProblemsIn(db: Db, roomIds: string[], from: Date, to: Date) {
  if (roomIds.length === 0) return [];
  return db
    .select({ roomId: roomProblems.roomId, kind: roomProblems.kind, reportedAt: roomProblems.reportedAt, fixedAt: roomProblems.fixedAt })
    .from(roomProblems)
    .where(and(inArray(roomProblems.roomId, roomIds), eq(roomProblems.status, 'fixed'), gte(roomProblems.fixedAt, from), sql`${roomProblems.fixedAt} < ${to.toISOString()}::timestamptz`))
    .orderBy(desc(roomProblems.fixedAt));
}

/** The problems she reported, for her archive. */
export async function problemsReportedBy(db: Db, userId: string) {
  return db
    .select({
      room: rooms.name,
      kind: roomProblems.kind,
      status: roomProblems.status,
      note: roomProblemReports.note,
      reportedAt: roomProblemReports.createdAt,
      fixedAt: roomProblems.fixedAt,
    })
    .from(roomProblemReports)
    .innerJoin(roomProblems, eq(roomProblems.id, roomProblemReports.problemId))
    .innerJoin(rooms, eq(rooms.id, roomProblems.roomId))
    .where(eq(roomProblemReports.reporterId, userId))
    .orderBy(asc(roomProblemReports.createdAt));
}
