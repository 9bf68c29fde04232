import type net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '@/tests/db';
import { fakeSmtp } from '@/tests/fake-smtp';
import { listOutbox, sendMail } from './mail';

describeDb('mail', (handle) => {
  const smtp = fakeSmtp();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  it('without SMTP_URL keeps the mail in the development outbox, attachments listed by name and size', async () => {
    const db = handle().db;
    const how = await sendMail(
      db,
      { to: 'amara@example.com', subject: 'Your request has an answer', text: 'Open Nook.', attachments: [{ filename: 'invite.ics', content: 'BEGIN:VCALENDAR', contentType: 'text/calendar' }] },
      { smtpUrl: null },
    );
    expect(how).toBe('outbox');
    const [kept] = await listOutbox(db);
    expect(kept).toMatchObject({ to: 'amara@example.com', subject: 'Your request has an answer', text: 'Open Nook.', attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', size: 15 }] });
  });

  it('with SMTP_URL sends through the server, with its attachments, and keeps nothing in the outbox', async () => {
    const db = handle().db;
    const before = (await listOutbox(db)).length;
    smtp.received.length = 0;
    const how = await sendMail(
      db,
      { to: ['hr@example.com'], subject: 'A request is waiting for your answer', text: 'Open Nook.', attachments: [{ filename: 'invite.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', contentType: 'text/calendar' }] },
      { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Nook <nook@example.com>' },
    );
    expect(how).toBe('smtp');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatch(/^Subject: A request is waiting for your answer$/m);
    expect(smtp.received[0]).toMatch(/^To: hr@example.com$/m);
    expect(smtp.received[0]).toMatch(/^From: Nook <nook@example.com>$/m);
    expect(smtp.received[0]).toMatch(/filename=invite\.ics/);
    expect((await listOutbox(db)).length).toBe(before);
  });
});
