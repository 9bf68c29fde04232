'use client';

import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import { DateTime, Settings } from 'luxon';
import { useMemo } from 'react';
import { Calendar, luxonLocalizer, type SlotInfo } from 'react-big-calendar';
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import { openWindow } from '@/lib/booking-rules';
import type { OpeningHours } from '@/lib/opening-hours';
import { formatDate, formatDateSpan, formatDay, localParts, zonedInstant } from '@/lib/time';
import type { View } from './room-schedule';
import { reservedTitle, type Availability } from './schedule-data';

type CalEvent = { id: string; title: string; start: Date; end: Date; kind: 'mine' | 'reserved' | 'closure' };

const DnDCalendar = withDragAndDrop<CalEvent>(Calendar);

type Props = {
  timeZone: string;
  view: View;
  date: string;
  onView: (v: View) => void;
  onNavigate: (date: string) => void;
  data: Availability | undefined;
  stepMin: number;
  onPick: (start: Date, end: Date | null) => void;
  onMove: (id: string, start: Date, end: Date) => void;
};

/** The calendar date of one of the calendar's own dates, in the site's zone (luxon's default, set below). */
function isoDay(d: Date): string {
  return DateTime.fromJSDate(d).toISODate() ?? '';
}

/** Luxon shows every date in its default zone: the site's, whatever the browser's zone. */
function localizerIn(timeZone: string) {
  Settings.defaultZone = timeZone;
  return luxonLocalizer(DateTime, { firstDayOfWeek: 1 });
}

/** Earliest opening and latest closing over the week, as the day's visible hours. */
function visibleHours(hours: OpeningHours | undefined): [string, string] {
  const days = (hours ?? []).flatMap((d) => (d ? [d] : []));
  if (days.length === 0) return ['07:00', '20:00'];
  const close = days.map((d) => d.close).sort().at(-1)!;
  // The calendar's last visible minute must fall on the same day as its first.
  return [days.map((d) => d.open).sort()[0]!, close === '24:00' ? '23:59' : close];
}

/**
 * react-big-calendar in the site's zone: her own bookings by name (drag to move), everyone
 * else's only as "Reserved" with the free station count, out-of-service windows, and
 * closed hours shaded.
 */
export default function CalendarView({ timeZone, view, date, onView, onNavigate, data, stepMin, onPick, onMove }: Props) {
  const localizer = useMemo(() => localizerIn(timeZone), [timeZone]);

  const events = useMemo<CalEvent[]>(
    () => [
      ...(data?.mine ?? []).map((m) => ({ id: m.id, title: `Your booking · ${m.station}`, start: m.start, end: m.end, kind: 'mine' as const })),
      ...(data?.reserved ?? []).map((r, i) => ({ id: `r${i}`, title: reservedTitle(r), start: r.start, end: r.end, kind: 'reserved' as const })),
    ],
    [data],
  );
  const background = useMemo<CalEvent[]>(
    () => (data?.closures ?? []).map((c, i) => ({ id: `c${i}`, title: `Out of service${c.reason ? `: ${c.reason}` : ''}`, start: c.start, end: c.end, kind: 'closure' as const })),
    [data],
  );

  const [minTime, maxTime] = visibleHours(data?.openingHours);
  const today = localParts(new Date(), timeZone).date;
  const min = zonedInstant(today, minTime, timeZone);
  const max = zonedInstant(today, maxTime, timeZone);
  const current = zonedInstant(date, '12:00', timeZone);

  const isOpen = (d: Date) => {
    if (!data) return true;
    const w = openWindow(data.openingHours, localParts(d, timeZone).date, timeZone);
    return !!w && d >= w.start && d < w.end;
  };

  return (
    <DnDCalendar
      localizer={localizer}
      events={events}
      backgroundEvents={background}
      views={['day', 'week']}
      view={view}
      onView={(v) => onView(v === 'week' ? 'week' : 'day')}
      date={current}
      onNavigate={(d) => onNavigate(localParts(d, timeZone).date)}
      step={stepMin}
      timeslots={60 / stepMin >= 2 ? Math.round(60 / stepMin) : 1}
      min={min}
      max={max}
      selectable
      longPressThreshold={250}
      onSelectSlot={(slot: SlotInfo) => {
        if (!isOpen(slot.start)) return;
        const span = (slot.end.getTime() - slot.start.getTime()) / 60_000;
        onPick(slot.start, slot.action === 'click' || span <= stepMin ? null : slot.end);
      }}
      onSelectEvent={(e) => e.kind === 'mine' && onPick(e.start, e.end)}
      draggableAccessor={(e) => e.kind === 'mine'}
      resizableAccessor={(e) => e.kind === 'mine'}
      onEventDrop={({ event, start, end }: EventInteractionArgs<CalEvent>) => onMove(event.id, new Date(start), new Date(end))}
      onEventResize={({ event, start, end }: EventInteractionArgs<CalEvent>) => onMove(event.id, new Date(start), new Date(end))}
      eventPropGetter={(e) => ({ className: `nook-event nook-event-${e.kind}` })}
      slotPropGetter={(d) => (isOpen(d) ? {} : { className: 'nook-closed' })}
      formats={{
        timeGutterFormat: 'HH:mm',
        eventTimeRangeFormat: ({ start, end }) => `${DateTime.fromJSDate(start).toFormat('HH:mm')}–${DateTime.fromJSDate(end).toFormat('HH:mm')}`,
        // Dates as on every other page ("Wed 2 Dec 2026"), through the one formatter.
        dayHeaderFormat: (d: Date) => formatDate(isoDay(d)),
        dayRangeHeaderFormat: ({ start, end }: { start: Date; end: Date }) => formatDateSpan(isoDay(start), isoDay(end)),
        dayFormat: (d: Date) => formatDay(isoDay(d)),
      }}
      messages={{ today: 'Today', previous: 'Back', next: 'Next', day: 'Day', week: 'Week' }}
      popup
    />
  );
}
