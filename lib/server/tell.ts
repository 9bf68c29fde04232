import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notify } from '@/db/queries/notifications';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { sendMail } from './mail';

/** What people are told: an in-app notice and a mail saying the same, neither with health detail. */
export type Telling = { userIds: string[]; kind: string; message: string; link: string; subject: string; mailText: string };

function absolute(link: string) {
  const base = env().AUTH_URL?.replace(/\/$/, '');
  return base ? `${base}${link}` : link;
}

/**
 * Tells people of a change already committed: the notice first, then one mail each. A mail
 * failing is logged and never undoes the change or stops the others' mail.
 */
export async function tell(db: Db, t: Telling): Promise<void> {
  if (t.userIds.length === 0) return;
  await notify(db, t.userIds, { kind: t.kind, message: t.message, link: t.link });
  const people = await db.select({ email: users.email }).from(users).where(inArray(users.id, t.userIds));
  for (const p of people) {
    try {
      await sendMail(db, { to: p.email, subject: t.subject, text: `${t.mailText}\n\nOpen it in Nook: ${absolute(t.link)}\n` });
    } catch (err) {
      console.error(`Nook could not send mail (${t.kind}): ${(err as Error).message}`);
    }
  }
}
