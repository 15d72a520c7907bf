-- The claim search index also carries each claim's state, so the queue's tab counts under a search
-- are three index lookups ("text : (...) AND state : draft") instead of a lookup of every matching claim.
-- Re-indexing happens only when the text or the state really changes: assignment and citation bumps
-- rewrite the row with the same values and must not re-tokenize it.
DROP TRIGGER claims_fts_insert;
--> statement-breakpoint
DROP TRIGGER claims_fts_delete;
--> statement-breakpoint
DROP TRIGGER claims_fts_update;
--> statement-breakpoint
DROP TABLE claims_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE claims_fts USING fts5(text, state, content='claims', content_rowid='id', tokenize='porter unicode61');
--> statement-breakpoint
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN
  INSERT INTO claims_fts(rowid, text, state) VALUES (new.id, new.text, new.state);
END;
--> statement-breakpoint
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text, state) VALUES ('delete', old.id, old.text, old.state);
END;
--> statement-breakpoint
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, state ON claims
  WHEN old.text IS NOT new.text OR old.state IS NOT new.state
BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text, state) VALUES ('delete', old.id, old.text, old.state);
  INSERT INTO claims_fts(rowid, text, state) VALUES (new.id, new.text, new.state);
END;
