import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { planRoomChoices } from '@/db/queries/plans';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/auth/guards';
import { addDays, localParts } from '@/lib/time';
import { createPlanAction, previewPlanAction } from '../actions';
import { PlanForm } from '../plan-form';

export const metadata: Metadata = { title: 'New pump plan' };

export default async function NewPlanPage() {
  await connection();
  const user = await requireRole('employee');
  const { rooms, home } = await planRoomChoices(await getDb(), user.siteId);
  const today = localParts(new Date(), home?.timeZone ?? 'UTC').date;
  return (
    <div className="stack">
      <p className="small">
        <Link href="/plans">← Pump plans</Link>
      </p>
      <header className="page-header">
        <h1>New pump plan</h1>
        <p>Choose your break times and days, then preview: you see every break and the room it gets before anything is booked.</p>
      </header>
      <PlanForm
        rooms={rooms}
        defaults={{
          times: ['09:30', '12:30', '15:30'],
          weekdays: [1, 2, 3, 4, 5],
          lengthMin: home?.defaultLengthMin ?? 30,
          preferredRoomId: rooms.find((r) => r.siteId === user.siteId)?.id ?? rooms[0]?.id ?? '',
          fallbackRoomIds: [],
          startDate: today,
          endDate: addDays(today, 182),
        }}
        preview={previewPlanAction}
        submit={createPlanAction}
        submitLabel="Confirm and book"
      />
    </div>
  );
}
