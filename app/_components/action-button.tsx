'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionState } from '@/lib/auth/action-state';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  className?: string;
  fields?: Record<string, string>;
};

/** A one-button form for a server action, with its refusal announced next to it. */
export function ActionButton({ action, label, className = 'btn', fields = {} }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={pending}>
        {label}
      </button>
      {state.message && (
        <span role="alert" className={state.ok ? 'small' : 'field-error'}>
          {state.message}
        </span>
      )}
    </form>
  );
}
