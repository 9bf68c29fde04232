'use client';

import Link from 'next/link';
import { startTransition, useActionState, useId, useState, type FormEvent } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';
import type { PlanInput } from '@/lib/plans';
import { MAX_BOOKING_MIN, MAX_BREAKS_A_DAY, MIN_BOOKING_MIN } from '@/lib/policy';
import type { PlanResult } from './actions';
import { TIME_INPUT } from '@/app/_components/time-input';

export type RoomChoice = { id: string; name: string; siteName: string };

/** What the form starts with: a plan's own fields. */
export type PlanDefaults = PlanInput;

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  rooms: RoomChoice[];
  defaults: PlanDefaults;
  /** New plan: preview, then confirm. Change: one submit that re-plans from `fromDate`. */
  preview?: Action;
  submit: Action;
  submitLabel: string;
  hidden?: Record<string, string>;
  fromDate?: { min: string; value: string };
};

const DAYS = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [0, 'Sun'],
] as const;

/** In a preview nothing is booked yet: each row says what confirming would do. */
const PREVIEW_LABEL: Record<PlanResult['rows'][number]['outcome'], string> = {
  preferred: 'Will book',
  fallback: 'Will book a fallback',
  nearby: 'Nearby time',
  no_room: 'No room',
  past: 'Past',
  own_overlap: 'Clashes',
};

const OUTCOME_LABEL: Record<PlanResult['rows'][number]['outcome'], string> = {
  preferred: 'Booked',
  fallback: 'Fallback room',
  nearby: 'Nearby time',
  no_room: 'No room',
  past: 'Past',
  own_overlap: 'Clashes',
};

function RoomSelect({ id, name, label, rooms, value, optional }: { id: string; name: string; label: string; rooms: RoomChoice[]; value?: string; optional?: boolean }) {
  const sites = [...new Set(rooms.map((r) => r.siteName))];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''} required={!optional}>
        {optional ? <option value="">None</option> : <option value="">Choose a room</option>}
        {sites.map((site) => (
          <optgroup key={site} label={site}>
            {rooms
              .filter((r) => r.siteName === site)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function Outcomes({ result, choose }: { result: PlanResult; choose: boolean }) {
  return (
    <div className="stack">
      {choose && (
        <p className="alert alert-warn" style={{ margin: 0 }}>
          <strong>Preview:</strong> nothing is booked until you confirm.
        </p>
      )}
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Each break and what {choose ? 'confirming would do' : 'happened to it'}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.index}>
              <td>{r.when}</td>
              <td>
                <span className={r.outcome === 'no_room' || r.outcome === 'own_overlap' ? 'badge badge-warn' : r.outcome === 'past' || choose ? 'badge' : 'badge badge-ok'}>
                  {(choose ? PREVIEW_LABEL : OUTCOME_LABEL)[r.outcome]}
                </span>
              </td>
              <td>
                {r.detail}
                {choose && r.alternatives.length > 0 && (
                  <div className="field" style={{ marginTop: '0.35rem' }}>
                    <label htmlFor={`choice-${r.index}`} className="small">
                      Book a nearby time instead
                    </label>
                    <select id={`choice-${r.index}`} name="choice" form="plan-form" defaultValue="">
                      <option value="">Leave unbooked</option>
                      {r.alternatives.map((a) => (
                        <option key={a.value} value={a.value}>
                          {a.label}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                {!choose && r.outcome === 'no_room' && r.alternatives.length > 0 && <span className="muted small"> Free nearby: {r.alternatives.map((a) => a.label).join(', ')}.</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </div>
  );
}

export function PlanForm({ rooms, defaults, preview, submit, submitLabel, hidden = {}, fromDate }: Props) {
  const [previewState, previewAction, previewing] = useActionState(preview ?? (async () => initialActionState), initialActionState);
  const [state, submitAction, submitting] = useActionState(submit, initialActionState);
  const [times, setTimes] = useState(defaults.times.length ? defaults.times : ['09:30']);
  const id = useId();
  const fields = { ...previewState.fields, ...state.fields };
  const err = (f: string) => fields?.[f]?.[0];
  const previewed = previewState.ok ? (previewState.data as PlanResult) : null;
  const done = state.ok ? (state.data as PlanResult | undefined) : undefined;
  const message = state.message ? state : previewState;

  // Submitted by hand so the fields keep what she typed after a preview (a form action would reset them).
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget);
    startTransition(() => (preview && submitter?.dataset.intent === 'preview' ? previewAction(data) : submitAction(data)));
  };

  // Once a new plan is made, its form goes: what is left is the answer and the way to the plan, not a second plan.
  const made = Boolean(preview && done?.planId);

  return (
    <div className="stack">
      {!made && (
      <form id="plan-form" onSubmit={onSubmit} className="card stack" aria-describedby={`${id}-status`}>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {fromDate && (
          <div className="field">
            <label htmlFor={`${id}-from`}>Change from</label>
            <input id={`${id}-from`} name="fromDate" type="date" min={fromDate.min} defaultValue={fromDate.value} required />
            <span className="muted small">Breaks before this date stay as they are.</span>
          </div>
        )}
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <strong>Break times</strong> <span className="muted small">(24-hour, such as 09:30, at the room&rsquo;s site)</span>
          </legend>
          <div className="filters">
            {times.map((t, i) => (
              <div className="field" key={`${i}-${times.length}`}>
                <label htmlFor={`${id}-time-${i}`}>Break {i + 1}</label>
                <div className="inline-form">
                  <input id={`${id}-time-${i}`} name="times" {...TIME_INPUT} defaultValue={t} required onChange={(e) => setTimes(times.map((x, j) => (j === i ? e.target.value : x)))} />
                  {times.length > 1 && (
                    <button type="button" className="btn btn-danger btn-small" aria-label={`Remove break ${i + 1}`} onClick={() => setTimes(times.filter((_, j) => j !== i))}>
                      Remove
                    </button>
                  )}
                </div>
              </div>
            ))}
          </div>
          {times.length < MAX_BREAKS_A_DAY && (
            <div>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setTimes([...times, ''])}>
                Add a break
              </button>
            </div>
          )}
          {err('times') && <span className="field-error">{err('times')}</span>}
        </fieldset>
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <strong>Weekdays</strong>
          </legend>
          <div className="inline-form" style={{ flexWrap: 'wrap' }}>
            {DAYS.map(([n, label]) => (
              <label key={n} className="checkbox">
                <input type="checkbox" name="weekdays" value={n} defaultChecked={defaults.weekdays.includes(n)} /> {label}
              </label>
            ))}
          </div>
          {err('weekdays') && <span className="field-error">{err('weekdays')}</span>}
        </fieldset>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-length`}>Minutes per break</label>
            <input id={`${id}-length`} name="lengthMin" type="number" min={MIN_BOOKING_MIN} max={MAX_BOOKING_MIN} step={5} defaultValue={defaults.lengthMin} required />
            {err('lengthMin') && <span className="field-error">{err('lengthMin')}</span>}
          </div>
          {!fromDate && (
            <div className="field">
              <label htmlFor={`${id}-start`}>First day</label>
              <input id={`${id}-start`} name="startDate" type="date" defaultValue={defaults.startDate} required />
              {err('startDate') && <span className="field-error">{err('startDate')}</span>}
            </div>
          )}
          {fromDate && <input type="hidden" name="startDate" value={defaults.startDate} />}
          <div className="field">
            <label htmlFor={`${id}-end`}>Last day</label>
            <input id={`${id}-end`} name="endDate" type="date" defaultValue={defaults.endDate} required />
            {err('endDate') && <span className="field-error">{err('endDate')}</span>}
          </div>
        </div>
        <div className="filters">
          <RoomSelect id={`${id}-room`} name="preferredRoomId" label="Preferred room" rooms={rooms} value={defaults.preferredRoomId} />
          {[0, 1, 2].map((i) => (
            <RoomSelect key={i} id={`${id}-fallback-${i}`} name="fallbackRoomIds" label={`Fallback ${i + 1}`} rooms={rooms} value={defaults.fallbackRoomIds[i]} optional />
          ))}
        </div>
        {err('fallbackRoomIds') && <span className="field-error">{err('fallbackRoomIds')}</span>}
        <p className="muted small" style={{ margin: 0 }}>
          Nook books the preferred room, or the first fallback with a free station. Nothing about you or your child is asked or kept.
        </p>
        <div className="inline-form">
          {preview && (
            <button type="submit" data-intent="preview" className={previewed ? 'btn btn-secondary' : 'btn'} disabled={previewing}>
              {previewed ? 'Preview again' : 'Preview'}
            </button>
          )}
          {(!preview || previewed) && !done?.planId && (
            <button type="submit" className="btn" disabled={submitting}>
              {submitLabel}
            </button>
          )}
        </div>
      </form>
      )}
      <p id={`${id}-status`} role="status" className={message.message ? (message.ok ? 'alert alert-ok' : 'alert alert-error') : 'sr-only'}>
        {message.message}
      </p>
      {done?.planId && (
        <p>
          <Link href={`/plans/${done.planId}`} className="btn">
            Open the plan
          </Link>
        </p>
      )}
      {done && <Outcomes result={done} choose={false} />}
      {!done && previewed && <Outcomes result={previewed} choose />}
    </div>
  );
}
