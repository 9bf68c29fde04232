'use client';

import { useActionState, useId, useState } from 'react';
import { CopyLink } from '@/app/_components/copy-link';
import { initialActionState } from '@/lib/action-state';
import { regenerateFeedAction, saveFeedTitleAction } from './actions';

type Props = { url: string; webcal: string; title: string | null; exampleRoom: string };

/** Her private feed link, a copy button, how to subscribe, her title choice, and Regenerate. */
export function CalendarFeed({ url, webcal, title, exampleRoom }: Props) {
  const id = useId();
  const [choice, setChoice] = useState<'neutral' | 'custom'>(title ? 'custom' : 'neutral');
  const [regenState, regenerate, regenerating] = useActionState(regenerateFeedAction, initialActionState);
  const [titleState, saveTitle, saving] = useActionState(saveFeedTitleAction, initialActionState);
  const titleError = titleState.fields?.title?.[0];

  return (
    <div className="stack">
      <CopyLink
        label="Your private feed link"
        url={url}
        help={
          <>
            Anyone with this link can see your bookings: keep it to yourself. <a href={webcal}>Open it in your calendar app</a> (webcal).
          </>
        }
      />

      <div>
        <h3>Add it to your calendar</h3>
        <ul className="small" style={{ margin: 0, paddingLeft: '1.25rem' }}>
          <li>
            <strong>Google Calendar</strong> (on a computer): Other calendars, <em>+</em>, From URL; paste the link. Google refreshes
            subscribed calendars on its own schedule: a new or changed booking can take several hours to show up there.
          </li>
          <li>
            <strong>Outlook</strong>: Add calendar, Subscribe from web; paste the link. Outlook checks it every few hours.
          </li>
          <li>
            <strong>Apple Calendar</strong>: on a Mac, File, New Calendar Subscription; on an iPhone, open the webcal link above. Set
            Auto-refresh to every hour.
          </li>
        </ul>
      </div>

      <form action={saveTitle} className="stack" aria-describedby={`${id}-title-help`}>
        <fieldset style={{ border: '1px solid var(--border)', borderRadius: 'var(--radius)', padding: '0.5rem 0.75rem', margin: 0 }}>
          <legend style={{ fontWeight: 600, padding: '0 0.25rem' }}>Event title</legend>
          <p id={`${id}-title-help`} className="muted small">
            Events are marked private, but people who can see your calendar may still see their titles.
          </p>
          <div className="check-grid" style={{ flexDirection: 'column', alignItems: 'flex-start' }}>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="titleChoice" value="neutral" checked={choice === 'neutral'} onChange={() => setChoice('neutral')} /> Neutral: “Private break ·{' '}
              {exampleRoom}”
            </label>
            <label style={{ fontWeight: 400 }}>
              <input type="radio" name="titleChoice" value="custom" checked={choice === 'custom'} onChange={() => setChoice('custom')} /> My own title
            </label>
          </div>
          <div className="field" style={{ marginTop: '0.5rem' }}>
            <label htmlFor={`${id}-title`}>Your title</label>
            <input
              id={`${id}-title`}
              name="title"
              type="text"
              maxLength={80}
              defaultValue={title ?? ''}
              disabled={choice === 'neutral'}
              aria-invalid={titleError ? true : undefined}
              aria-describedby={titleError ? `${id}-title-err` : undefined}
            />
            {titleError && (
              <span id={`${id}-title-err`} className="field-error">
                {titleError}
              </span>
            )}
          </div>
        </fieldset>
        <div className="inline-form">
          <button type="submit" className="btn btn-secondary btn-small" disabled={saving}>
            Save title
          </button>
          <span role="status" className={titleState.ok ? 'small' : 'field-error'}>
            {titleState.message && !titleError ? titleState.message : ''}
          </span>
        </div>
      </form>

      <form action={regenerate} className="stack">
        <p className="muted small" style={{ margin: 0 }}>
          Shared the link by mistake? Regenerate it: the current link stops working at once, and you subscribe again with the new one.
        </p>
        <div className="inline-form">
          <button type="submit" className="btn btn-danger btn-small" disabled={regenerating}>
            Regenerate link
          </button>
          <span role="status" className={regenState.ok ? 'small' : 'field-error'}>
            {regenState.message}
          </span>
        </div>
      </form>
    </div>
  );
}
