import { expect, it } from 'vitest';
import { listPeople } from '@/db/queries/people';
import { listRooms, listSites } from '@/db/queries/rooms';
import { describeDb } from '@/tests/db';
import { seedDemo } from './seed';

describeDb('demo data', (handle) => {
  it('has two sites in different zones, varied rooms and the named people', async () => {
    const db = handle().db;
    await seedDemo(db);
    const sites = await listSites(db);
    expect(sites.map((s) => s.timeZone).sort()).toEqual(['America/New_York', 'Europe/London']);
    expect(sites.every((s) => s.policy?.slotStepMin === 15 && s.policy.defaultLengthMin === 30 && s.policy.maxPerDay === 8)).toBe(true);

    const rooms = await listRooms(db);
    expect(rooms.length).toBeGreaterThanOrEqual(6);
    expect(rooms.some((r) => r.stations === 3)).toBe(true);
    expect(rooms.some((r) => r.stations === 1 && r.status === 'active')).toBe(true);
    expect(rooms.some((r) => r.status === 'out_of_service' && r.outOfServiceReason)).toBe(true);
    expect(new Set(rooms.map((r) => r.amenities.join())).size).toBeGreaterThan(3);

    const people = await listPeople(db);
    const byEmail = Object.fromEntries(people.map((p) => [p.email, p]));
    const ny = sites.find((s) => s.timeZone === 'America/New_York')!.name;
    const ldn = sites.find((s) => s.timeZone === 'Europe/London')!.name;
    expect(byEmail['amara@example.com']).toMatchObject({ role: 'employee', siteName: ny });
    expect(byEmail['beth@example.com']).toMatchObject({ role: 'employee', siteName: ny });
    expect(byEmail['chen@example.com']).toMatchObject({ role: 'employee', siteName: ldn });
    expect(byEmail['hr@example.com']?.role).toBe('hr');
    expect(byEmail['admin@example.com']?.role).toBe('admin');
  });
});
