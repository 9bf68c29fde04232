CREATE TYPE "public"."room_problem_kind" AS ENUM('cleaning', 'supplies', 'fridge', 'pump', 'lock_privacy', 'other');--> statement-breakpoint
CREATE TYPE "public"."room_problem_status" AS ENUM('open', 'in_progress', 'fixed');--> statement-breakpoint
CREATE TABLE "room_problem_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"problem_id" uuid NOT NULL,
	"reporter_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_problem_reports_note_check" CHECK ("room_problem_reports"."note" is null or length("room_problem_reports"."note") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "room_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"kind" "room_problem_kind" NOT NULL,
	"status" "room_problem_status" DEFAULT 'open' NOT NULL,
	"handler_id" uuid,
	"reported_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"fixed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "room_problems_fixed_check" CHECK (("room_problems"."status" = 'fixed') = ("room_problems"."fixed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "room_problem_reports" ADD CONSTRAINT "room_problem_reports_problem_id_room_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."room_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_problem_reports" ADD CONSTRAINT "room_problem_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_problems" ADD CONSTRAINT "room_problems_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_problems" ADD CONSTRAINT "room_problems_handler_id_users_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_problem_reports_problem_idx" ON "room_problem_reports" USING btree ("problem_id","created_at");--> statement-breakpoint
CREATE INDEX "room_problem_reports_reporter_idx" ON "room_problem_reports" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "room_problems_queue_idx" ON "room_problems" USING btree ("status","reported_at");--> statement-breakpoint
CREATE INDEX "room_problems_room_idx" ON "room_problems" USING btree ("room_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "room_problems_open_key" ON "room_problems" USING btree ("room_id","kind") WHERE "room_problems"."status" <> 'fixed';