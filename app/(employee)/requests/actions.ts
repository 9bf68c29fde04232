'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createRequest, updateRequest, withdrawRequest } from '@/db/queries/requests';
import { defineAction } from '@/lib/server/auth/action';
import { requestFormSchema } from './forms';
import { id } from '@/lib/schemas/inputs';

/** Saves a new or changed request as a draft, or submits it to HR ("intent"). Only the owner's own. */
export const saveRequestAction = defineAction('employee', requestFormSchema, async ({ requestId, version, submit, input }, { user, db }) => {
  const now = new Date();
  const saved = requestId ? await updateRequest(db, user.id, requestId, input, { submit, now, version }) : await createRequest(db, user, input, { submit, now });
  revalidatePath('/requests');
  revalidatePath('/hr/requests');
  revalidatePath('/', 'layout');
  if (!requestId) redirect(`/requests/${saved.id}?saved=${submit ? 'submitted' : 'draft'}`);
  return { ok: true, status: 200, message: submit ? 'Submitted. HR will answer by the deadline shown.' : 'Draft saved. Submit it when you are ready.' };
});

const withdrawSchema = z.object({ requestId: id('That request was not found.') });

export const withdrawRequestAction = defineAction('employee', withdrawSchema, async ({ requestId }, { user, db }) => {
  await withdrawRequest(db, user.id, requestId);
  revalidatePath('/requests');
  revalidatePath('/hr/requests');
  return { ok: true, status: 200, message: 'Request withdrawn.' };
});
