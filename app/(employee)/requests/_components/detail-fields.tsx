'use client';

import { useState } from 'react';
import { Checkbox, TextField, useFormAnswer } from '@/app/(hr)/admin/_components/admin-form';
import styles from '@/app/(hr)/admin/_components/admin-form.module.css';
import { MAX_BREAKS_A_DAY, MAX_REQUESTED_BREAK_MIN, MIN_BOOKING_MIN } from '@/lib/policy';
import { REQUEST_TYPE_LABELS, REQUEST_TYPES, type RequestDetails, type RequestType } from '@/lib/requests';

const WINDOW_ROWS = 3;
const WEEKDAYS: [number, string][] = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
];

const TYPE_HINTS: Record<RequestType, string> = {
  break_pattern: 'How many pump breaks you need each day, how long, and when they suit you best.',
  shifted_hours: 'Start and end your working day at other times.',
  remote_days: 'Work from home on some weekdays.',
  other: 'Anything else you need, in your own words.',
};

/**
 * The fields of what is asked for. With `typeLocked`, the type is fixed (editing a request,
 * or HR approving with changes); otherwise the employee picks it and sees its fields.
 */
export function DetailFields({ details, typeLocked, idPrefix = '' }: { details?: RequestDetails; typeLocked?: boolean; idPrefix?: string }) {
  const [type, setType] = useState<RequestType>(details?.type ?? 'break_pattern');
  const bp = details?.type === 'break_pattern' ? details : undefined;
  const sh = details?.type === 'shifted_hours' ? details : undefined;
  const rd = details?.type === 'remote_days' ? details : undefined;
  const ot = details?.type === 'other' ? details : undefined;
  return (
    <>
      {typeLocked ? (
        <input type="hidden" name="type" value={type} />
      ) : (
        <fieldset className={styles.fieldset}>
          <legend>What are you asking for?</legend>
          <div className="stack" style={{ gap: '0.25rem' }}>
            {REQUEST_TYPES.map((t) => (
              <label key={t} className={styles.option}>
                <input type="radio" name="type" value={t} checked={type === t} onChange={() => setType(t)} />
                <span>
                  <strong>{REQUEST_TYPE_LABELS[t]}</strong> <span className="small muted">— {TYPE_HINTS[t]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {type === 'break_pattern' && (
        <fieldset className={styles.fieldset}>
          <legend>Break pattern</legend>
          <div className={styles.row}>
            <TextField name="breaks" label="Breaks a day" type="number" min={1} max={MAX_BREAKS_A_DAY} defaultValue={bp?.breaks ?? 3} />
            <TextField name="lengthMin" label="Length of each break (minutes)" type="number" min={MIN_BOOKING_MIN} max={MAX_REQUESTED_BREAK_MIN} defaultValue={bp?.lengthMin ?? 30} />
          </div>
          <p className="small muted" id={`${idPrefix}windows-hint`}>
            Preferred windows, optional: 24-hour times such as 10:00 to 10:45.
          </p>
          {Array.from({ length: WINDOW_ROWS }, (_, i) => (
            <div key={i} className={styles.row} role="group" aria-label={`Preferred window ${i + 1}`}>
              <TextField name={`window${i + 1}Start`} label={`Window ${i + 1} from`} type="time" defaultValue={bp?.windows[i]?.start ?? ''} />
              <TextField name={`window${i + 1}End`} label={`Window ${i + 1} until`} type="time" defaultValue={bp?.windows[i]?.end ?? ''} />
            </div>
          ))}
        </fieldset>
      )}

      {type === 'shifted_hours' && (
        <fieldset className={styles.fieldset}>
          <legend>Shifted hours</legend>
          <div className={styles.row}>
            <TextField name="shiftStart" label="Start work at" type="time" hint="24-hour time, such as 07:30." defaultValue={sh?.start ?? ''} />
            <TextField name="shiftEnd" label="Finish work at" type="time" hint="24-hour time, such as 15:30." defaultValue={sh?.end ?? ''} />
          </div>
        </fieldset>
      )}

      {type === 'remote_days' && <RemoteDays days={rd?.days ?? []} />}

      {type === 'other' && <TextField name="description" label="What do you need?" multiline defaultValue={ot?.description ?? ''} />}
    </>
  );
}

function RemoteDays({ days }: { days: number[] }) {
  return (
    <fieldset className={styles.fieldset}>
      <legend>Remote days</legend>
      <div className={styles.options}>
        {WEEKDAYS.map(([d, name]) => (
          <Checkbox key={d} name={`remote${d}`} label={name} defaultChecked={days.includes(d)} />
        ))}
      </div>
      <RemoteError />
    </fieldset>
  );
}

/** The "choose at least one day" error sits under the group, not under one day. */
function RemoteError() {
  return <TextFieldErrorOnly name="remoteDays" />;
}

function TextFieldErrorOnly({ name }: { name: string }) {
  const state = useFormAnswer();
  const errors = state.fields?.[name];
  if (!errors) return null;
  return (
    <p className="field-error" role="alert" style={{ margin: 0 }}>
      {errors.join(' ')}
    </p>
  );
}
