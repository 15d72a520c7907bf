CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finished_at` text NOT NULL,
	`target` text NOT NULL,
	`bytes` integer NOT NULL,
	`signoffs` integer NOT NULL,
	`head_hash` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `events` ADD `request_id` text;