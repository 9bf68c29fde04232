'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { signOut } from '@/lib/server/auth/config';

/** Signs out of this browser (the menu on every page); "sign out everywhere" is in Settings. */
export const signOutAction = defineAction('public', z.object({}), async () => {
  await signOut({ redirectTo: '/signin?signedOut=1' });
});
