'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState> };

/** Asking for erasure takes a ticked box as well as the button: a stray click asks for nothing. */
export function ErasureForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const error = state.fields?.confirm?.[0];
  return (
    <form action={formAction} className="stack" noValidate>
      <label className="confirm-check">
        <input type="checkbox" name="confirm" value="yes" aria-describedby={error ? 'erasure-confirm-error' : undefined} aria-invalid={error ? true : undefined} />
        <span>I want Nook to erase my data. I understand this cannot be undone, and that my future bookings will be cancelled.</span>
      </label>
      {error && (
        <p id="erasure-confirm-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="btn btn-danger" disabled={pending}>
          Ask to erase my data
        </button>
      </div>
      {state.message && !error && (
        <p role="alert" className={state.ok ? 'small' : 'field-error'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
