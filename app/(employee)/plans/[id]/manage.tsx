'use client';

import { useActionState, useId } from 'react';
import { initialActionState } from '@/lib/action-state';
import { extendPlanAction, skipDatesAction } from '../actions';

function Status({ message, ok }: { message?: string; ok: boolean }) {
  return (
    <p role="status" className={message ? (ok ? 'alert alert-ok' : 'alert alert-error') : 'sr-only'}>
      {message}
    </p>
  );
}

/** Skip a day or a range (leave, holidays). */
export function SkipForm({ planId, min }: { planId: string; min: string }) {
  const [state, action, pending] = useActionState(skipDatesAction, initialActionState);
  const id = useId();
  const err = (f: string) => state.fields?.[f]?.[0];
  return (
    <div className="stack">
      <form action={action} className="filters" aria-label="Skip days">
        <input type="hidden" name="planId" value={planId} />
        <div className="field">
          <label htmlFor={`${id}-from`}>First day to skip</label>
          <input id={`${id}-from`} name="fromDate" type="date" min={min} required />
          {err('fromDate') && <span className="field-error">{err('fromDate')}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Last day to skip</label>
          <input id={`${id}-to`} name="toDate" type="date" min={min} required />
          {err('toDate') && <span className="field-error">{err('toDate')}</span>}
        </div>
        <button type="submit" className="btn btn-secondary" disabled={pending}>
          Skip these days
        </button>
      </form>
      <Status message={state.message} ok={state.ok} />
    </div>
  );
}

/** Move the last day later; new breaks are booked as they come within 90 days. */
export function ExtendForm({ planId, endDate, max }: { planId: string; endDate: string; max: string }) {
  const [state, action, pending] = useActionState(extendPlanAction, initialActionState);
  const id = useId();
  return (
    <div className="stack">
      <form action={action} className="filters" aria-label="Extend the plan">
        <input type="hidden" name="planId" value={planId} />
        <div className="field">
          <label htmlFor={`${id}-end`}>New last day</label>
          <input id={`${id}-end`} name="endDate" type="date" min={endDate} max={max} required />
        </div>
        <button type="submit" className="btn btn-secondary" disabled={pending}>
          Extend
        </button>
      </form>
      <Status message={state.message} ok={state.ok} />
    </div>
  );
}
