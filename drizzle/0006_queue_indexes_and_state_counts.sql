CREATE TABLE `claim_state_counts` (
	`state` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `claims_article`;--> statement-breakpoint
DROP INDEX `claims_assignee`;--> statement-breakpoint
DROP INDEX `claims_submitter`;--> statement-breakpoint
CREATE INDEX `claims_created` ON `claims` (`created_at`);--> statement-breakpoint
CREATE INDEX `claims_verdict` ON `claims` (`verdict`,`created_at`);--> statement-breakpoint
CREATE INDEX `claims_article_state` ON `claims` (`article_id`,`state`);--> statement-breakpoint
CREATE INDEX `claims_assignee_state` ON `claims` (`assignee_id`,`state`);--> statement-breakpoint
CREATE INDEX `claims_submitter_state` ON `claims` (`submitter_id`,`state`);--> statement-breakpoint
CREATE INDEX `claims_article` ON `claims` (`article_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `claims_assignee` ON `claims` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `claims_submitter` ON `claims` (`submitter_id`,`created_at`);--> statement-breakpoint
INSERT INTO `claim_state_counts` (`state`, `count`)
  SELECT s.state, (SELECT count(*) FROM `claims` c WHERE c.state = s.state)
  FROM (SELECT 'draft' AS state UNION ALL SELECT 'reviewed' UNION ALL SELECT 'verified') s;
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_insert AFTER INSERT ON claims
BEGIN
  UPDATE claim_state_counts SET count = count + 1 WHERE state = new.state;
END;
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_update AFTER UPDATE OF state ON claims WHEN old.state IS NOT new.state
BEGIN
  UPDATE claim_state_counts SET count = count - 1 WHERE state = old.state;
  UPDATE claim_state_counts SET count = count + 1 WHERE state = new.state;
END;
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_delete AFTER DELETE ON claims
BEGIN
  UPDATE claim_state_counts SET count = count - 1 WHERE state = old.state;
END;
