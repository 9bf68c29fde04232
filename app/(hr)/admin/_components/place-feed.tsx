import { ActionButton } from '@/app/_components/action-button';
import { CopyLink } from '@/app/_components/copy-link';
import { livePlaceFeed, type PlaceTarget } from '@/db/queries/feeds';
import { getDb } from '@/db/runtime';
import { feedLinks, serverFeedKey } from '@/lib/server/auth/feed-key';
import { createPlaceFeedAction, revokePlaceFeedAction } from '../feeds/actions';

/** Admin pages: the anonymous calendar feed of a room or a site (door displays, facilities calendars). */
export async function PlaceFeed({ target, name }: { target: PlaceTarget; name: string }) {
  const live = await livePlaceFeed(await getDb(), target, serverFeedKey());
  const links = live ? await feedLinks(live.token) : null;
  const headingId = 'roomId' in target ? 'room-feed' : 'site-feed';
  const fields: Record<string, string> = 'roomId' in target ? { roomId: target.roomId } : { siteId: target.siteId };
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <div>
        <h2 id={headingId}>Calendar feed for displays</h2>
        <p className="small muted">
          {'roomId' in target ? `${name}'s` : `Every room at ${name}:`} bookings as busy blocks titled “Reserved”, for door displays and
          facilities calendars. It never shows who booked.
        </p>
      </div>
      {live && links ? (
        <>
          <CopyLink label={`Feed link for ${name}`} url={links.url} help="Anyone with the link sees when rooms are reserved. Revoke it if it leaks." />
          <div className="inline-form">
            <ActionButton action={createPlaceFeedAction} fields={fields} label="Replace link" className="btn btn-secondary btn-small" />
            <ActionButton action={revokePlaceFeedAction} fields={{ feedId: live.feed.id }} label="Revoke link" className="btn btn-danger btn-small" />
          </div>
        </>
      ) : (
        <ActionButton action={createPlaceFeedAction} fields={fields} label="Create feed link" className="btn btn-secondary btn-small" />
      )}
    </section>
  );
}
