CREATE TYPE "public"."demand_miss_kind" AS ENUM('full', 'book_now');--> statement-breakpoint
CREATE TABLE "demand_misses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" "demand_miss_kind" NOT NULL,
	"wanted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demand_misses" ADD CONSTRAINT "demand_misses_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_misses" ADD CONSTRAINT "demand_misses_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_misses_site_time_idx" ON "demand_misses" USING btree ("site_id","wanted_at");