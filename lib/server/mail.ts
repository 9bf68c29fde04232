import 'server-only';
import { desc } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { env } from '@/lib/env';
import type { Db } from '@/db/client';
import { mailOutbox } from '@/db/schema';

export type MailAttachment = { filename: string; content: string | Buffer; contentType: string };
export type Mail = { to: string | string[]; subject: string; text: string; html?: string; attachments?: MailAttachment[] };

let transport: { url: string; t: Transporter } | undefined;

async function transporter(url: string): Promise<Transporter> {
  if (transport?.url !== url) {
    const nodemailer = await import('nodemailer');
    transport = { url, t: nodemailer.createTransport(url) };
  }
  return transport.t;
}

/**
 * Sends one mail: through SMTP when SMTP_URL is set, otherwise into the development outbox
 * (readable at /admin/outbox while the demo sign-in is on). Subjects must never carry health
 * detail: say "Your request has an answer", not what the request was about.
 */
export async function sendMail(db: Db, mail: Mail, options: { smtpUrl?: string | null; from?: string } = {}): Promise<'smtp' | 'outbox'> {
  const to = Array.isArray(mail.to) ? mail.to.join(', ') : mail.to;
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  if (smtpUrl) {
    const t = await transporter(smtpUrl);
    await t.sendMail({ from: options.from ?? env().MAIL_FROM, to, subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments });
    return 'smtp';
  }
  await db.insert(mailOutbox).values({
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.length })),
  });
  return 'outbox';
}

/** Mail kept in the development outbox, newest first. */
export async function listOutbox(db: Db, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(limit);
}
