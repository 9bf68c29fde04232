/** What every server action answers, ready for `useActionState`. Safe to import from client components. */
export type ActionState = {
  ok: boolean;
  /** 401, 403, 404, 409 or 422 when refused; 200 when done. */
  status?: number;
  message?: string;
  fields?: Record<string, string[]>;
  /** The change would move or cancel other people's bookings: show the message and offer to re-submit with confirm=1. */
  confirm?: boolean;
  /** What the action worked out, for the page to show (a plan preview, a booking summary). */
  data?: unknown;
};

export const initialActionState: ActionState = { ok: false };
