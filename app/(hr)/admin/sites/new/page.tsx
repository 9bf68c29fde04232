import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireRole } from '@/lib/server/auth/guards';
import { AdminForm } from '../../_components/admin-form';
import { SiteFields } from '../../_components/fields';
import { createSiteAction } from '../actions';

export const metadata: Metadata = { title: 'New site' };

export default async function NewSitePage() {
  await connection();
  await requireRole('admin');
  return (
    <div className="stack">
      <p className="small">
        <Link href="/admin">Back to Admin</Link>
      </p>
      <header className="page-header">
        <h1>New site</h1>
        <p>A building or campus with its own clock and opening hours. It starts with the default booking policy, which you can change next.</p>
      </header>
      <section className="card" aria-label="New site">
        <AdminForm action={createSiteAction} submitLabel="Create site">
          <SiteFields />
        </AdminForm>
      </section>
    </div>
  );
}
