CREATE TABLE `delivery_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`updated_at` text NOT NULL
);
