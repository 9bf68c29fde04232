import { bookAction, rescheduleBookingAction } from '@/app/_actions/bookings';
import type { OpeningHours } from '@/lib/opening-hours';

/** The availability JSON, with its dates revived. */
export type Availability = {
  openingHours: OpeningHours;
  reserved: { start: Date; end: Date; free: number; total: number }[];
  mine: { id: string; start: Date; end: Date; station: string }[];
  closures: { start: Date; end: Date; reason: string }[];
};

type Raw = {
  openingHours: OpeningHours;
  reserved: { start: string; end: string; free: number; total: number }[];
  mine: { id: string; start: string; end: string; station: string }[];
  closures: { start: string; end: string; reason: string }[];
};

export class ApiError extends Error {
  constructor(
    message: string,
    public status: number,
    public body: { error?: string; suggestions?: Suggestion[]; fields?: Record<string, string[]> },
  ) {
    super(message);
  }
}

export type Suggestion = { kind: 'time' | 'room'; roomId: string; roomName: string; start: string; end: string };

export async function fetchAvailability(roomId: string, from: string, to: string): Promise<Availability> {
  const res = await fetch(`/api/v1/rooms/${roomId}/availability?${new URLSearchParams({ from, to })}`, { cache: 'no-store' });
  if (!res.ok) throw new ApiError('Availability could not be loaded.', res.status, await res.json().catch(() => ({})));
  const raw = (await res.json()) as Raw;
  const d = (s: string) => new Date(s);
  return {
    openingHours: raw.openingHours,
    reserved: raw.reserved.map((r) => ({ ...r, start: d(r.start), end: d(r.end) })),
    mine: raw.mine.map((m) => ({ ...m, start: d(m.start), end: d(m.end) })),
    closures: raw.closures.map((c) => ({ ...c, start: d(c.start), end: d(c.end) })),
  };
}

/**
 * Sends a booking change through its server action (Nook's own pages write through actions;
 * the JSON API is for integrations). A refusal comes back as ApiError with the server's
 * words and, when the room is full, its suggestions.
 */
export async function sendBooking(change: { kind: 'book'; roomId: string } | { kind: 'move'; bookingId: string }, start: Date, end: Date) {
  const form = new FormData();
  form.set('start', start.toISOString());
  form.set('end', end.toISOString());
  if (change.kind === 'book') form.set('roomId', change.roomId);
  else form.set('bookingId', change.bookingId);
  const state = change.kind === 'book' ? await bookAction(undefined, form) : await rescheduleBookingAction(undefined, form);
  const data = (state.data ?? {}) as { id?: string; start?: string; end?: string; suggestions?: Suggestion[] };
  if (!state.ok) {
    const fields = state.fields ? Object.values(state.fields).flat()[0] : undefined;
    throw new ApiError(fields ?? state.message ?? 'That did not work. Please try again.', state.status ?? 500, { suggestions: data.suggestions, fields: state.fields });
  }
  return data as { id: string; start: string; end: string };
}

export function reservedTitle(r: { free: number; total: number }): string {
  if (r.total <= 1) return 'Reserved';
  if (r.free === 0) return `Reserved · all ${r.total} stations taken`;
  return `Reserved · ${r.free} of ${r.total} stations free`;
}
