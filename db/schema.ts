import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  varchar,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LONGEST_HOLD_MIN, MAX_BOOKING_MIN, MAX_BREAKS_A_DAY, MIN_BOOKING_MIN, POLICY_LIMITS, REPLY_DEADLINE_DAYS, RETENTION_DAYS } from '../lib/policy';

/** A ceiling from lib/policy written into a CHECK as a literal (never a parameter), so the SQL reads as before. */
const n = (v: number): SQL => sql.raw(String(v));
/** `column between min and max` for one of lib/policy's ranges. */
const within = (column: SQL | AnyPgColumn, range: { min: number; max: number }) => sql`${column} between ${n(range.min)} and ${n(range.max)}`;
import type { OpeningHours } from '@/lib/opening-hours';
import type { RequestDetails } from '@/lib/requests';
import { REQUEST_STATUSES, REQUEST_TYPES } from '@/lib/requests';
import { ROLES } from '@/lib/roles';
import { DATA_REQUEST_KINDS, DATA_REQUEST_STATUSES, MAX_REASON_CHARS } from '@/lib/data-rights';
import { MAX_PROBLEM_NOTE, PROBLEM_KINDS, PROBLEM_STATUSES } from '@/lib/problems';
import type { JurisdictionCode } from '@/lib/jurisdictions';

export const roleEnum = pgEnum('user_role', ROLES);
export const roomStatusEnum = pgEnum('room_status', ['active', 'out_of_service']);
export const bookingStatusEnum = pgEnum('booking_status', ['booked', 'cancelled']);
export const planStatusEnum = pgEnum('plan_status', ['active', 'ended']);
export const demandMissKindEnum = pgEnum('demand_miss_kind', ['full', 'book_now']);
export const feedKindEnum = pgEnum('calendar_feed_kind', ['person', 'room', 'site']);
export const requestTypeEnum = pgEnum('request_type', REQUEST_TYPES);
export const requestStatusEnum = pgEnum('request_status', REQUEST_STATUSES);
export const dataRequestKindEnum = pgEnum('data_request_kind', DATA_REQUEST_KINDS);
export const dataRequestStatusEnum = pgEnum('data_request_status', DATA_REQUEST_STATUSES);
export const problemKindEnum = pgEnum('room_problem_kind', PROBLEM_KINDS);
export const problemStatusEnum = pgEnum('room_problem_status', PROBLEM_STATUSES);

/** Raw bytes (a data archive): Buffer from the postgres driver, Uint8Array from PGlite. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

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
    /** The jurisdiction whose dated rules apply here (lib/jurisdictions.ts); null: guessed from the time zone until an admin chooses. */
    jurisdiction: text('jurisdiction').$type<JurisdictionCode>(),
    /** When the identity provider deletes one of this site's people (SCIM DELETE): erase her data (true) or only deactivate her (false). */
    eraseOnScimDelete: boolean('erase_on_scim_delete').notNull().default(false),
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
    check('policies_step_check', within(t.slotStepMin, POLICY_LIMITS.slotStepMin)),
    check('policies_length_check', sql`${t.minLengthMin} >= ${n(MIN_BOOKING_MIN)} and ${t.minLengthMin} <= ${t.maxLengthMin} and ${t.maxLengthMin} <= ${n(MAX_BOOKING_MIN)}`),
    check('policies_default_length_check', sql`${t.defaultLengthMin} between ${t.minLengthMin} and ${t.maxLengthMin}`),
    check('policies_horizon_check', within(t.horizonDays, POLICY_LIMITS.horizonDays)),
    check('policies_per_day_check', within(t.maxPerDay, POLICY_LIMITS.maxPerDay)),
    check('policies_buffer_check', within(t.bufferMin, POLICY_LIMITS.bufferMin)),
    check('policies_grace_check', within(t.checkInGraceMin, POLICY_LIMITS.checkInGraceMin)),
    check('policies_reply_deadline_check', within(t.replyDeadlineBusinessDays, REPLY_DEADLINE_DAYS)),
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
    /** In-app reminders before each booking; on unless she turns them off. */
    remindersEnabled: boolean('reminders_enabled').notNull().default(true),
    /** The identity provider's `sub` for this person, set at her first OpenID Connect sign-in: she is found by it even after her email changes. */
    oidcSubject: text('oidc_subject'),
    /** The identity provider's own id for this person when it provisions her through SCIM (`externalId`). */
    scimExternalId: text('scim_external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_oidc_subject_key').on(t.oidcSubject),
    uniqueIndex('users_scim_external_id_key').on(t.scimExternalId),
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
    /**
     * A random stand-in for the person once she is erased: the same for all her bookings and
     * linked to nothing else, so reports count distinct people (and hide small groups) as before.
     */
    anonKey: uuid('anon_key'),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }).notNull(),
    blockEnd: timestamp('block_end', { withTimezone: true }).notNull(),
    status: bookingStatusEnum('status').notNull().default('booked'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** Raised on every change, for calendar invites and feeds. */
    sequence: integer('sequence').notNull().default(0),
    /** The pump plan that made it, and the occurrence (its planned start) it stands for. */
    planId: uuid('plan_id').references((): AnyPgColumn => plans.id, { onDelete: 'set null' }),
    planSlot: timestamp('plan_slot', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    /** Set when nobody checked in by start + grace and the station was given back. */
    releasedAt: timestamp('released_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One live booking per plan occurrence, whoever (a confirm, the daily run) gets there first.
    uniqueIndex('bookings_plan_slot_key').on(t.planId, t.planSlot).where(sql`${t.status} = 'booked'`),
    index('bookings_plan_idx').on(t.planId, t.planSlot),
    // The minute jobs (no-show release, reminders) look at live bookings by start time across all rooms.
    index('bookings_live_start_idx').on(t.startAt).where(sql`${t.status} = 'booked'`),
    check('bookings_range_check', sql`${t.endAt} > ${t.startAt}`),
    check('bookings_block_check', sql`${t.blockEnd} >= ${t.endAt}`),
    // Policy ceilings (length and buffer, lib/policy) hold per booking too; queries rely on it to bound their scans.
    check('bookings_hold_check', sql`${t.blockEnd} <= ${t.startAt} + interval '${n(LONGEST_HOLD_MIN)} minutes'`),
    index('bookings_room_time_idx').on(t.roomId, t.startAt),
    index('bookings_user_time_idx').on(t.userId, t.startAt),
  ],
);

/**
 * A pump plan: the same breaks on chosen weekdays between two dates, booked in the preferred
 * room or the first fallback with a free station. Nothing about the person or child is kept.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** Local wall-clock starts, 'HH:mm', ascending. */
    times: text('times').array().notNull(),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: integer('weekdays').array().notNull(),
    lengthMin: integer('length_min').notNull(),
    preferredRoomId: uuid('preferred_room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    /** Tried in this order when the preferred room has no free station. */
    fallbackRoomIds: uuid('fallback_room_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    status: planStatusEnum('status').notNull().default('active'),
    /** Occurrences up to this local date have been booked (or found no room); later ones wait for the daily run. */
    bookedThrough: date('booked_through'),
    endReminderSentAt: timestamp('end_reminder_sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('plans_dates_check', sql`${t.endDate} >= ${t.startDate}`),
    check('plans_length_check', within(t.lengthMin, { min: MIN_BOOKING_MIN, max: MAX_BOOKING_MIN })),
    check('plans_times_check', within(sql`cardinality(${t.times})`, { min: 1, max: MAX_BREAKS_A_DAY })),
    check('plans_weekdays_check', sql`cardinality(${t.weekdays}) between 1 and 7`),
    index('plans_user_idx').on(t.userId),
  ],
);

/**
 * Unmet demand, for HR's reports: a booking refused because every station of the room was
 * taken, or a "Book now" that found no free station. Who asked is not kept.
 */
export const demandMisses = pgTable(
  'demand_misses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    kind: demandMissKindEnum('kind').notNull(),
    /** The time that was asked for. */
    wantedAt: timestamp('wanted_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('demand_misses_site_time_idx').on(t.siteId, t.wantedAt)],
);

/** Dates a plan does not book (leave, holidays): [fromDate, toDate] inclusive. */
export const planSkips = pgTable(
  'plan_skips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('plan_skips_range_check', sql`${t.toDate} >= ${t.fromDate}`), index('plan_skips_plan_idx').on(t.planId)],
);

/**
 * Nook-wide settings, one row (id 1): how long personal data is kept. Past bookings lose who
 * made them after `bookingRetentionDays` (room, station and times stay, for the reports);
 * decided or withdrawn requests are deleted `requestRetentionDays` after they closed.
 */
export const appSettings = pgTable(
  'app_settings',
  {
    id: integer('id').primaryKey().default(1),
    bookingRetentionDays: integer('booking_retention_days').notNull().default(365),
    requestRetentionDays: integer('request_retention_days').notNull().default(730),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('app_settings_singleton_check', sql`${t.id} = 1`),
    check('app_settings_booking_retention_check', within(t.bookingRetentionDays, RETENTION_DAYS)),
    check('app_settings_request_retention_check', within(t.requestRetentionDays, RETENTION_DAYS)),
  ],
);

/**
 * Nook's scheduled jobs, one row each. An app instance claims a due row with
 * FOR UPDATE SKIP LOCKED and runs it inside that transaction, so no two instances run the
 * same job at once, and a job that fell due while every instance was down runs on the next start.
 */
export const jobs = pgTable('jobs', {
  name: text('name').primaryKey(),
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
});

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

/**
 * A secret calendar feed link: one person's own bookings, or a room's or site's busy blocks
 * for door displays. The link's token is never stored: only its SHA-256 (`tokenHash`, for the
 * lookup) and the 128 random bits (`nonce`) it is derived from with the server's secret, so
 * Nook can show the link again while a copy of the database alone reveals no working link.
 * Revoking (or regenerating) sets `revokedAt`: the link answers 404 from then on.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: feedKindEnum('kind').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** A person's own title for her events; null: the neutral "Private break · <room>". */
    title: text('title'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash_key').on(t.tokenHash),
    uniqueIndex('calendar_feeds_live_person_key').on(t.userId).where(sql`${t.kind} = 'person' and ${t.revokedAt} is null`),
    uniqueIndex('calendar_feeds_live_room_key').on(t.roomId).where(sql`${t.kind} = 'room' and ${t.revokedAt} is null`),
    uniqueIndex('calendar_feeds_live_site_key').on(t.siteId).where(sql`${t.kind} = 'site' and ${t.revokedAt} is null`),
    check(
      'calendar_feeds_target_check',
      sql`(${t.kind} = 'person' and ${t.userId} is not null and ${t.roomId} is null and ${t.siteId} is null)
        or (${t.kind} = 'room' and ${t.roomId} is not null and ${t.userId} is null and ${t.siteId} is null)
        or (${t.kind} = 'site' and ${t.siteId} is not null and ${t.userId} is null and ${t.roomId} is null)`,
    ),
    check('calendar_feeds_title_check', sql`${t.title} is null or char_length(${t.title}) between 1 and 80`),
    check('calendar_feeds_hash_check', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$' and ${t.nonce} ~ '^[0-9a-f]{32}$'`),
  ],
);

/**
 * Rate-limit counters shared by every app instance, in the exact shape rate-limiter-flexible's
 * Postgres store reads and writes (key, points, expire in epoch milliseconds).
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});
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
    /** Null once she is erased: the request then keeps only what the reports count (type, site, status and dates). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The erased person's stand-in (as on her bookings), so reports count distinct people as before. */
    anonKey: uuid('anon_key'),
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
    check('requests_denied_reason_check', sql`${t.status} <> 'denied' or ${t.userId} is null or length(trim(${t.decision})) > 0`),
    check('requests_owner_check', sql`${t.userId} is not null or ${t.anonKey} is not null`),
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

/**
 * A person's request under data-protection law: a copy of her data (`access`) or its erasure.
 * The deadline is one month from the request (GDPR Art. 12(3)). After an erasure the row keeps
 * only what proves the request was answered: kind, dates, outcome and how many rows went;
 * `userId` is cleared with her and nothing else here names her.
 */
export const dataRequests = pgTable(
  'data_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: dataRequestKindEnum('kind').notNull(),
    status: dataRequestStatusEnum('status').notNull().default('pending'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Who confirmed or declined an erasure (HR or an admin); null when Nook answered by itself. */
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The written reason when an erasure is declined: it is what she reads. */
    reason: text('reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The zip of an access request, until it expires. */
    archive: bytea('archive'),
    archiveBytes: integer('archive_bytes'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** After an erasure: how many rows of each kind were removed or anonymised, no names. */
    erased: jsonb('erased').$type<Record<string, number>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('data_requests_user_idx').on(t.userId, t.requestedAt),
    index('data_requests_queue_idx').on(t.status, t.dueAt),
    check('data_requests_due_check', sql`${t.dueAt} > ${t.requestedAt}`),
    check('data_requests_reason_check', sql`${t.reason} is null or length(${t.reason}) between 1 and ${n(MAX_REASON_CHARS)}`),
    check('data_requests_declined_check', sql`${t.status} <> 'declined' or ${t.reason} is not null`),
    check('data_requests_archive_check', sql`${t.archive} is null or (${t.kind} = 'access' and ${t.expiresAt} is not null)`),
    // One open request of each kind per person: asking twice changes nothing.
    uniqueIndex('data_requests_open_key').on(t.userId, t.kind).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Something wrong with a room (cleaning, supplies, the fridge, a pump, the lock), one row per
 * problem: a second report of the same kind while it is open joins it. Who reported is kept
 * apart (room_problem_reports) and shown to nobody: only told when it is fixed, since
 * reporting a lactation room's fridge says she uses it.
 */
export const roomProblems = pgTable(
  'room_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    kind: problemKindEnum('kind').notNull(),
    status: problemStatusEnum('status').notNull().default('open'),
    /** Who in facilities is handling it. */
    handlerId: uuid('handler_id').references(() => users.id, { onDelete: 'set null' }),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    fixedAt: timestamp('fixed_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('room_problems_queue_idx').on(t.status, t.reportedAt),
    index('room_problems_room_idx').on(t.roomId, t.reportedAt),
    // One open problem of a kind per room: reports of it while it is open join that one.
    uniqueIndex('room_problems_open_key').on(t.roomId, t.kind).where(sql`${t.status} <> 'fixed'`),
    check('room_problems_fixed_check', sql`(${t.status} = 'fixed') = (${t.fixedAt} is not null)`),
  ],
);

/** Each report of a problem: its note, and who to tell when it is fixed (never shown to anyone). */
export const roomProblemReports = pgTable(
  'room_problem_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => roomProblems.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('room_problem_reports_problem_idx').on(t.problemId, t.createdAt),
    index('room_problem_reports_reporter_idx').on(t.reporterId),
    check('room_problem_reports_note_check', sql`${t.note} is null or length(${t.note}) between 1 and ${n(MAX_PROBLEM_NOTE)}`),
  ],
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
export type Plan = typeof plans.$inferSelect;
export type AppSettings = typeof appSettings.$inferSelect;
export type DemandMiss = typeof demandMisses.$inferSelect;
export type PlanSkip = typeof planSkips.$inferSelect;
export type CalendarFeed = typeof calendarFeeds.$inferSelect;
export type SiteHoliday = typeof siteHolidays.$inferSelect;
export type ScheduleRequest = typeof requests.$inferSelect;
export type RequestEvent = typeof requestEvents.$inferSelect;
export type RequestNote = typeof requestNotes.$inferSelect;
export type OutboxMail = typeof mailOutbox.$inferSelect;
export type DataRequest = typeof dataRequests.$inferSelect;
export type RoomProblem = typeof roomProblems.$inferSelect;
