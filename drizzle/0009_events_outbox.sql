CREATE TABLE `event_consumers` (
	`name` text PRIMARY KEY NOT NULL,
	`last_event_id` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`failed_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `event_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consumer` text NOT NULL,
	`event_id` integer NOT NULL,
	`error` text NOT NULL,
	`failed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_failures_consumer_event` ON `event_failures` (`consumer`,`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`claim_id` integer,
	`article_id` integer,
	`summary_id` integer,
	`actor_id` integer NOT NULL,
	`payload` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
-- The outbox is a log: what happened stays as it was recorded (live streams resume from an id).
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events` BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
