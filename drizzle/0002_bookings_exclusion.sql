-- No two live bookings hold one station at once, counting the cleaning buffer, and no
-- person holds two live bookings at once. drizzle-kit cannot express EXCLUDE.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_station_no_overlap"
  EXCLUDE USING gist ("station_id" WITH =, tstzrange("start_at", "block_end", '[)') WITH &&)
  WHERE ("status" = 'booked');
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_person_no_overlap"
  EXCLUDE USING gist ("user_id" WITH =, tstzrange("start_at", "end_at", '[)') WITH &&)
  WHERE ("status" = 'booked' AND "user_id" IS NOT NULL);
