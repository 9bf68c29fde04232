import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { auditLog, rooms } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { addDays, localDayRange, localParts, weekdayOf, zonedInstant, addMinutes } from '@/lib/time';
import { describeDb } from '@/tests/db';
import { createBooking } from './bookings';
import { findPersonByEmail } from './people';
import { viewNamedRoomDay } from './room-schedule';

describeDb('named day view of a room', (handle) => {
  let day: string;
  beforeAll(async () => {
    await seedDemo(handle().db);
    day = localParts(new Date(Date.now() + 2 * 86_400_000), 'America/New_York').date;
    while ([0, 6].includes(weekdayOf(day))) day = addDays(day, 1);
  });

  it("lists that day's live bookings with names and writes who, room, day and IP to the audit log on each view", async () => {
    const { db } = handle();
    const [room] = await db.select().from(rooms).where(eq(rooms.name, 'Wellness Room 3'));
    const beth = (await findPersonByEmail(db, 'beth@example.com'))!;
    const hr = (await findPersonByEmail(db, 'hr@example.com'))!;
    const start = zonedInstant(day, '10:00', 'America/New_York');
    await createBooking(db, { userId: beth.id, roomId: room!.id, start, end: addMinutes(start, 30), now: new Date() });
    // The next day's booking is not listed.
    const tomorrow = zonedInstant(addDays(day, 1), '10:00', 'America/New_York');
    await createBooking(db, { userId: beth.id, roomId: room!.id, start: tomorrow, end: addMinutes(tomorrow, 30), now: new Date() });
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
