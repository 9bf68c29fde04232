'use server';

import { z } from 'zod';
import { setRetention } from '@/db/queries/retention';
import { defineAction } from '@/lib/server/auth/action';
import { RETENTION_DAYS } from '@/lib/policy';

const days = (what: string) =>
  z.coerce
    .number({ error: `Enter how many days to keep ${what}.` })
    .int({ error: 'Enter a whole number of days.' })
    .min(RETENTION_DAYS.min, { error: `Keep them at least ${RETENTION_DAYS.min} days.` })
    .max(RETENTION_DAYS.max, { error: `Keep them at most ${RETENTION_DAYS.max} days (10 years).` });

const retentionSchema = z.object({ bookingRetentionDays: days('who made each booking'), requestRetentionDays: days('closed requests') });

/** How long personal data is kept; the daily retention run applies it. */
export const updateRetentionAction = defineAction('admin', retentionSchema, async (input, { user, db, ip }) => {
  await setRetention(db, user, input, ip);
  return { ok: true, status: 200, message: 'Retention saved. The daily run applies it from tonight.' };
}, { revalidate: ['/admin'] });
