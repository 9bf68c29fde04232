CREATE TYPE "public"."request_status" AS ENUM('draft', 'submitted', 'changes_requested', 'approved', 'denied', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."request_type" AS ENUM('break_pattern', 'shifted_hours', 'remote_days', 'other');--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "request_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_notes_body_check" CHECK (length(trim("request_notes"."body")) between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"type" "request_type" NOT NULL,
	"details" jsonb NOT NULL,
	"approved_details" jsonb,
	"from_date" date NOT NULL,
	"until_date" date,
	"note" text,
	"status" "request_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_dates_check" CHECK ("requests"."until_date" is null or "requests"."until_date" >= "requests"."from_date"),
	CONSTRAINT "requests_type_check" CHECK ("requests"."details"->>'type' = "requests"."type"::text),
	CONSTRAINT "requests_submitted_check" CHECK ("requests"."status" in ('draft', 'withdrawn') or ("requests"."submitted_at" is not null and "requests"."deadline_at" is not null)),
	CONSTRAINT "requests_decided_check" CHECK ("requests"."status" not in ('approved', 'denied') or "requests"."decided_at" is not null),
	CONSTRAINT "requests_denied_reason_check" CHECK ("requests"."status" <> 'denied' or length(trim("requests"."decision")) > 0),
	CONSTRAINT "requests_note_check" CHECK ("requests"."note" is null or length("requests"."note") <= 2000),
	CONSTRAINT "requests_decision_check" CHECK ("requests"."decision" is null or length("requests"."decision") <= 4000)
);
--> statement-breakpoint
CREATE TABLE "site_holidays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_holidays_name_check" CHECK (length("site_holidays"."name") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "reply_deadline_business_days" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_notes" ADD CONSTRAINT "request_notes_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_notes" ADD CONSTRAINT "request_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_holidays" ADD CONSTRAINT "site_holidays_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "request_notes_request_idx" ON "request_notes" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_user_idx" ON "requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "requests_queue_idx" ON "requests" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_holidays_site_date_key" ON "site_holidays" USING btree ("site_id","date");--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_reply_deadline_check" CHECK ("policies"."reply_deadline_business_days" between 1 and 30);