CREATE TYPE "public"."plan_status" AS ENUM('active', 'ended');--> statement-breakpoint
CREATE TABLE "jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text,
	"runs" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_skips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_skips_range_check" CHECK ("plan_skips"."to_date" >= "plan_skips"."from_date")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"times" text[] NOT NULL,
	"weekdays" integer[] NOT NULL,
	"length_min" integer NOT NULL,
	"preferred_room_id" uuid NOT NULL,
	"fallback_room_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "plan_status" DEFAULT 'active' NOT NULL,
	"booked_through" date,
	"end_reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_dates_check" CHECK ("plans"."end_date" >= "plans"."start_date"),
	CONSTRAINT "plans_length_check" CHECK ("plans"."length_min" between 5 and 240),
	CONSTRAINT "plans_times_check" CHECK (cardinality("plans"."times") between 1 and 12),
	CONSTRAINT "plans_weekdays_check" CHECK (cardinality("plans"."weekdays") between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "plan_slot" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "checked_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reminders_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_skips" ADD CONSTRAINT "plan_skips_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_preferred_room_id_rooms_id_fk" FOREIGN KEY ("preferred_room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_skips_plan_idx" ON "plan_skips" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plans_user_idx" ON "plans" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_plan_slot_key" ON "bookings" USING btree ("plan_id","plan_slot") WHERE "bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "bookings_plan_idx" ON "bookings" USING btree ("plan_id","plan_slot");--> statement-breakpoint
CREATE INDEX "bookings_live_start_idx" ON "bookings" USING btree ("start_at") WHERE "bookings"."status" = 'booked';