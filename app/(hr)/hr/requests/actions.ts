'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { addNote, decideRequest } from '@/lib/server/operations/requests';
import { approveSchema, changesSchema, denySchema } from '@/app/(employee)/requests/forms';
import { id } from '@/lib/schemas/inputs';

/** A decision changes HR's queue, the request's page on both sides. */
const decided = { revalidate: ({ requestId }: { requestId: string }) => ['/hr/requests', `/hr/requests/${requestId}`, `/requests/${requestId}`] };

export const approveRequestAction = defineAction('hr', approveSchema, async ({ requestId, version, message, approvedDetails }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'approve', message, approvedDetails }, { version, now: new Date() });
  return { ok: true, status: 200, message: approvedDetails ? 'Approved with your changes. The employee has been told.' : 'Approved. The employee has been told.' };
}, decided);

export const denyRequestAction = defineAction('hr', denySchema, async ({ requestId, version, message }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'deny', message }, { version, now: new Date() });
  return { ok: true, status: 200, message: 'Denied. The employee has been told and can print the written answer.' };
}, decided);

export const requestChangesAction = defineAction('hr', changesSchema, async ({ requestId, version, message }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'request_changes', message }, { version, now: new Date() });
  return { ok: true, status: 200, message: 'Sent back for changes. The employee has been told.' };
}, decided);

const noteSchema = z.object({
  requestId: id('That request was not found.'),
  body: z
    .string({ error: 'Write the note first.' })
    .trim()
    .min(1, { error: 'Write the note first.' })
    .max(2000, { error: 'A note can be at most 2000 characters.' }),
});

export const addNoteAction = defineAction('hr', noteSchema, async ({ requestId, body }, { user, db, ip }) => {
  await addNote(db, { id: user.id, ip }, requestId, body);
  return { ok: true, status: 200, message: 'Note added. Only HR and admins see it in Nook.' };
}, { revalidate: ({ requestId }) => [`/hr/requests/${requestId}`] });
