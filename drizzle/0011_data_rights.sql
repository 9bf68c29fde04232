CREATE TYPE "public"."data_request_kind" AS ENUM('access', 'erasure');--> statement-breakpoint
CREATE TYPE "public"."data_request_status" AS ENUM('pending', 'ready', 'expired', 'done', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "data_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "data_request_kind" NOT NULL,
	"status" "data_request_status" DEFAULT 'pending' NOT NULL,
	"user_id" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"completed_at" timestamp with time zone,
	"archive" "bytea",
	"archive_bytes" integer,
	"expires_at" timestamp with time zone,
	"erased" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_requests_due_check" CHECK ("data_requests"."due_at" > "data_requests"."requested_at"),
	CONSTRAINT "data_requests_reason_check" CHECK ("data_requests"."reason" is null or length("data_requests"."reason") between 1 and 2000),
	CONSTRAINT "data_requests_declined_check" CHECK ("data_requests"."status" <> 'declined' or "data_requests"."reason" is not null),
	CONSTRAINT "data_requests_archive_check" CHECK ("data_requests"."archive" is null or ("data_requests"."kind" = 'access' and "data_requests"."expires_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "requests" DROP CONSTRAINT "requests_denied_reason_check";--> statement-breakpoint
ALTER TABLE "requests" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "anon_key" uuid;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "anon_key" uuid;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "erase_on_scim_delete" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_requests" ADD CONSTRAINT "data_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_requests_user_idx" ON "data_requests" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "data_requests_queue_idx" ON "data_requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "data_requests_open_key" ON "data_requests" USING btree ("user_id","kind") WHERE "data_requests"."status" = 'pending';--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_owner_check" CHECK ("requests"."user_id" is not null or "requests"."anon_key" is not null);--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_denied_reason_check" CHECK ("requests"."status" <> 'denied' or "requests"."user_id" is null or length(trim("requests"."decision")) > 0);