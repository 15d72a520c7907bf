CREATE TABLE `factchecks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`claim_reviewed` text NOT NULL,
	`headline` text,
	`rating` text,
	`rating_value` text,
	`best_rating` text,
	`worst_rating` text,
	`author` text,
	`author_url` text,
	`date_published` text,
	`appearance_url` text,
	`claim_author` text,
	`claim_date` text,
	`content_hash` text NOT NULL,
	`imported_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`imported_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `factchecks_url` ON `factchecks` (`url`);--> statement-breakpoint
CREATE INDEX `factchecks_updated` ON `factchecks` (`updated_at`);