'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createSite, setEraseOnScimDelete, updatePolicy } from '@/db/queries/admin';
import { updateSite } from '@/lib/server/operations/admin-changes';
import { addHoliday, removeHoliday, setReplyDeadlineDays } from '@/db/queries/requests';
import { defineAction } from '@/lib/server/auth/action';
import { REPLY_DEADLINE_DAYS } from '@/lib/policy';
import { requiredDate } from '@/lib/schemas/inputs';
import { changeAnswer, confirm, idOf, policySchema, siteFrom, siteShape } from '../forms';

const createSiteSchema = z.object(siteShape).transform(siteFrom);

export const createSiteAction = defineAction('admin', createSiteSchema, async (site, { user, db, ip }) => {
  const created = await createSite(db, { id: user.id, ip }, site);
  redirect(`/admin/sites/${created.id}?created=1`);
}, { revalidate: [{ layout: '/admin' }] });

const updateSiteSchema = z
  .object({ siteId: idOf('site'), confirm, ...siteShape })
  .transform((v, ctx) => ({ siteId: v.siteId, confirm: v.confirm, site: siteFrom(v, ctx) }));

export const updateSiteAction = defineAction('admin', updateSiteSchema, async ({ siteId, confirm, site }, { user, db, ip }) => {
  const result = await updateSite(db, { id: user.id, ip }, siteId, site, { now: new Date(), confirm });
  return changeAnswer(result, 'Site saved.');
}, { revalidate: [{ layout: '/admin' }] });

export const updatePolicyAction = defineAction('admin', policySchema, async ({ siteId, ...values }, { user, db, ip }) => {
  await updatePolicy(db, { id: user.id, ip }, siteId, values);
  return { ok: true, status: 200, message: 'Booking policy saved. It applies to bookings made from now on.' };
}, { revalidate: [{ layout: '/admin' }] });

const replyDaysSchema = z.object({
  siteId: idOf('site'),
  replyDeadlineBusinessDays: z.coerce
    .number({ error: 'Enter a whole number of business days.' })
    .int({ error: 'Enter a whole number of business days.' })
    .min(REPLY_DEADLINE_DAYS.min, { error: `The reply deadline must be from ${REPLY_DEADLINE_DAYS.min} to ${REPLY_DEADLINE_DAYS.max} business days.` })
    .max(REPLY_DEADLINE_DAYS.max, { error: `The reply deadline must be from ${REPLY_DEADLINE_DAYS.min} to ${REPLY_DEADLINE_DAYS.max} business days.` }),
});

/** How many business days HR has to answer a schedule request at this site. */
export const setReplyDeadlineAction = defineAction('admin', replyDaysSchema, async ({ siteId, replyDeadlineBusinessDays }, { user, db, ip }) => {
  await setReplyDeadlineDays(db, { id: user.id, ip }, siteId, replyDeadlineBusinessDays);
  return { ok: true, status: 200, message: `Saved. Requests submitted from now on are due within ${replyDeadlineBusinessDays} business days.` };
}, { revalidate: ({ siteId }) => [`/admin/sites/${siteId}`] });

const holidaySchema = z.object({
  siteId: idOf('site'),
  date: requiredDate('Enter the date of the holiday.'),
  name: z
    .string({ error: 'Name the holiday.' })
    .trim()
    .min(1, { error: 'Name the holiday, such as Thanksgiving.' })
    .max(100, { error: 'A holiday name can be at most 100 characters.' }),
});

export const addHolidayAction = defineAction('admin', holidaySchema, async ({ siteId, date, name }, { user, db, ip }) => {
  await addHoliday(db, { id: user.id, ip }, siteId, { date, name });
  return { ok: true, status: 200, message: `${name} on ${date} added. Reply deadlines skip it.` };
}, { revalidate: ({ siteId }) => [`/admin/sites/${siteId}`] });

export const removeHolidayAction = defineAction('admin', z.object({ holidayId: idOf('holiday') }), async ({ holidayId }, { user, db, ip }) => {
  const removed = await removeHoliday(db, { id: user.id, ip }, holidayId);
  return { ok: true, status: 200, message: `${removed.name} removed.`, data: { siteId: removed.siteId } };
}, { revalidate: (_, state) => [`/admin/sites/${(state.data as { siteId: string }).siteId}`] });

const scimDeleteSchema = z.object({ siteId: idOf('site'), eraseOnScimDelete: z.enum(['on']).optional() });

/** Whether the identity provider deleting someone (SCIM DELETE) erases her data or only deactivates her. */
export const setScimDeleteAction = defineAction('admin', scimDeleteSchema, async ({ siteId, eraseOnScimDelete }, { user, db, ip }) => {
  await setEraseOnScimDelete(db, { id: user.id, ip }, siteId, eraseOnScimDelete === 'on');
  return {
    ok: true,
    status: 200,
    message: eraseOnScimDelete === 'on' ? 'Saved. When your identity provider deletes someone here, Nook erases her data.' : 'Saved. When your identity provider deletes someone here, Nook only deactivates her.',
  };
}, { revalidate: ({ siteId }) => [`/admin/sites/${siteId}`] });
