import { z } from 'zod';
import { optionalDate } from './inputs';

/** Audit log filters from a query string; dates are whole UTC days. */
export const auditFilterSchema = z.object({
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$/, { error: 'Choose an action from the list.' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  from: optionalDate,
  to: optionalDate,
});

export function auditRange(f: z.output<typeof auditFilterSchema>) {
  return {
    action: f.action,
    from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    to: f.to ? new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  };
}
