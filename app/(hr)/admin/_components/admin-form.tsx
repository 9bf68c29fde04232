'use client';

import { createContext, startTransition, useActionState, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';
import { WEEKDAYS, type OpeningHours } from '@/lib/opening-hours';
import styles from './admin-form.module.css';
import { TIME_INPUT } from '@/app/_components/time-input';

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const FormState = createContext<ActionState>(initialActionState);

/**
 * A form for one admin action. What was typed stays after a refusal, each field's error
 * shows beside it, and the answer is announced. When the change would move or cancel
 * people's bookings the answer asks first, and "Confirm" sends the same form with confirm=1.
 */
export function AdminForm({
  action,
  submitLabel,
  submitClassName = 'btn',
  className = 'stack',
  resetOnSuccess = false,
  actions,
  children,
}: {
  action: Action;
  submitLabel: ReactNode;
  submitClassName?: string;
  className?: string;
  /** Empty the fields once saved, for forms that add one thing after another. */
  resetOnSuccess?: boolean;
  /** Buttons of its own instead of the one submit button (e.g. "Save draft" and "Submit" with name/value). */
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  // A question about bookings answers the form as it was: editing it withdraws the question.
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const asking = Boolean(state.confirm) && dismissed !== state;
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.fields) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    if (state.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting by hand keeps the fields as typed (a form action would reset them).
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  }

  const tone = state.ok ? 'alert-ok' : state.confirm ? 'alert-warn' : 'alert-error';
  return (
    <FormState.Provider value={state}>
      <form ref={form} action={formAction} onSubmit={onSubmit} onChange={() => state.confirm && setDismissed(state)} className={className} noValidate>
        {children}
        <div role="status" className={styles.answer}>
          {state.message && (!state.confirm || asking) && <p className={`alert ${tone}`}>{state.message}</p>}
        </div>
        {asking ? (
          <div className="inline-form">
            <button type="submit" name="confirm" value="1" className="btn" disabled={pending}>
              Confirm
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setDismissed(state)}>
              Don&apos;t save
            </button>
          </div>
        ) : actions ? (
          <div className="inline-form">{actions}</div>
        ) : (
          <div>
            <button type="submit" className={submitClassName} disabled={pending}>
              {submitLabel}
            </button>
          </div>
        )}
      </form>
    </FormState.Provider>
  );
}

/** The last answer of the form around this component (for errors that belong to a group of fields). */
export function useFormAnswer(): ActionState {
  return useContext(FormState);
}

/** Ids and ARIA wiring for a control named `name`, with its hint and its errors from the last answer. */
function useControl(name: string, hint?: string) {
  const state = useContext(FormState);
  const id = useId();
  const errors = state.fields?.[name];
  const describedBy = [hint && `${id}-hint`, errors && `${id}-error`].filter(Boolean).join(' ');
  return {
    id,
    hint: hint && (
      <p id={`${id}-hint`} className="small muted" style={{ margin: 0 }}>
        {hint}
      </p>
    ),
    error: errors && (
      <p id={`${id}-error`} className="field-error" style={{ margin: 0 }}>
        {errors.join(' ')}
      </p>
    ),
    props: { id, name, 'aria-describedby': describedBy || undefined, 'aria-invalid': errors ? true : undefined },
  };
}

type FieldProps = { name: string; label: string; hint?: string; required?: boolean };

export function TextField({
  type = 'text',
  defaultValue,
  multiline,
  min,
  max,
  ...field
}: FieldProps & { type?: 'text' | 'number' | 'date' | 'time'; defaultValue?: string | number; multiline?: boolean; min?: number; max?: number }) {
  const c = useControl(field.name, field.hint);
  return (
    <div className="field">
      <label htmlFor={c.id}>{field.label}</label>
      {multiline ? (
        <textarea {...c.props} defaultValue={defaultValue} required={field.required} rows={3} />
      ) : (
        type === 'time' ? (
          <input {...c.props} {...TIME_INPUT} defaultValue={defaultValue} required={field.required} />
        ) : (
          <input {...c.props} type={type} defaultValue={defaultValue} required={field.required} min={min} max={max} inputMode={type === 'number' ? 'numeric' : undefined} />
        )
      )}
      {c.hint}
      {c.error}
    </div>
  );
}

export function SelectField({ options, defaultValue, ...field }: FieldProps & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const c = useControl(field.name, field.hint);
  return (
    <div className="field">
      <label htmlFor={c.id}>{field.label}</label>
      <select {...c.props} defaultValue={defaultValue} required={field.required}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {c.hint}
      {c.error}
    </div>
  );
}

export function Checkbox({ name, label, hint, defaultChecked }: FieldProps & { defaultChecked?: boolean }) {
  const c = useControl(name, hint);
  return (
    <div>
      <label className={styles.option}>
        <input {...c.props} type="checkbox" defaultChecked={defaultChecked} />
        {label}
      </label>
      {c.hint}
      {c.error}
    </div>
  );
}

/** A set of checkboxes under one legend, each its own field. */
export function CheckboxGroup({ legend, options }: { legend: string; options: { name: string; label: string; checked: boolean }[] }) {
  return (
    <fieldset className={styles.fieldset}>
      <legend>{legend}</legend>
      <div className={styles.options}>
        {options.map((o) => (
          <label key={o.name} className={styles.option}>
            <input type="checkbox" name={o.name} defaultChecked={o.checked} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroup({ name, legend, options, defaultValue }: { name: string; legend: string; options: { value: string; label: string }[]; defaultValue: string }) {
  const state = useContext(FormState);
  const errorId = useId();
  const errors = state.fields?.[name];
  return (
    <fieldset className={styles.fieldset} aria-describedby={errors ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className={styles.options}>
        {options.map((o) => (
          <label key={o.value} className={styles.option}>
            <input type="radio" name={name} value={o.value} defaultChecked={o.value === defaultValue} />
            {o.label}
          </label>
        ))}
      </div>
      {errors && (
        <p id={errorId} className="field-error" style={{ margin: 0 }}>
          {errors.join(' ')}
        </p>
      )}
    </fieldset>
  );
}

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/**
 * Opening and closing time per weekday as `open0`…`close6`; both empty means closed. With
 * `toggle`, the hours apply only while its checkbox is ticked (a room's own hours).
 */
export function OpeningHoursFields({
  legend,
  hours,
  toggle,
}: {
  legend: string;
  hours: OpeningHours;
  toggle?: { name: string; label: string; checked: boolean };
}) {
  const [on, setOn] = useState(toggle?.checked ?? true);
  const hintId = useId();
  return (
    <fieldset className={styles.fieldset} aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p id={hintId} className="small muted">
        24-hour times on the site&apos;s clock, such as 08:00 to 18:00; 24:00 is midnight. Leave both empty on a day it is closed.
      </p>
      {toggle && (
        <label className={styles.option}>
          <input type="checkbox" name={toggle.name} checked={on} onChange={(e) => setOn(e.currentTarget.checked)} />
          {toggle.label}
        </label>
      )}
      <div hidden={!on}>
        {WEEK_ORDER.map((d) => (
          <DayHours key={d} day={d} hours={hours[d] ?? null} />
        ))}
      </div>
    </fieldset>
  );
}

function DayHours({ day, hours }: { day: number; hours: { open: string; close: string } | null }) {
  const name = WEEKDAYS[day]!;
  const open = useControl(`open${day}`);
  const close = useControl(`close${day}`);
  const dayId = useId();
  return (
    <div role="group" aria-labelledby={dayId} className={styles.day}>
      <span id={dayId} className={styles.dayName}>
        {name}
      </span>
      <span className={styles.times}>
        <Clock control={open} day={name} word="opens" value={hours?.open} />
        <Clock control={close} day={name} word="closes" value={hours?.close} />
      </span>
      {open.error}
      {close.error}
    </div>
  );
}

/** One time of day: "opens" on screen, "Monday opens" to a screen reader. */
function Clock({ control, day, word, value }: { control: ReturnType<typeof useControl>; day: string; word: string; value?: string }) {
  return (
    <span className={styles.time}>
      <label htmlFor={control.id}>
        <span className="sr-only">{day} </span>
        {word}
      </label>
      <input {...control.props} type="text" className={styles.clock} maxLength={5} placeholder="hh:mm" autoComplete="off" defaultValue={value ?? ''} />
    </span>
  );
}
