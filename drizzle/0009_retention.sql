CREATE TABLE "app_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"booking_retention_days" integer DEFAULT 365 NOT NULL,
	"request_retention_days" integer DEFAULT 730 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_settings_singleton_check" CHECK ("app_settings"."id" = 1),
	CONSTRAINT "app_settings_booking_retention_check" CHECK ("app_settings"."booking_retention_days" between 30 and 3650),
	CONSTRAINT "app_settings_request_retention_check" CHECK ("app_settings"."request_retention_days" between 30 and 3650)
);
