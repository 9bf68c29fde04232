import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { planRoomChoices } from '@/db/queries/plans';
import { findRequestFor } from '@/db/queries/requests';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { planDraftFromRequest } from '@/lib/plans';
import type { RequestDetails } from '@/lib/requests';
import type { Role } from '@/lib/roles';
import { addDays, localParts } from '@/lib/time';
import { createPlanAction, previewPlanAction } from '../actions';
import { PlanForm } from '../plan-form';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'New pump plan' };

type Props = { searchParams: Promise<{ request?: string }> };

/** Her own approved break-pattern request, as a draft plan; anything else is ignored. */
async function draftFrom(requestId: string | undefined, user: { id: string; role: Role }, today: string) {
  if (!requestId || !isId(requestId)) return null;
  const found = await findRequestFor(await getDb(), user, requestId);
  if (!found || found.request.userId !== user.id || found.request.status !== 'approved') return null;
  const details = (found.request.approvedDetails ?? found.request.details) as RequestDetails;
  if (details.type !== 'break_pattern') return null;
  return planDraftFromRequest(details, found.request.fromDate, found.request.untilDate, today);
}

export default async function NewPlanPage({ searchParams }: Props) {
  await connection();
  const user = await requireRole('employee');
  const { rooms, home } = await planRoomChoices(await getDb(), user.siteId);
  const today = localParts(new Date(), home?.timeZone ?? 'UTC').date;
  const draft = await draftFrom((await searchParams).request, user, today);
  return (
    <div className="stack">
      <p className="small">
        <Link href="/plans">← Pump plans</Link>
      </p>
      <header className="page-header">
        <h1>New pump plan</h1>
        <p>Choose your break times and days, then preview: you see every break and the room it gets before anything is booked.</p>
      </header>
      {draft && (
        <p className="alert alert-ok" role="status">
          Filled in from your approved request: {draft.times.length} breaks of {draft.lengthMin} minutes. Adjust the times if you like, then preview.
        </p>
      )}
      <PlanForm
        rooms={rooms}
        defaults={{
          times: draft?.times ?? ['09:30', '12:30', '15:30'],
          weekdays: [1, 2, 3, 4, 5],
          lengthMin: draft?.lengthMin ?? home?.defaultLengthMin ?? 30,
          preferredRoomId: rooms.find((r) => r.siteId === user.siteId)?.id ?? rooms[0]?.id ?? '',
          fallbackRoomIds: [],
          startDate: draft?.startDate ?? today,
          endDate: draft?.endDate ?? addDays(today, 182),
        }}
        preview={previewPlanAction}
        submit={createPlanAction}
        submitLabel="Confirm and book"
      />
    </div>
  );
}
