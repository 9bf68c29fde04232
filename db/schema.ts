import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OpeningHours } from '@/lib/opening-hours';
import type { RequestDetails } from '@/lib/requests';
import { REQUEST_STATUSES, REQUEST_TYPES } from '@/lib/requests';
import { ROLES } from '@/lib/roles';

export const roleEnum = pgEnum('user_role', ROLES);
export const roomStatusEnum = pgEnum('room_status', ['active', 'out_of_service']);
export const bookingStatusEnum = pgEnum('booking_status', ['booked', 'cancelled']);
export const requestTypeEnum = pgEnum('request_type', REQUEST_TYPES);
export const requestStatusEnum = pgEnum('request_status', REQUEST_STATUSES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sites_name_key').on(t.name)],
);

/** A site's booking rules. One row per site. */
export const policies = pgTable(
  'policies',
  {
    siteId: uuid('site_id')
      .primaryKey()
      .references(() => sites.id, { onDelete: 'cascade' }),
    slotStepMin: integer('slot_step_min').notNull().default(15),
    defaultLengthMin: integer('default_length_min').notNull().default(30),
    minLengthMin: integer('min_length_min').notNull().default(10),
    maxLengthMin: integer('max_length_min').notNull().default(60),
    horizonDays: integer('horizon_days').notNull().default(30),
    maxPerDay: integer('max_per_day').notNull().default(8),
    bufferMin: integer('buffer_min').notNull().default(0),
    checkInGraceMin: integer('check_in_grace_min').notNull().default(10),
    checkInRequired: boolean('check_in_required').notNull().default(true),
    /** HR answers a schedule request within this many business days (NYC: 5). */
    replyDeadlineBusinessDays: integer('reply_deadline_business_days').notNull().default(5),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('policies_step_check', sql`${t.slotStepMin} between 5 and 60`),
    check('policies_length_check', sql`${t.minLengthMin} >= 5 and ${t.minLengthMin} <= ${t.maxLengthMin} and ${t.maxLengthMin} <= 240`),
    check('policies_default_length_check', sql`${t.defaultLengthMin} between ${t.minLengthMin} and ${t.maxLengthMin}`),
    check('policies_horizon_check', sql`${t.horizonDays} between 1 and 365`),
    check('policies_per_day_check', sql`${t.maxPerDay} between 1 and 48`),
    check('policies_buffer_check', sql`${t.bufferMin} between 0 and 60`),
    check('policies_grace_check', sql`${t.checkInGraceMin} between 0 and 60`),
    check('policies_reply_deadline_check', sql`${t.replyDeadlineBusinessDays} between 1 and 30`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('employee'),
    active: boolean('active').notNull().default(true),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    /** Raised to end every session of this person at once (sign out everywhere, deactivation). */
    sessionEpoch: integer('session_epoch').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    floor: text('floor').notNull().default(''),
    directions: text('directions').notNull().default(''),
    amenities: text('amenities').array().notNull().default(sql`'{}'::text[]`),
    /** Overrides the site's opening hours when set. */
    openingHours: jsonb('opening_hours').$type<OpeningHours>(),
    status: roomStatusEnum('status').notNull().default('active'),
    outOfServiceReason: text('out_of_service_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('rooms_site_name_key').on(t.siteId, t.name), index('rooms_site_idx').on(t.siteId)],
);

export const stations = pgTable(
  'stations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('stations_room_position_key').on(t.roomId, t.position), check('stations_position_check', sql`${t.position} >= 1`)],
);

/**
 * One person, one station, a half-open range [start, end). `blockEnd` is the end plus the
 * site's cleaning buffer: the station is held until then. The database refuses two live
 * bookings whose [start, blockEnd) overlap on one station, and two of one person's that
 * overlap anywhere (EXCLUDE constraints in drizzle/0002_bookings_exclusion.sql).
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    blockEnd: timestamp('block_end', { withTimezone: true }).notNull(),
    status: bookingStatusEnum('status').notNull().default('booked'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** Raised on every change, for calendar invites and feeds. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('bookings_range_check', sql`${t.endAt} > ${t.startAt}`),
    check('bookings_block_check', sql`${t.blockEnd} >= ${t.endAt}`),
    // Policy ceilings (240 min length, 60 min buffer) hold per booking too; queries rely on it to bound their scans.
    check('bookings_hold_check', sql`${t.blockEnd} <= ${t.startAt} + interval '300 minutes'`),
    index('bookings_room_time_idx').on(t.roomId, t.startAt),
    index('bookings_user_time_idx').on(t.userId, t.startAt),
  ],
);

/** A window in which a room is out of service: no one can book across it. */
export const roomClosures = pgTable(
  'room_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('room_closures_range_check', sql`${t.endAt} > ${t.startAt}`), index('room_closures_room_idx').on(t.roomId, t.startAt)],
);

/** In-app notices: a booking moved or cancelled by someone else, reminders, decisions. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Append-only record of HR and admin actions. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/** Days a site is closed for business: reply deadlines skip them. */
export const siteHolidays = pgTable(
  'site_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('site_holidays_site_date_key').on(t.siteId, t.date), check('site_holidays_name_check', sql`length(${t.name}) between 1 and 100`)],
);

/**
 * A flexible-schedule request. Only its owner and HR/admins ever see it. `version` rises on
 * every change so two people acting on one request at once cannot both win.
 */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'restrict' }),
    type: requestTypeEnum('type').notNull(),
    details: jsonb('details').$type<RequestDetails>().notNull(),
    /** What HR approved when it approved with changes; null means as asked. */
    approvedDetails: jsonb('approved_details').$type<RequestDetails>(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    untilDate: date('until_date', { mode: 'string' }),
    note: text('note'),
    status: requestStatusEnum('status').notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    /** The written answer: required when denied. */
    decision: text('decision'),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('requests_dates_check', sql`${t.untilDate} is null or ${t.untilDate} >= ${t.fromDate}`),
    check('requests_type_check', sql`${t.details}->>'type' = ${t.type}::text`),
    check('requests_submitted_check', sql`${t.status} in ('draft', 'withdrawn') or (${t.submittedAt} is not null and ${t.deadlineAt} is not null)`),
    check('requests_decided_check', sql`${t.status} not in ('approved', 'denied') or ${t.decidedAt} is not null`),
    check('requests_denied_reason_check', sql`${t.status} <> 'denied' or length(trim(${t.decision})) > 0`),
    check('requests_note_check', sql`${t.note} is null or length(${t.note}) <= 2000`),
    check('requests_decision_check', sql`${t.decision} is null or length(${t.decision}) <= 4000`),
    index('requests_user_idx').on(t.userId, t.createdAt),
    index('requests_queue_idx').on(t.status, t.deadlineAt),
  ],
);

/** What happened to a request, in order: the timeline its owner and HR see. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    /** A message meant for the employee (what to change, the decision). */
    message: text('message'),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.at)],
);

/** HR's own notes on a request. Never shown to the employee. */
export const requestNotes = pgTable(
  'request_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_notes_request_idx').on(t.requestId, t.createdAt), check('request_notes_body_check', sql`length(trim(${t.body})) between 1 and 2000`)],
);

/** Mail Nook would have sent, kept instead when no SMTP server is configured (development and demo). */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; size: number }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt)],
);

export type Site = typeof sites.$inferSelect;
export type Policy = typeof policies.$inferSelect;
export type User = typeof users.$inferSelect;
export type Room = typeof rooms.$inferSelect;
export type Station = typeof stations.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type RoomClosure = typeof roomClosures.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type SiteHoliday = typeof siteHolidays.$inferSelect;
export type ScheduleRequest = typeof requests.$inferSelect;
export type RequestEvent = typeof requestEvents.$inferSelect;
export type RequestNote = typeof requestNotes.$inferSelect;
export type OutboxMail = typeof mailOutbox.$inferSelect;
