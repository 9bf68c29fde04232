'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createRoom, removeClosure } from '@/db/queries/admin';
import { addClosure, updateRoom } from '@/lib/server/operations/admin-changes';
import { loadRoomContext } from '@/db/queries/bookings';
import { defineAction } from '@/lib/server/auth/action';
import { Refusal } from '@/lib/errors';
import { zonedInstant } from '@/lib/time';
import { changeAnswer, closureSchema, confirm, idOf, roomFrom, roomShape } from '../forms';

const createRoomSchema = z.object({ siteId: idOf('site'), ...roomShape }).transform((v, ctx) => ({ siteId: v.siteId, room: roomFrom(v, ctx) }));

export const createRoomAction = defineAction('admin', createRoomSchema, async ({ siteId, room }, { user, db, ip }) => {
  const created = await createRoom(db, { id: user.id, ip }, siteId, room);
  redirect(`/admin/rooms/${created.id}?created=1`);
}, { revalidate: [{ layout: '/admin' }] });

const updateRoomSchema = z
  .object({ roomId: idOf('room'), confirm, ...roomShape })
  .transform((v, ctx) => ({ roomId: v.roomId, confirm: v.confirm, room: roomFrom(v, ctx) }));

export const updateRoomAction = defineAction('admin', updateRoomSchema, async ({ roomId, confirm, room }, { user, db, ip }) => {
  const result = await updateRoom(db, { id: user.id, ip }, roomId, room, { now: new Date(), confirm });
  return changeAnswer(result, 'Room saved.');
}, { revalidate: [{ layout: '/admin' }] });

export const addClosureAction = defineAction('admin', closureSchema, async (input, { user, db, ip }) => {
  const ctx = await loadRoomContext(db, input.roomId);
  if (!ctx) throw new Refusal('That room no longer exists.', 'not_found');
  // Entered on the site's wall clock, wherever the admin's browser is.
  const tz = ctx.site.timeZone;
  const window = { start: zonedInstant(input.startDate, input.startTime, tz), end: zonedInstant(input.endDate, input.endTime, tz), reason: input.reason };
  const result = await addClosure(db, { id: user.id, ip }, input.roomId, window, { now: new Date(), confirm: input.confirm });
  return changeAnswer(result, 'Out-of-service window added.');
}, { revalidate: [{ layout: '/admin' }] });

export const removeClosureAction = defineAction('admin', z.object({ closureId: idOf('window') }), async ({ closureId }, { user, db, ip }) => {
  await removeClosure(db, { id: user.id, ip }, closureId);
  return { ok: true, status: 200, message: 'Window removed: the room can be booked at that time again.' };
}, { revalidate: [{ layout: '/admin' }] });
