'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { reportProblem } from '@/lib/server/operations/problems';
import { MAX_PROBLEM_NOTE, PROBLEM_KINDS } from '@/lib/problems';
import { id } from '@/lib/schemas/inputs';

const reportSchema = z.object({
  roomId: id('That room does not exist.'),
  kind: z.enum(PROBLEM_KINDS, { error: 'Choose what is wrong.' }),
  note: z
    .string()
    .trim()
    .max(MAX_PROBLEM_NOTE, { error: `Keep the note to ${MAX_PROBLEM_NOTE} characters or fewer.` })
    .optional()
    .transform((v) => v || null),
});

/** "Something's wrong" on a room's page and its door page: facilities are told, and so is she once it is fixed. */
export const reportProblemAction = defineAction('employee', reportSchema, async (input, { user, db }) => {
  const { joined } = await reportProblem(db, user, input, new Date());
  return {
    ok: true,
    status: 200,
    message: joined
      ? 'Thank you. Someone already reported this and facilities are on it; you will get a notice when it is fixed.'
      : 'Thank you. Facilities have been told; you will get a notice when it is fixed.',
  };
}, { rateLimit: 'booking', revalidate: ['/admin/problems'] });
