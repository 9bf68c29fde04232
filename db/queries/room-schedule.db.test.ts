import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, rooms } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { localDayRange, zonedInstant, addMinutes } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { createBooking } from '@/lib/server/operations/book';
import { findPersonByEmail } from './people';
import { viewNamedRoomDay } from './room-schedule';
import { nextOpenDay, roomCalendar, roomOpenDayAhead, testNow } from '@/tests/clock';

describeDb('named day view of a room', (handle) => {
  let day: string;
  beforeAll(async () => {
    await seedDemo(handle().db);
    const [room] = await handle().db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
    day = await roomOpenDayAhead(handle().db, room!.id, 2);
  });

  it("lists that day's live bookings with names and writes who, room, day and IP to the audit log on each view", async () => {
    const { db } = handle();
    const [room] = await db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
    const beth = (await findPersonByEmail(db, 'beth@example.com'))!;
    const hr = (await findPersonByEmail(db, 'hr@example.com'))!;
    const start = zonedInstant(day, '10:00', 'America/New_York');
    await createBooking(db, { userId: beth.id, roomId: room!.id, start, end: addMinutes(start, 30), now: testNow() });
    // A booking on the room's next open day is not listed.
    const next = zonedInstant(nextOpenDay((await roomCalendar(db, room!.id)).hours, day), '10:00', 'America/New_York');
    await createBooking(db, { userId: beth.id, roomId: room!.id, start: next, end: addMinutes(next, 30), now: testNow() });
    const [from, to] = localDayRange(day, 'America/New_York');
    const view = () => viewNamedRoomDay(db, { actorId: hr.id, roomId: room!.id, roomName: room!.name, date: day, from, to, ip: '198.51.100.7' });
    const rows = await view();
    expect(rows).toEqual([expect.objectContaining({ personName: 'Beth Lindqvist', start })]);
    await view();
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'room.schedule_viewed'));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: hr.id, targetType: 'room', targetId: room!.id, ip: '198.51.100.7', detail: { room: 'Wellness Room 3', date: day } });
  });
});
