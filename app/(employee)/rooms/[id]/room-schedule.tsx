'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useId, useRef, useState } from 'react';
import { useHydrated } from '@/app/_components/use-hydrated';
import { queryKeys } from '@/lib/query-keys';
import { addDays, addMinutes, formatLocal, formatTime, localDayRange, localParts, minutesBetween, weekdayOf, zonedInstant, zoneLabel } from '@/lib/time';
import { ApiError, fetchAvailability, reservedTitle, sendBooking, type Suggestion } from './schedule-data';
import { TIME_INPUT } from '@/app/_components/time-input';

// The calendar needs the browser (and sets the display zone globally), so it is never server-rendered.
const CalendarView = dynamic(() => import('./calendar-view'), {
  ssr: false,
  loading: () => <p className="muted">Loading the calendar…</p>,
});

type Props = {
  room: { id: string; name: string; stations: number };
  timeZone: string;
  /** The day the calendar and the form open on, yyyy-MM-dd in the site's zone. */
  initialDate: string;
  policy: { slotStepMin: number; defaultLengthMin: number; minLengthMin: number; maxLengthMin: number };
};

export type View = 'day' | 'week';

/** [from, to) of the visible day or Monday-to-Monday week, in the site's zone. */
function visibleRange(date: string, view: View, timeZone: string): [Date, Date] {
  if (view === 'day') return localDayRange(date, timeZone);
  const monday = addDays(date, -((weekdayOf(date) + 6) % 7));
  return [zonedInstant(monday, '00:00', timeZone), zonedInstant(addDays(monday, 7), '00:00', timeZone)];
}

export function RoomSchedule({ room, timeZone, initialDate, policy }: Props) {
  const qc = useQueryClient();
  const formId = useId();
  const [view, setView] = useState<View>('day');
  const [date, setDate] = useState(initialDate);
  const [form, setForm] = useState({ date: initialDate, start: '', length: String(policy.defaultLengthMin) });
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; suggestions?: Suggestion[] } | null>(null);
  const bookButton = useRef<HTMLButtonElement>(null);
  const hydrated = useHydrated();

  const [from, to] = visibleRange(date, view, timeZone);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const availability = useQuery({
    queryKey: queryKeys.availability(room.id, fromIso, toIso),
    queryFn: () => fetchAvailability(room.id, fromIso, toIso),
  });

  const done = (message: string) => {
    setOutcome({ ok: true, message });
    void qc.invalidateQueries({ queryKey: queryKeys.availabilityOfRoom(room.id) });
  };
  const failed = (err: unknown) => {
    if (err instanceof ApiError) setOutcome({ ok: false, message: err.message, suggestions: err.body.suggestions });
    else setOutcome({ ok: false, message: 'Nook could not be reached. Check your connection and try again.' });
  };

  const book = useMutation({
    mutationFn: (b: { roomId: string; start: Date; end: Date }) =>
      sendBooking({ kind: 'book', roomId: b.roomId }, b.start, b.end),
    onSuccess: (b, vars) => {
      // The time is taken now: the form waits for the next one rather than inviting the same booking twice.
      setForm((f) => ({ ...f, start: '' }));
      done(`Booked ${vars.roomId === room.id ? room.name : 'the other room'}, ${formatLocal(new Date(b.start), timeZone)}–${formatTime(new Date(b.end), timeZone)}.`);
    },
    onError: failed,
  });
  const move = useMutation({
    mutationFn: (m: { id: string; start: Date; end: Date }) => sendBooking({ kind: 'move', bookingId: m.id }, m.start, m.end),
    onSuccess: (b) => done(`Moved to ${formatLocal(new Date(b.start), timeZone)}–${formatTime(new Date(b.end), timeZone)}.`),
    onError: failed,
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const length = Number(form.length);
    if (!form.date || !form.start || !Number.isFinite(length) || length <= 0) {
      setOutcome({ ok: false, message: 'Give a date, a start time and a length in minutes.' });
      return;
    }
    const start = zonedInstant(form.date, form.start, timeZone);
    book.mutate({ roomId: room.id, start, end: addMinutes(start, length) });
  }

  /** A slot picked on the calendar fills the form; the person confirms with the Book button. */
  function pick(start: Date, end: Date | null) {
    const local = localParts(start, timeZone);
    const length = end ? minutesBetween(start, end) : policy.defaultLengthMin;
    setForm({ date: local.date, start: local.time, length: String(Math.max(length, policy.minLengthMin)) });
    setOutcome(null);
    requestAnimationFrame(() => bookButton.current?.focus());
  }

  const data = availability.data;
  const dayFrom = localDayRange(form.date || date, timeZone);
  const dayReserved = data?.reserved.filter((r) => r.start < dayFrom[1] && r.end > dayFrom[0]) ?? [];
  const dayMine = data?.mine.filter((m) => m.start < dayFrom[1] && m.end > dayFrom[0]) ?? [];

  return (
    <div className="schedule">
      <div className="schedule-calendar card">
        {availability.isError && (
          <p className="alert alert-error" role="alert">
            Availability could not be loaded. It will retry shortly.
          </p>
        )}
        <CalendarView
          timeZone={timeZone}
          view={view}
          date={date}
          onView={setView}
          onNavigate={setDate}
          data={data}
          stepMin={policy.slotStepMin}
          onPick={pick}
          onMove={(id, start, end) => move.mutate({ id, start, end })}
        />
      </div>
      <aside className="schedule-side stack">
        <form className="card stack" onSubmit={submit} aria-labelledby={`${formId}-h`}>
          <h2 id={`${formId}-h`}>Book {room.name}</h2>
          <p className="muted small" style={{ margin: 0 }}>
            Pick a slot on the calendar (on a touch screen, press and hold it), or type the time. Times are {zoneLabel(timeZone)}.
          </p>
          <div className="field">
            <label htmlFor={`${formId}-date`}>Date</label>
            <input id={`${formId}-date`} type="date" value={form.date} required disabled={!hydrated} onChange={(e) => {
                const value = e.target.value;
                setForm((f) => ({ ...f, date: value }));
                if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setDate(value);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-start`}>Start</label>
            <input id={`${formId}-start`} {...TIME_INPUT} value={form.start} required disabled={!hydrated} onChange={(e) => {
                const value = e.target.value;
                setForm((f) => ({ ...f, start: value }));
              }} />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-length`}>Length in minutes</label>
            <input
              id={`${formId}-length`}
              type="number"
              inputMode="numeric"
              min={1}
              aria-describedby={`${formId}-length-hint`}
              value={form.length}
              required
              disabled={!hydrated}
              onChange={(e) => {
                const value = e.target.value;
                setForm((f) => ({ ...f, length: value }));
              }}
            />
            <span id={`${formId}-length-hint`} className="muted small">
              {policy.minLengthMin}–{policy.maxLengthMin} minutes here.
            </span>
          </div>
          <button ref={bookButton} type="submit" className="btn" disabled={!hydrated || book.isPending}>
            {form.start ? `Book ${form.start}–${formatTime(addMinutes(zonedInstant(form.date, form.start, timeZone), Number(form.length) || 0), timeZone)}` : 'Book'}
          </button>
          <div role="status" aria-live="polite">
            {outcome && <p className={outcome.ok ? 'alert alert-ok' : 'alert alert-error'}>{outcome.message}</p>}
            {outcome?.suggestions && outcome.suggestions.length > 0 && (
              <ul className="suggestions">
                {outcome.suggestions.map((s) => (
                  <li key={`${s.kind}-${s.roomId}-${s.start}`}>
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => book.mutate({ roomId: s.roomId, start: new Date(s.start), end: new Date(s.end) })}
                    >
                      Book {s.roomName}, {formatTime(new Date(s.start), timeZone)}–{formatTime(new Date(s.end), timeZone)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </form>
        <section className="card" aria-labelledby={`${formId}-day`}>
          <h2 id={`${formId}-day`}>On {formatLocal(dayFrom[0], timeZone, { hour: undefined, minute: undefined })}</h2>
          {!data ? (
            <p className="muted small">Loading…</p>
          ) : dayMine.length + dayReserved.length === 0 ? (
            <p className="muted small">Nothing booked yet: every station is free during opening hours.</p>
          ) : (
            <ul className="day-list">
              {dayMine.map((m) => (
                <li key={m.id}>
                  <strong>
                    {formatTime(m.start, timeZone)}–{formatTime(m.end, timeZone)}
                  </strong>{' '}
                  Your booking · {m.station}
                </li>
              ))}
              {dayReserved.map((r) => (
                <li key={r.start.toISOString()}>
                  {formatTime(r.start, timeZone)}–{formatTime(r.end, timeZone)} {reservedTitle(r)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}
