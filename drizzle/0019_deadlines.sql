CREATE TABLE `claim_due_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`due_at` text,
	`previous_due_at` text,
	`changed_by_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_due_changes_claim` ON `claim_due_changes` (`claim_id`,`id`);--> statement-breakpoint
CREATE TABLE `deadline_alerts` (
	`claim_id` integer NOT NULL,
	`deadline` text NOT NULL,
	`assignee_id` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`claim_id`, `deadline`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deadline_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`draft_hours` integer,
	`reviewed_hours` integer,
	`due_soon_hours` integer NOT NULL,
	`due_soon_percent` integer NOT NULL,
	`updated_by_id` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `claims` ADD `due_at` text;--> statement-breakpoint
ALTER TABLE `claims` ADD `entered_state_at` text;--> statement-breakpoint
CREATE INDEX `claims_state_due` ON `claims` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `claims_undated_entered` ON `claims` (`state`,`entered_state_at`) WHERE due_at IS NULL;--> statement-breakpoint
CREATE INDEX `claims_due_order` ON `claims` (coalesce(due_at, '9999-12-31T23:59:59.999Z'));