import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
import type { OpeningHours } from '@/lib/opening-hours';
import { ROLES } from '@/lib/roles';

export const roleEnum = pgEnum('user_role', ROLES);
export const roomStatusEnum = pgEnum('room_status', ['active', 'out_of_service']);
export const bookingStatusEnum = pgEnum('booking_status', ['booked', 'cancelled']);

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

/**
 * Rate-limit counters shared by every app instance, in the exact shape rate-limiter-flexible's
 * Postgres store reads and writes (key, points, expire in epoch milliseconds).
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

export type Site = typeof sites.$inferSelect;
export type Policy = typeof policies.$inferSelect;
export type User = typeof users.$inferSelect;
export type Room = typeof rooms.$inferSelect;
export type Station = typeof stations.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Booking = typeof bookings.$inferSelect;
export type RoomClosure = typeof roomClosures.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
