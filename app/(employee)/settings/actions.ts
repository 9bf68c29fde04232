'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { endAllSessions, setReminders } from '@/db/queries/people';
import { defineAction } from '@/lib/auth/action';
import { signOut } from '@/lib/auth/config';

/** Ends this person's sessions on every device, this one included. */
export const signOutEverywhereAction = defineAction('employee', z.object({}), async (_input, { user, db }) => {
  await endAllSessions(db, user.id);
  await signOut({ redirectTo: '/signin?signedOut=1' });
});

const remindersSchema = z.object({ reminders: z.enum(['on', 'off'], { error: 'Choose on or off.' }) });

/** In-app reminders before each booking: on by default, hers to switch. */
export const setRemindersAction = defineAction('employee', remindersSchema, async ({ reminders }, { user, db }) => {
  await setReminders(db, user.id, reminders === 'on');
  revalidatePath('/settings');
  return { ok: true, status: 200, message: reminders === 'on' ? 'Reminders are on.' : 'Reminders are off.' };
});
