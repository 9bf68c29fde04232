'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addNote, decideRequest } from '@/db/queries/requests';
import { defineAction } from '@/lib/server/auth/action';
import { approveSchema, changesSchema, denySchema } from '@/app/(employee)/requests/forms';
import { id } from '@/lib/schemas/inputs';

function refresh(id: string) {
  revalidatePath('/hr/requests');
  revalidatePath(`/hr/requests/${id}`);
  revalidatePath(`/requests/${id}`);
}

export const approveRequestAction = defineAction('hr', approveSchema, async ({ requestId, version, message, approvedDetails }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'approve', message, approvedDetails }, { version, now: new Date() });
  refresh(requestId);
  return { ok: true, status: 200, message: approvedDetails ? 'Approved with your changes. The employee has been told.' : 'Approved. The employee has been told.' };
});

export const denyRequestAction = defineAction('hr', denySchema, async ({ requestId, version, message }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'deny', message }, { version, now: new Date() });
  refresh(requestId);
  return { ok: true, status: 200, message: 'Denied. The employee has been told and can print the written answer.' };
});

export const requestChangesAction = defineAction('hr', changesSchema, async ({ requestId, version, message }, { user, db, ip }) => {
  await decideRequest(db, { id: user.id, ip }, requestId, { action: 'request_changes', message }, { version, now: new Date() });
  refresh(requestId);
  return { ok: true, status: 200, message: 'Sent back for changes. The employee has been told.' };
});

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
  revalidatePath(`/hr/requests/${requestId}`);
  return { ok: true, status: 200, message: 'Note added. Only HR and admins see it.' };
});
