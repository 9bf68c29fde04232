import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireRole } from '@/lib/server/auth/guards';
import { localParts } from '@/lib/time';
import { findSite } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { RequestForm } from '../_components/request-form';

export const metadata: Metadata = { title: 'New request' };

export default async function NewRequestPage() {
  await connection();
  const user = await requireRole('employee');
  const site = user.siteId ? await findSite(await getDb(), user.siteId) : undefined;
  const today = localParts(new Date(), site?.timeZone ?? 'UTC').date;
  return (
    <div className="stack">
      <p className="small">
        <Link href="/requests">Back to My requests</Link>
      </p>
      <header className="page-header">
        <h1>New request</h1>
        <p>Save it as a draft and come back, or submit it to HR now. HR answers within the deadline your site sets{site ? ` (${site.name})` : ''}.</p>
      </header>
      <section className="card">
        <RequestForm today={today} />
      </section>
    </div>
  );
}
