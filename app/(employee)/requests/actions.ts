'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { createRequest, updateRequest, withdrawRequest } from '@/lib/server/operations/requests';
import { requestFormSchema } from './forms';
import { id } from '@/lib/schemas/inputs';

/** Saves a new or changed request as a draft, or submits it to HR ("intent"). Only the owner's own. */
export const saveRequestAction = defineAction('employee', requestFormSchema, async ({ requestId, version, submit, input }, { user, db }) => {
  const now = new Date();
  const saved = requestId ? await updateRequest(db, user.id, requestId, input, { submit, now, version }) : await createRequest(db, user, input, { submit, now });
  if (!requestId) redirect(`/requests/${saved.id}?saved=${submit ? 'submitted' : 'draft'}`);
  return { ok: true, status: 200, message: submit ? 'Submitted. HR will answer by the deadline shown.' : 'Draft saved. Submit it when you are ready.' };
}, { revalidate: ['/requests', '/hr/requests', { layout: '/' }] });

const withdrawSchema = z.object({ requestId: id('That request was not found.') });

export const withdrawRequestAction = defineAction('employee', withdrawSchema, async ({ requestId }, { user, db }) => {
  await withdrawRequest(db, user.id, requestId);
  return { ok: true, status: 200, message: 'Request withdrawn.' };
}, { revalidate: ['/requests', '/hr/requests'] });
