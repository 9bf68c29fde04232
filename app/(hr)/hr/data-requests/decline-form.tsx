'use client';

import { useActionState, useId } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; requestId: string; who: string };

/** Declining an erasure needs the written reason she will read. */
export function DeclineForm({ action, requestId, who }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const fieldId = useId();
  const error = state.fields?.reason?.[0];
  return (
    <details>
      <summary>Decline…</summary>
      <form action={formAction} className="stack" style={{ marginTop: '0.5rem' }} noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <div className="field">
          <label htmlFor={fieldId}>Why it cannot be erased (she reads this)</label>
          <textarea id={fieldId} name="reason" rows={3} maxLength={2000} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId}-error` : undefined} />
          {error && (
            <p id={`${fieldId}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="btn btn-secondary" disabled={pending}>
            Decline<span className="sr-only"> the erasure request of {who}</span>
          </button>
        </div>
        {state.message && !error && (
          <p role="alert" className={state.ok ? 'small' : 'field-error'}>
            {state.message}
          </p>
        )}
      </form>
    </details>
  );
}
