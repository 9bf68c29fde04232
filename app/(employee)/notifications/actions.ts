'use server';

import { z } from 'zod';
import { markAllRead, markNoticeRead } from '@/db/queries/notifications';
import { defineAction } from '@/lib/server/auth/action';
import { id } from '@/lib/schemas/inputs';

const one = z.object({ id: id('Choose a notification.') });

/** Marks one of her own notifications read; anyone else's does not exist for her. */
export const markNotificationReadAction = defineAction('employee', one, async ({ id }, { user, db }) => {
  const done = await markNoticeRead(db, user.id, id);
  if (!done) return { ok: false, status: 404, message: 'That notification was not found, or is already read.' };
  return { ok: true, status: 200, message: 'Marked as read.' };
}, { revalidate: [{ layout: '/' }] });

export const markAllNotificationsReadAction = defineAction('employee', z.object({}), async (_, { user, db }) => {
  const n = await markAllRead(db, user.id);
  return { ok: true, status: 200, message: n === 1 ? '1 notification marked as read.' : `${n} notifications marked as read.` };
}, { revalidate: [{ layout: '/' }] });
