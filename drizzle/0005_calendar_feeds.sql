CREATE TYPE "public"."calendar_feed_kind" AS ENUM('person', 'room', 'site');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "calendar_feed_kind" NOT NULL,
	"user_id" uuid,
	"room_id" uuid,
	"site_id" uuid,
	"nonce" text NOT NULL,
	"token_hash" text NOT NULL,
	"title" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_target_check" CHECK (("calendar_feeds"."kind" = 'person' and "calendar_feeds"."user_id" is not null and "calendar_feeds"."room_id" is null and "calendar_feeds"."site_id" is null)
        or ("calendar_feeds"."kind" = 'room' and "calendar_feeds"."room_id" is not null and "calendar_feeds"."user_id" is null and "calendar_feeds"."site_id" is null)
        or ("calendar_feeds"."kind" = 'site' and "calendar_feeds"."site_id" is not null and "calendar_feeds"."user_id" is null and "calendar_feeds"."room_id" is null)),
	CONSTRAINT "calendar_feeds_title_check" CHECK ("calendar_feeds"."title" is null or char_length("calendar_feeds"."title") between 1 and 80),
	CONSTRAINT "calendar_feeds_hash_check" CHECK ("calendar_feeds"."token_hash" ~ '^[0-9a-f]{64}$' and "calendar_feeds"."nonce" ~ '^[0-9a-f]{32}$')
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_person_key" ON "calendar_feeds" USING btree ("user_id") WHERE "calendar_feeds"."kind" = 'person' and "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_room_key" ON "calendar_feeds" USING btree ("room_id") WHERE "calendar_feeds"."kind" = 'room' and "calendar_feeds"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_live_site_key" ON "calendar_feeds" USING btree ("site_id") WHERE "calendar_feeds"."kind" = 'site' and "calendar_feeds"."revoked_at" is null;