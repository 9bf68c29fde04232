import { z } from 'zod';
import { DECISION_MAX, detailsSchema, NOTE_MAX, REQUEST_TYPES, type RequestDetails } from '@/lib/requests';
import { id, isCalendarDate, isTimeOfDay, optionalDate } from '@/lib/schemas/inputs';

/** The request form's fields as FormData strings, and how they become a request. */

export const WINDOW_ROWS = 3;
const WEEKDAY_NUMBERS = [1, 2, 3, 4, 5] as const;

const optionalText = z
  .string()
  .optional()
  .transform((v) => v?.trim() ?? '');

const windowShape = Object.fromEntries(
  Array.from({ length: WINDOW_ROWS }, (_, i) => [
    [`window${i + 1}Start`, optionalText],
    [`window${i + 1}End`, optionalText],
  ]).flat(),
) as Record<string, typeof optionalText>;
const remoteShape = Object.fromEntries(WEEKDAY_NUMBERS.map((d) => [`remote${d}`, optionalText])) as Record<string, typeof optionalText>;

/** What is asked for, from the type-specific fields. Field names match the form. */
export const detailFieldsShape = {
  type: z.enum(REQUEST_TYPES, { error: 'Choose what kind of request this is.' }),
  breaks: optionalText,
  lengthMin: optionalText,
  shiftStart: optionalText,
  shiftEnd: optionalText,
  description: optionalText,
  ...windowShape,
  ...remoteShape,
};
type DetailFields = z.output<z.ZodObject<typeof detailFieldsShape>> & Record<string, unknown>;

const whole = (v: string) => (/^\d{1,4}$/.test(v) ? Number(v) : Number.NaN);

/** Builds the details from the fields, adding each problem under the field it belongs to. */
export function detailsFrom(v: DetailFields, ctx: z.RefinementCtx): RequestDetails | null {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  let candidate: unknown;
  switch (v.type) {
    case 'break_pattern': {
      const windows: { start: string; end: string }[] = [];
      for (let i = 1; i <= WINDOW_ROWS; i++) {
        const start = String(v[`window${i}Start`] ?? '');
        const end = String(v[`window${i}End`] ?? '');
        if (!start && !end) continue;
        if (!isTimeOfDay(start)) issue(`window${i}Start`, `Window ${i}: enter the start as a 24-hour time such as 10:00.`);
        else if (!isTimeOfDay(end)) issue(`window${i}End`, `Window ${i}: enter the end as a 24-hour time such as 10:45.`);
        else if (start >= end) issue(`window${i}End`, `Window ${i} must end after it starts.`);
        else windows.push({ start, end });
      }
      if (!v.breaks) issue('breaks', 'Enter how many breaks a day.');
      if (!v.lengthMin) issue('lengthMin', 'Enter how long each break is, in minutes.');
      candidate = { type: v.type, breaks: whole(v.breaks), lengthMin: whole(v.lengthMin), windows };
      break;
    }
    case 'shifted_hours':
      candidate = { type: v.type, start: v.shiftStart, end: v.shiftEnd };
      break;
    case 'remote_days':
      candidate = { type: v.type, days: WEEKDAY_NUMBERS.filter((d) => v[`remote${d}`] === 'on') };
      break;
    case 'other':
      candidate = { type: v.type, description: v.description };
      break;
  }
  const parsed = detailsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const FIELD: Record<string, string> = { breaks: 'breaks', lengthMin: 'lengthMin', start: 'shiftStart', end: 'shiftEnd', days: 'remoteDays', description: 'description' };
  for (const i of parsed.error.issues) {
    const key = FIELD[String(i.path[0])] ?? 'type';
    // "Enter how many breaks" is already said when the field was empty.
    if ((key === 'breaks' && !v.breaks) || (key === 'lengthMin' && !v.lengthMin)) continue;
    issue(key, i.message === 'Invalid input: expected number, received NaN' ? 'Enter a whole number.' : i.message);
  }
  return null;
}

const DATE_FIELDS = new Set<PropertyKey>(['fromDate', 'untilDate']);

export const requestFormSchema = z
  .object({
    requestId: id('That request was not found.').optional().or(z.literal('').transform(() => undefined)),
    version: z.coerce.number().int().min(0).optional(),
    intent: z.enum(['draft', 'submit'], { error: 'Choose to save a draft or submit.' }).default('draft'),
    fromDate: optionalDate,
    untilDate: optionalDate,
    note: optionalText,
    ...detailFieldsShape,
  })
  .superRefine(
    (v, ctx) => {
      // Checked here rather than per field, so every problem is reported at once: also when a date is wrong.
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      detailsFrom(v, ctx);
      if (!v.fromDate) issue('fromDate', 'Enter the date it should start from.');
      if (v.untilDate && v.fromDate && isCalendarDate(v.untilDate) && isCalendarDate(v.fromDate) && v.untilDate < v.fromDate) issue('untilDate', '"Until" must be on or after "From".');
      if (v.note.length > NOTE_MAX) issue('note', `The note can be at most ${NOTE_MAX} characters.`);
    },
    { when: (payload) => payload.issues.every((i) => DATE_FIELDS.has(i.path?.[0] ?? '')) },
  )
  .transform((v, ctx) => ({
    requestId: v.requestId,
    version: v.version,
    submit: v.intent === 'submit',
    input: { details: detailsFrom(v, ctx)!, fromDate: v.fromDate!, untilDate: v.untilDate ?? null, note: v.note || null },
  }));

const idAndVersion = {
  requestId: id('That request was not found.'),
  version: z.coerce.number({ error: 'Reload the page and try again.' }).int().min(0),
};
const message = (required: string | null) =>
  z
    .string()
    .optional()
    .transform((v) => v?.trim() ?? '')
    .refine((v) => v.length <= DECISION_MAX, { error: `At most ${DECISION_MAX} characters.` })
    .refine((v) => !required || v.length > 0, { error: required ?? '' });

export const denySchema = z.object({ ...idAndVersion, message: message('Write the reason: it becomes the written answer the employee receives.') });
export const changesSchema = z.object({ ...idAndVersion, message: message('Say what the employee should change.') });
export const approveSchema = z
  .object({ ...idAndVersion, message: message(null), withChanges: optionalText, ...detailFieldsShape, type: z.enum(REQUEST_TYPES).optional() })
  .transform((v, ctx) => {
    // The changed details count only when "Approve with changes" is ticked.
    if (v.withChanges === 'on' && !v.type) ctx.addIssue({ code: 'custom', path: ['type'], message: 'Reload the page and try again.' });
    const approvedDetails = v.withChanges === 'on' && v.type ? detailsFrom({ ...v, type: v.type }, ctx) : null;
    return { requestId: v.requestId, version: v.version, message: v.message || null, approvedDetails };
  });
