import type { Metadata } from 'next';
import { connection } from 'next/server';
import { listPeople } from '@/db/queries/people';
import { TableWrap } from '@/app/_components/table-wrap';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { PersonRow } from './person-row';

export const metadata: Metadata = { title: 'People' };

export default async function PeoplePage() {
  await connection();
  const me = await requireRole('admin');
  const people = await listPeople(await getDb());

  return (
    <div className="stack">
      <header className="page-header">
        <h1>People</h1>
        <p>Roles take effect at each person&apos;s next page load. Deactivating someone signs them out everywhere at once.</p>
      </header>
      <TableWrap label="People">
        <table>
          <caption className="muted small" style={{ textAlign: 'left', padding: '0.6rem 0.75rem' }}>
            {people.length} {people.length === 1 ? 'person' : 'people'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col" className="hide-narrow">
                Site
              </th>
              <th scope="col">Role</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <PersonRow key={p.id} person={p} isSelf={p.id === me.id} />
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
