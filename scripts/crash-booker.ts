/**
 * A booking loop for the crash-safety test (tests/crash-safety.test.ts): opens Nook's database
 * the way the app does (PGlite in NOOK_DATA_DIR, migrated and seeded on first use, or
 * DATABASE_URL), then books through the real booking service, printing `ACK <id>` only after
 * createBooking has returned (committed). The test SIGKILLs it in the middle of the burst.
 *
 *   tsx --conditions=react-server scripts/crash-booker.ts burst    books until killed (4 at a time)
 *   tsx --conditions=react-server scripts/crash-booker.ts check    prints `COUNT <live bookings>`, books once more, prints `READY <id>`
 *
 * The react-server condition is the one Next.js runs server code under: it lets the server
 * layer's `server-only` marker load here, outside Next.js.
 */
import { count, eq, inArray } from 'drizzle-orm';
import { openConfigured } from '@/db/client';
import { createBooking } from '@/lib/server/operations/book';
import { bookings, rooms, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { Refusal } from '@/lib/errors';
import { addMinutes, localParts, zonedInstant, addDays } from '@/lib/time';

const mode = process.argv[2] ?? 'burst';

async function main() {
  const handle = await openConfigured();
  if (handle.kind === 'pglite') {
    await handle.migrate();
    const [row] = await handle.db.select({ n: count() }).from(users);
    if (!row || row.n === 0) await seedDemo(handle.db);
  }
  const db = handle.db;
  const [room] = await db.select().from(rooms).where(eq(rooms.name, 'Quiet Room 12B'));
  const people = await db.select().from(users).where(inArray(users.email, ['amara@example.com', 'beth@example.com', 'dana@example.com', 'chen@example.com']));
  const tz = 'America/New_York';
  const firstDay = addDays(localParts(new Date(), tz).date, 1);
  
  /** Slot i: 32 half-hour slots a day in the round-the-clock room, 8 for each of 4 people. */
  function slot(i: number) {
    const day = addDays(firstDay, Math.floor(i / 32) + (mode === 'check' ? 20 : 0));
    const start = addMinutes(zonedInstant(day, '06:00', tz), (i % 32) * 30);
    return { userId: people[i % 4]!.id, start, end: addMinutes(start, 30) };
  }
  
  async function book(i: number) {
    const s = slot(i);
    return createBooking(db, { userId: s.userId, roomId: room!.id, start: s.start, end: s.end, now: new Date() });
  }
  
  if (mode === 'check') {
    const [row] = await db.select({ n: count() }).from(bookings).where(eq(bookings.status, 'booked'));
    console.log(`COUNT ${row!.n}`);
    const b = await book(0);
    console.log(`READY ${b.id}`);
    await handle.close();
    process.exit(0);
  }
  
  console.log('STARTED');
  let next = 0;
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= 32 * 18) return;
      try {
        const b = await book(i);
        process.stdout.write(`ACK ${b.id}\n`);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        process.stdout.write(`REFUSED ${i} ${err.message}\n`);
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  console.log('DONE');
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
