'use server';

import { z } from 'zod';
import { markNoticeRead } from '@/db/queries/notifications';
import { defineAction } from '@/lib/server/auth/action';
import { id } from '@/lib/schemas/inputs';

const noticeSchema = z.object({ id: id('Choose a notice.') });

/** Dismisses one of her notices (shown on Home and My bookings); anyone else's does not exist for her. */
export const dismissNoticeAction = defineAction(
  'employee',
  noticeSchema,
  async ({ id }, { user, db }) => {
    const done = await markNoticeRead(db, user.id, id);
    if (!done) return { ok: false, status: 404, message: 'That notice was not found.' };
  },
  { revalidate: ['/', '/bookings'] },
);
