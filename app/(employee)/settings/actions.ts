'use server';

import { z } from 'zod';
import { endAllSessions, setReminders } from '@/db/queries/people';
import { regeneratePersonalFeed, setPersonalFeedTitle } from '@/db/queries/feeds';
import { defineAction } from '@/lib/server/auth/action';
import { signOut } from '@/lib/server/auth/config';
import { serverFeedKey } from '@/lib/server/auth/feed-key';
import { requestArchive, requestErasure, withdrawErasure } from '@/lib/server/operations/data-rights';
import { id } from '@/lib/schemas/inputs';

/** Ends this person's sessions on every device, this one included. */
export const signOutEverywhereAction = defineAction('employee', z.object({}), async (_input, { user, db }) => {
  await endAllSessions(db, user.id);
  await signOut({ redirectTo: '/signin?signedOut=1' });
});

const remindersSchema = z.object({ reminders: z.enum(['on', 'off'], { error: 'Choose on or off.' }) });

/** In-app reminders before each booking: on by default, hers to switch. */
export const setRemindersAction = defineAction('employee', remindersSchema, async ({ reminders }, { user, db }) => {
  await setReminders(db, user.id, reminders === 'on');
  return { ok: true, status: 200, message: reminders === 'on' ? 'Reminders are on.' : 'Reminders are off.' };
}, { revalidate: ['/settings'] });

/** Revokes her calendar feed link at once and makes a new one. */
export const regenerateFeedAction = defineAction('employee', z.object({}), async (_input, { user, db }) => {
  await regeneratePersonalFeed(db, user.id, serverFeedKey());
  return { ok: true, status: 200, message: 'New link made. The old link stopped working: subscribe again with this one.' };
}, { revalidate: ['/settings'] });

const titleSchema = z
  .object({
    titleChoice: z.enum(['neutral', 'custom'], { error: 'Choose a title.' }),
    title: z.string().trim().max(80, { error: 'Keep the title to 80 characters or fewer.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.titleChoice === 'custom' && !v.title) ctx.addIssue({ code: 'custom', path: ['title'], message: 'Type your own title, or choose the neutral one.' });
    if (v.title && /[\u0000-\u001f\u007f]/.test(v.title)) ctx.addIssue({ code: 'custom', path: ['title'], message: 'The title cannot contain control characters.' });
  });

/** Her own title for the events in her feed, or back to the neutral "Private break · <room>". */
export const saveFeedTitleAction = defineAction('employee', titleSchema, async (input, { user, db }) => {
  const title = input.titleChoice === 'custom' ? input.title! : null;
  await setPersonalFeedTitle(db, user.id, serverFeedKey(), title);
  return { ok: true, status: 200, message: title ? `Your events are now titled “${title}”.` : 'Your events use the neutral title again.' };
}, { revalidate: ['/settings'] });

/** A copy of everything Nook holds about her, as a zip she downloads from Settings. */
export const requestArchiveAction = defineAction('employee', z.object({}), async (_input, { user, db }) => {
  const { ready } = await requestArchive(db, user, new Date());
  return {
    ok: true,
    status: 200,
    message: ready ? 'Your archive is ready to download. The link works for 7 days.' : 'Nook is preparing your archive. You will get a notice when it is ready to download.',
  };
}, { revalidate: ['/settings'] });

const erasureSchema = z.object({
  confirm: z.literal('yes', { error: 'Tick the box to confirm that you want your data erased.' }),
});

/** She asks for her data to be erased; HR or an admin confirms it. */
export const requestErasureAction = defineAction('employee', erasureSchema, async (_input, { user, db }) => {
  await requestErasure(db, user, new Date());
  return { ok: true, status: 200, message: 'Erasure requested. HR or an admin will confirm it within one month; until then you can withdraw it here.' };
}, { revalidate: ['/settings', '/hr/data-requests'] });

const withdrawSchema = z.object({ requestId: id('That request was not found.') });

export const withdrawErasureAction = defineAction('employee', withdrawSchema, async ({ requestId }, { user, db }) => {
  await withdrawErasure(db, user, requestId);
  return { ok: true, status: 200, message: 'Erasure request withdrawn. Nothing was erased.' };
}, { revalidate: ['/settings', '/hr/data-requests'] });
