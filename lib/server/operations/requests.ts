import 'server-only';
import type { Db } from '@/db/client';
import {
  insertNote,
  insertRequest,
  loadOwnRequest,
  markWithdrawn,
  recordDecision,
  requestAnswerers,
  reviseRequest,
  type Actor,
  type Decision,
  type RequestInput,
} from '@/db/queries/requests';
import { notify } from '@/db/queries/notifications';
import type { ScheduleRequest } from '@/db/schema';
import { tell } from '../tell';

export type { Decision, RequestInput };

/** HR hears that a request waits for its answer. */
async function tellAnswerersSubmitted(db: Db, r: ScheduleRequest) {
  await tell(db, {
    userIds: await requestAnswerers(db),
    kind: 'request_submitted',
    message: 'A schedule request is waiting for your answer.',
    link: `/hr/requests/${r.id}`,
    subject: 'A request is waiting for your answer',
    mailText: 'A schedule request was submitted in Nook and is waiting for your answer.',
  });
}

/** Starts a request as a draft, or submits it straight away (the person's site sets its deadline); HR is told of a submission. */
export async function createRequest(db: Db, owner: { id: string; siteId: string | null }, input: RequestInput, options: { submit: boolean; now: Date }): Promise<ScheduleRequest> {
  const created = await insertRequest(db, owner, input, options);
  if (options.submit) await tellAnswerersSubmitted(db, created);
  return created;
}

/** Changes what a draft or a request sent back asks for; with `submit`, sends it (again) to HR with a fresh deadline. */
export async function updateRequest(db: Db, ownerId: string, id: string, input: RequestInput, options: { submit: boolean; now: Date; version?: number }): Promise<ScheduleRequest> {
  const updated = await reviseRequest(db, ownerId, id, input, options);
  if (options.submit) await tellAnswerersSubmitted(db, updated);
  return updated;
}

/** Submits the owner's draft as it stands. */
export async function submitRequest(db: Db, ownerId: string, id: string, now: Date): Promise<ScheduleRequest> {
  const row = await loadOwnRequest(db, ownerId, id);
  return updateRequest(db, ownerId, id, { details: row.details, fromDate: row.fromDate, untilDate: row.untilDate, note: row.note }, { submit: true, now });
}

/** Withdraws the owner's request; HR is told when it had it. */
export async function withdrawRequest(db: Db, ownerId: string, id: string): Promise<ScheduleRequest> {
  const { row, wasSubmitted } = await markWithdrawn(db, ownerId, id);
  if (wasSubmitted) await notify(db, await requestAnswerers(db), { kind: 'request_withdrawn', message: 'A schedule request was withdrawn.', link: `/hr/requests/${id}` });
  return row;
}

/**
 * HR approves, denies or sends back a submitted request (of two deciding at once, one wins and
 * the other is told who decided first); then the employee is told, in words that say nothing
 * of what the request was about.
 */
export async function decideRequest(db: Db, actor: Actor, id: string, decision: Decision, options: { version: number; now: Date }): Promise<ScheduleRequest> {
  const decided = await recordDecision(db, actor, id, decision, options);
  const link = `/requests/${id}`;
  if (!decided.userId) return decided;
  await tell(
    db,
    decision.action === 'request_changes'
      ? {
          userIds: [decided.userId],
          kind: 'request_changes_requested',
          message: 'HR asked for changes to your schedule request.',
          link,
          subject: 'Your request needs a change',
          mailText: 'HR read your schedule request and asked for a change before deciding.',
        }
      : {
          userIds: [decided.userId],
          kind: 'request_decided',
          message: `Your schedule request was ${decided.status}.`,
          link,
          subject: 'Your request has an answer',
          mailText: 'HR has answered your schedule request.',
        },
  );
  return decided;
}

/** An internal HR note on a request; the employee does not see it in Nook (only in a copy of her data), so nobody is told. */
export async function addNote(db: Db, actor: Actor, requestId: string, body: string) {
  return insertNote(db, actor, requestId, body);
}
