import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listSites } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { AdminForm, SelectField } from '../../_components/admin-form';
import { RoomFields } from '../../_components/fields';
import { createRoomAction } from '../actions';

export const metadata: Metadata = { title: 'New room' };

export default async function NewRoomPage({ searchParams }: { searchParams: Promise<{ site?: string }> }) {
  await connection();
  await requireRole('admin');
  const sites = await listSites(await getDb());
  const { site: asked } = await searchParams;
  const site = sites.find((s) => s.id === asked) ?? sites[0];

  return (
    <div className="stack">
      <p className="small">
        <Link href="/admin">Back to Admin</Link>
      </p>
      <header className="page-header">
        <h1>New room</h1>
        <p>A private room for expressing milk, with one or more stations people book.</p>
      </header>
      {site ? (
        <section className="card" aria-label="New room">
          <AdminForm action={createRoomAction} submitLabel="Create room">
            <SelectField name="siteId" label="Site" options={sites.map((s) => ({ value: s.id, label: s.name }))} defaultValue={site.id} required />
            <RoomFields stations={1} siteHours={site.openingHours} />
          </AdminForm>
        </section>
      ) : (
        <p className="alert">
          Rooms belong to a site. <Link href="/admin/sites/new">Create a site</Link> first.
        </p>
      )}
    </div>
  );
}
