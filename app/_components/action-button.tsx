'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  /** Words for screen readers after the visible label, when the label alone is ambiguous in a list ("Cancel" which one). */
  context?: string;
  className?: string;
  fields?: Record<string, string>;
};

/** A one-button form for a server action, with its refusal announced next to it. */
export function ActionButton({ action, label, context, className = 'btn', fields = {} }: Props) {
  const [state, formAction, pending] = useActionState(async (prev: ActionState, formData: FormData) => {
    const answer = await action(prev, formData);
    // Tell the top bar something changed (a notice read, say), so its unread count refreshes,
    // even when this button is gone from the page that comes back.
    window.dispatchEvent(new Event('nook:changed'));
    return answer;
  }, initialActionState);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={pending}>
        {label}
        {context && <span className="sr-only"> {context}</span>}
      </button>
      {state.message && (
        <span role="alert" className={state.ok ? 'small' : 'field-error'}>
          {state.message}
        </span>
      )}
    </form>
  );
}
