import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ActionButton } from '@/app/_components/action-button';
import { findPolicy } from '@/db/queries/admin';
import { listHolidays } from '@/db/queries/requests';
import { findSite, listRooms } from '@/db/queries/rooms';
import { getDb } from '@/db/runtime';
import { requireRole } from '@/lib/server/auth/guards';
import { POLICY_NUMBERS } from '@/lib/policy';
import { formatDate } from '@/lib/time';
import { AdminForm, Checkbox, TextField } from '../../_components/admin-form';
import styles from '../../_components/admin-form.module.css';
import { SiteFields } from '../../_components/fields';
import { PlaceFeed } from '../../_components/place-feed';
import { addHolidayAction, removeHolidayAction, setReplyDeadlineAction, setScimDeleteAction, updatePolicyAction, updateSiteAction } from '../actions';
import { isId } from '@/lib/schemas/inputs';

export const metadata: Metadata = { title: 'Edit site' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function SitePage({ params, searchParams }: Props) {
  await connection();
  await requireRole('admin');
  const { id } = await params;
  if (!isId(id)) notFound();
  const db = await getDb();
  const [site, policy, rooms, holidays] = await Promise.all([findSite(db, id), findPolicy(db, id), listRooms(db, { siteId: id }), listHolidays(db, id)]);
  if (!site || !policy) notFound();
  const { created } = await searchParams;

  return (
    <div className="stack">
      <p className="small">
        <Link href="/admin">Back to Admin</Link>
      </p>
      <header className="page-header">
        <h1>{site.name}</h1>
        <p>{site.address || site.timeZone}</p>
      </header>
      {created && (
        <p className="alert alert-ok" role="status">
          {site.name} is created with the default booking policy. Check the policy below, then add its rooms.
        </p>
      )}

      <section className="card stack" aria-labelledby="site-details">
        <h2 id="site-details">Details</h2>
        <AdminForm action={updateSiteAction} submitLabel="Save site">
          <input type="hidden" name="siteId" value={site.id} />
          <SiteFields site={site} />
        </AdminForm>
      </section>

      <section className="card stack" aria-labelledby="site-policy">
        <div>
          <h2 id="site-policy">Booking policy</h2>
          <p className="small muted">The rules every booking at {site.name} follows. Changes apply to bookings made from now on.</p>
        </div>
        <AdminForm action={updatePolicyAction} submitLabel="Save policy">
          <input type="hidden" name="siteId" value={site.id} />
          <div className={styles.row}>
            {POLICY_NUMBERS.map((f) => (
              <TextField key={f.name} name={f.name} label={`${f.label} (${f.unit})`} hint={f.hint} type="number" min={f.min} max={f.max} defaultValue={policy[f.name]} />
            ))}
          </div>
          <Checkbox
            name="checkInRequired"
            label="People check in when they arrive"
            hint="Without a check-in within the grace, the booking is released for others."
            defaultChecked={policy.checkInRequired}
          />
        </AdminForm>
      </section>

      <section className="card stack" aria-labelledby="site-requests">
        <div>
          <h2 id="site-requests">Schedule requests</h2>
          <p className="small muted">
            HR answers each flexible-schedule request from {site.name} within this many business days: Monday to Friday on the site&apos;s clock, skipping the holidays below.
            New York City asks for 5.
          </p>
        </div>
        <AdminForm action={setReplyDeadlineAction} submitLabel="Save deadline">
          <input type="hidden" name="siteId" value={site.id} />
          <TextField name="replyDeadlineBusinessDays" label="Reply deadline (business days)" type="number" min={1} max={30} defaultValue={policy.replyDeadlineBusinessDays} />
        </AdminForm>
        <h3 className="subsection">Holidays</h3>
        {holidays.length === 0 ? (
          <p className="muted">No holidays yet.</p>
        ) : (
          <ul className="notification-list" aria-label={`Holidays at ${site.name}`}>
            {holidays.map((h) => (
              <li key={h.id}>
                <span>
                  {formatDate(h.date)} · {h.name}
                </span>
                <ActionButton action={removeHolidayAction} label={`Remove ${h.name}`} className="btn btn-secondary btn-small" fields={{ holidayId: h.id }} />
              </li>
            ))}
          </ul>
        )}
        <AdminForm action={addHolidayAction} submitLabel="Add holiday" submitClassName="btn btn-secondary" resetOnSuccess>
          <input type="hidden" name="siteId" value={site.id} />
          <div className={styles.row}>
            <TextField name="date" label="Holiday date" type="date" required />
            <TextField name="name" label="Holiday name" required hint="Such as Thanksgiving." />
          </div>
        </AdminForm>
      </section>

      <section className="card stack" aria-labelledby="site-scim-delete">
        <div>
          <h2 id="site-scim-delete">When your identity provider deletes someone</h2>
          <p className="small muted">
            A deletion through SCIM always ends her access at once. Nook can also erase her data then, as if she had asked and HR had confirmed: her past bookings stay
            only as anonymous room use.
          </p>
        </div>
        <AdminForm action={setScimDeleteAction} submitLabel="Save">
          <input type="hidden" name="siteId" value={site.id} />
          <Checkbox name="eraseOnScimDelete" label="Erase her data when the identity provider deletes her" defaultChecked={site.eraseOnScimDelete} />
        </AdminForm>
      </section>

      <section className="card stack" aria-labelledby="site-rooms">
        <h2 id="site-rooms">Rooms</h2>
        {rooms.length === 0 ? (
          <p className="muted">No rooms yet.</p>
        ) : (
          <ul>
            {rooms.map((r) => (
              <li key={r.id}>
                <Link href={`/admin/rooms/${r.id}`}>{r.name}</Link>
                <span className="muted small">
                  {' '}
                  · {r.stations} {r.stations === 1 ? 'station' : 'stations'}
                  {r.status === 'out_of_service' && ' · out of service'}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href={`/admin/rooms/new?site=${site.id}`} className="btn btn-secondary btn-small">
            New room at {site.name}
          </Link>
        </p>
      </section>
      <PlaceFeed target={{ siteId: site.id }} name={site.name} />
    </div>
  );
}
