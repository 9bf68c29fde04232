import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { loadRoomContext } from '@/db/queries/bookings';
import { lockProblem, markFixed, markHandling, openOrJoinProblem } from '@/db/queries/problems';
import { activeIdsWithRole } from '@/db/queries/people';
import { isAmenity } from '@/lib/amenities';
import { Refusal } from '@/lib/errors';
import { PROBLEM_KIND_LABELS, warrantsClosing, type ProblemKind } from '@/lib/problems';
import { tell } from '../tell';
import { updateRoom, type Rehomed } from './admin-changes';

type Actor = { id: string; ip?: string | null };

/**
 * Someone tells facilities that something is wrong with a room. A report of a kind already
 * open in the room joins that problem (she is told when it is fixed all the same); a new
 * problem tells the admins. Who reported is never shown or audited: the audit entry has no actor.
 */
export async function reportProblem(db: Db, reporter: { id: string }, input: { roomId: string; kind: ProblemKind; note: string | null }, now: Date) {
  const ctx = await loadRoomContext(db, input.roomId);
  if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
  const { problem, joined } = await db.transaction(async (tx) => {
    const result = await openOrJoinProblem(tx, { ...input, reporterId: reporter.id, now });
    if (!result.joined) await recordAudit(tx, { actorId: null, action: 'room_problem.reported', targetType: 'room', targetId: input.roomId, detail: { kind: input.kind, problemId: result.problem.id } });
    return result;
  });
  if (!joined) {
    await tell(db, {
      userIds: await activeIdsWithRole(db, 'admin'),
      kind: 'room_problem',
      message: `${ctx.room.name}: ${PROBLEM_KIND_LABELS[input.kind].toLowerCase()} reported.`,
      link: '/admin/problems',
      subject: 'A room needs attention',
      mailText: `Someone reported a problem in ${ctx.room.name} (${ctx.site.name}): ${PROBLEM_KIND_LABELS[input.kind].toLowerCase()}. See it in Nook.`,
    });
  }
  return { problemId: problem.id, joined, roomName: ctx.room.name };
}

async function lockOpen(tx: Db, id: string) {
  const row = await lockProblem(tx, id);
  if (!row) throw new Refusal('That problem was not found.', 'not_found');
  if (row.problem.status === 'fixed') throw new Refusal('That problem is already fixed.', 'conflict');
  return row;
}

/** Someone in facilities takes the problem on: the queue shows who is handling it. */
export async function handleProblem(db: Db, actor: Actor, id: string, now: Date) {
  await db.transaction(async (tx) => {
    const { problem } = await lockOpen(tx, id);
    await markHandling(tx, problem.id, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: 'room_problem.handling', targetType: 'room', targetId: problem.roomId, ip: actor.ip, detail: { problemId: problem.id, kind: problem.kind } });
  });
}

/** Fixed: everyone who reported it is told, in words that name the room and the problem only. */
export async function fixProblem(db: Db, actor: Actor, id: string, now: Date) {
  const { reporters, problem, roomName } = await db.transaction(async (tx) => {
    const row = await lockOpen(tx, id);
    const who = await markFixed(tx, row.problem.id, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: 'room_problem.fixed', targetType: 'room', targetId: row.problem.roomId, ip: actor.ip, detail: { problemId: row.problem.id, kind: row.problem.kind } });
    return { reporters: who, problem: row.problem, roomName: row.roomName };
  });
  await tell(db, {
    userIds: reporters.filter((r) => r !== actor.id),
    kind: 'room_problem_fixed',
    message: `Fixed in ${roomName}: ${PROBLEM_KIND_LABELS[problem.kind].toLowerCase()}. Thank you for telling us.`,
    link: `/rooms/${problem.roomId}`,
    subject: 'A problem you reported is fixed',
    mailText: `The problem you reported in ${roomName} (${PROBLEM_KIND_LABELS[problem.kind].toLowerCase()}) is fixed. Thank you for telling us.`,
  });
}

/**
 * A lock or privacy problem: the room goes out of service in one step, through the same change
 * an admin makes on the room's page (its upcoming bookings move to a free station or room at the
 * same time, or are cancelled, and each person is told), and the problem is marked as handled.
 */
export async function closeRoomForProblem(db: Db, actor: Actor, id: string, now: Date): Promise<Rehomed> {
  const row = await db.transaction(async (tx) => lockOpen(tx, id));
  if (!warrantsClosing(row.problem.kind)) throw new Refusal('Only a lock or privacy problem takes a room out of service from here; use the room’s page for anything else.', 'invalid');
  const ctx = await loadRoomContext(db, row.problem.roomId);
  if (!ctx) throw new Refusal('That room does not exist.', 'not_found');
  if (ctx.room.status === 'out_of_service') throw new Refusal(`${ctx.room.name} is already out of service.`, 'conflict');
  const { room } = ctx;
  const result = await updateRoom(
    db,
    actor,
    room.id,
    {
      name: room.name,
      floor: room.floor,
      directions: room.directions,
      amenities: room.amenities.filter(isAmenity),
      openingHours: room.openingHours,
      stations: ctx.stations.length,
      status: 'out_of_service',
      outOfServiceReason: 'The lock or privacy needs fixing. Facilities are on it.',
    },
    { now, confirm: true },
  );
  await handleProblem(db, actor, id, now);
  return result.affected;
}
