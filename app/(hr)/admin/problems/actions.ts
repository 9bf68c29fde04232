'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/server/auth/action';
import { closeRoomForProblem, fixProblem, handleProblem } from '@/lib/server/operations/problems';
import { id } from '@/lib/schemas/inputs';

const problem = z.object({ problemId: id('That problem was not found.') });
const changed = { revalidate: ['/admin/problems', '/hr/compliance'] };

export const handleProblemAction = defineAction('admin', problem, async ({ problemId }, { user, db, ip }) => {
  await handleProblem(db, { id: user.id, ip }, problemId, new Date());
  return { ok: true, status: 200, message: 'You are handling it. The queue says so.' };
}, changed);

export const fixProblemAction = defineAction('admin', problem, async ({ problemId }, { user, db, ip }) => {
  await fixProblem(db, { id: user.id, ip }, problemId, new Date());
  // The problem leaves the list it was fixed from: the page says what happened.
  redirect('/admin/problems?done=fixed');
}, changed);

/** A lock or privacy problem: out of service in one step, its bookings re-homed. */
export const closeRoomForProblemAction = defineAction('admin', problem, async ({ problemId }, { user, db, ip }) => {
  const { moved, cancelled } = await closeRoomForProblem(db, { id: user.id, ip }, problemId, new Date());
  redirect(`/admin/problems?done=closed&moved=${moved}&cancelled=${cancelled}`);
}, { revalidate: ['/admin/problems', { layout: '/admin' }, { layout: '/rooms' }, '/'] });
