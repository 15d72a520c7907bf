-- When each claim entered its current state: its latest sign-off (submit, review, verify, return), else its creation.
UPDATE `claims` SET `entered_state_at` = coalesce(
  (SELECT max(s.created_at) FROM `signoffs` s WHERE s.claim_id = `claims`.id),
  `claims`.created_at
);
--> statement-breakpoint
-- Kept by the database, whoever writes claims (domain functions, the demo loader, benches): a new claim
-- entered draft when it was created; a change of state is when its row was updated.
CREATE TRIGGER claims_entered_state_insert AFTER INSERT ON claims WHEN new.entered_state_at IS NULL
BEGIN
  UPDATE claims SET entered_state_at = new.created_at WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER claims_entered_state_update AFTER UPDATE OF state ON claims WHEN old.state IS NOT new.state
BEGIN
  UPDATE claims SET entered_state_at = new.updated_at WHERE id = new.id;
END;
