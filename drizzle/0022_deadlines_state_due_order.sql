CREATE INDEX `claims_state_due_order` ON `claims` (`state`, coalesce(due_at, '9999-12-31T23:59:59.999Z'));
