'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { confirmErasure, declineErasure } from '@/lib/server/operations/data-rights';
import { MAX_REASON_CHARS } from '@/lib/data-rights';
import { id } from '@/lib/schemas/inputs';

const requestId = id('That request was not found.');
const answered = { revalidate: ['/hr/data-requests', '/admin/people', '/hr'] };

/** HR or an admin confirms an erasure: her data goes in one transaction, and she is told. */
export const confirmErasureAction = defineAction('hr', z.object({ requestId }), async ({ requestId }, { user, db, ip }) => {
  await confirmErasure(db, { id: user.id, ip }, requestId, new Date());
  // The request leaves the list it was answered from: the page says what happened.
  redirect('/hr/data-requests?answered=erased');
}, answered);

const declineSchema = z.object({
  requestId,
  reason: z
    .string({ error: 'Write the reason: it is the answer she reads.' })
    .trim()
    .min(1, { error: 'Write the reason: it is the answer she reads.' })
    .max(MAX_REASON_CHARS, { error: `Keep the reason to ${MAX_REASON_CHARS} characters or fewer.` }),
});

/** HR or an admin declines an erasure, in writing. */
export const declineErasureAction = defineAction('hr', declineSchema, async ({ requestId, reason }, { user, db, ip }) => {
  await declineErasure(db, { id: user.id, ip }, requestId, reason, new Date());
  redirect('/hr/data-requests?answered=declined');
}, answered);
