import type net from 'node:net';
import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { zonedInstant } from '@/lib/time';
import { dbKinds, freshDb, type TestDb } from '@/tests/db';
import { attachmentText, fakeSmtp } from '@/tests/fake-smtp';
import { seedWorld, type World } from '@/tests/world';
import { createBooking } from '@/lib/server/operations/book';
import { cancelBooking } from '@/lib/server/operations/cancel';
import { moveBooking } from '@/lib/server/operations/move';
import { sendBookingReminders } from './jobs';
import { sendBookingInvite } from './invites';

const NY = 'America/New_York';
const now = new Date('2026-03-06T20:00:00Z');
const at = (time: string) => zonedInstant('2026-03-09', time, NY);

function event(raw: string) {
  const ics = attachmentText(raw, 'invite.ics');
  expect(ics, 'invite.ics attached').toBeTruthy();
  const cal = new ICAL.Component(ICAL.parse(ics!) as unknown[]);
  const vevent = cal.getFirstSubcomponent('vevent')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: String(vevent.getFirstPropertyValue('status') ?? ''),
    summary: String(vevent.getFirstPropertyValue('summary')),
  };
}

for (const kind of dbKinds()) {
  describe(`booking invites by email [${kind}]`, () => {
    const smtp = fakeSmtp();
    let url = '';
    let t: TestDb;
    let w: World;
    beforeAll(async () => {
      await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
      url = `smtp://127.0.0.1:${(smtp.server.address() as net.AddressInfo).port}`;
    });
    afterAll(async () => {
      await t?.dispose();
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    });
    beforeEach(async () => {
      await t?.dispose();
      t = await freshDb(kind);
      w = await seedWorld(t.db);
      smtp.received.length = 0;
    });

    it('sends a REQUEST on booking and on a move and a CANCEL on cancelling: one UID, a rising SEQUENCE, a neutral subject', async () => {
      const b = await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at('09:30'), end: at('10:00'), now });
      expect(await sendBookingInvite(t.db, b.id, 'booked', now, url)).toBe(true);
      const moved = await moveBooking(t.db, { actor: w.amara, bookingId: b.id, start: at('11:00'), end: at('11:30'), now });
      await sendBookingInvite(t.db, moved.id, 'moved', now, url);
      await cancelBooking(t.db, { actor: w.amara, bookingId: b.id });
      await sendBookingInvite(t.db, b.id, 'cancelled', now, url);

      expect(smtp.received).toHaveLength(3);
      const [booked, move, cancel] = smtp.received.map(event);
      expect(booked).toMatchObject({ method: 'REQUEST', summary: 'Private break · Wellness Room 3' });
      expect(move!.method).toBe('REQUEST');
      expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED' });
      expect(new Set([booked!.uid, move!.uid, cancel!.uid]).size).toBe(1);
      expect(move!.sequence).toBeGreaterThan(booked!.sequence);
      expect(cancel!.sequence).toBeGreaterThan(move!.sequence);
      for (const raw of smtp.received) {
        expect(raw).toMatch(/^To: .*amara@example\.com/m);
        expect(raw).toMatch(/^Subject: Booking (confirmed|changed|cancelled)$/m);
        expect(raw).not.toMatch(/lactation|pump|breast/i);
      }
    });

    it('sends the 15-minute reminder by email too, with a neutral subject', async () => {
      await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at('09:30'), end: at('10:00'), now });
      expect(await sendBookingReminders(t.db, at('09:16'), url)).toBe(1);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toMatch(/^To: .*amara@example\.com/m);
      expect(smtp.received[0]).toMatch(/^Subject: Reminder: your booking starts soon$/m);
      expect(smtp.received[0]).toMatch(/Wellness Room 3 starts at 09:30/);
    });

    it('sends nothing when mail is not configured', async () => {
      const b = await createBooking(t.db, { userId: w.amara.id, roomId: w.wellness.id, start: at('09:30'), end: at('10:00'), now });
      expect(await sendBookingInvite(t.db, b.id, 'booked', now, null)).toBe(false);
      expect(smtp.received).toHaveLength(0);
      expect(await t.db.select().from(mailOutbox)).toHaveLength(0);
    });
  });
}
