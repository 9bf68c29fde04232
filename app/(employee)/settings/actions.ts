'use server';

import { z } from 'zod';
import { endAllSessions } from '@/db/queries/people';
import { defineAction } from '@/lib/auth/action';
import { signOut } from '@/lib/auth/config';

/** Ends this person's sessions on every device, this one included. */
export const signOutEverywhereAction = defineAction('employee', z.object({}), async (_input, { user, db }) => {
  await endAllSessions(db, user.id);
  await signOut({ redirectTo: '/signin?signedOut=1' });
});
