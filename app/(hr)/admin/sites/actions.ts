'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createSite, updatePolicy, updateSite } from '@/db/queries/admin';
import { defineAction } from '@/lib/auth/action';
import { changeAnswer, confirm, idOf, policySchema, siteFrom, siteShape } from '../forms';

const createSiteSchema = z.object(siteShape).transform(siteFrom);

export const createSiteAction = defineAction('admin', createSiteSchema, async (site, { user, db, ip }) => {
  const created = await createSite(db, { id: user.id, ip }, site);
  revalidatePath('/admin', 'layout');
  redirect(`/admin/sites/${created.id}?created=1`);
});

const updateSiteSchema = z
  .object({ siteId: idOf('site'), confirm, ...siteShape })
  .transform((v, ctx) => ({ siteId: v.siteId, confirm: v.confirm, site: siteFrom(v, ctx) }));

export const updateSiteAction = defineAction('admin', updateSiteSchema, async ({ siteId, confirm, site }, { user, db, ip }) => {
  const result = await updateSite(db, { id: user.id, ip }, siteId, site, { now: new Date(), confirm });
  if (result.done) revalidatePath('/admin', 'layout');
  return changeAnswer(result, 'Site saved.');
});

export const updatePolicyAction = defineAction('admin', policySchema, async ({ siteId, ...values }, { user, db, ip }) => {
  await updatePolicy(db, { id: user.id, ip }, siteId, values);
  revalidatePath('/admin', 'layout');
  return { ok: true, status: 200, message: 'Booking policy saved. It applies to bookings made from now on.' };
});
