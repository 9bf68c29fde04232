'use client';

import { useActionState, useId } from 'react';
import { reportProblemAction } from '@/app/_actions/problems';
import { initialActionState } from '@/lib/action-state';
import { MAX_PROBLEM_NOTE, PROBLEM_KIND_LABELS, PROBLEM_KINDS } from '@/lib/problems';

/**
 * "Something's wrong?" on a room's page and its door page: what is wrong and an optional
 * note, straight to facilities. Facilities never see who reported; she is told when it is fixed.
 */
export function ProblemReport({ roomId, roomName }: { roomId: string; roomName: string }) {
  const [state, formAction, pending] = useActionState(reportProblemAction, initialActionState);
  const base = useId();
  const kindError = state.fields?.kind?.[0];
  const noteError = state.fields?.note?.[0];
  return (
    <details className="card problem-report">
      <summary>Something&apos;s wrong with {roomName}?</summary>
      {state.ok ? (
        <p role="status" className="small" style={{ marginBottom: 0 }}>
          {state.message}
        </p>
      ) : (
        <form action={formAction} className="stack" style={{ marginTop: '0.75rem' }} noValidate>
          <input type="hidden" name="roomId" value={roomId} />
          <div className="field">
            <label htmlFor={`${base}-kind`}>What is wrong</label>
            <select id={`${base}-kind`} name="kind" defaultValue="" aria-invalid={kindError ? true : undefined} aria-describedby={kindError ? `${base}-kind-error` : undefined}>
              <option value="" disabled>
                Choose…
              </option>
              {PROBLEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {PROBLEM_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            {kindError && (
              <p id={`${base}-kind-error`} className="field-error" role="alert">
                {kindError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${base}-note`}>Anything facilities should know (optional)</label>
            <textarea
              id={`${base}-note`}
              name="note"
              rows={2}
              maxLength={MAX_PROBLEM_NOTE}
              aria-describedby={`${base}-note-hint${noteError ? ` ${base}-note-error` : ''}`}
              aria-invalid={noteError ? true : undefined}
            />
            <p id={`${base}-note-hint`} className="small muted" style={{ margin: 0 }}>
              Facilities read this, but not who sent it. Leave out names and anything about your health.
            </p>
            {noteError && (
              <p id={`${base}-note-error`} className="field-error" role="alert">
                {noteError}
              </p>
            )}
          </div>
          <div>
            <button type="submit" className="btn btn-secondary" disabled={pending}>
              Tell facilities
            </button>
          </div>
          {state.message && !kindError && !noteError && (
            <p role="alert" className="field-error">
              {state.message}
            </p>
          )}
        </form>
      )}
    </details>
  );
}
