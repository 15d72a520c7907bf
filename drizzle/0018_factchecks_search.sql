-- Full-text index over the fact-check archive for the matcher (lib/match): the claim as the fact-checker
-- worded it and the review's headline, as two columns so each gets its own BM25 score. Kept in step with
-- factchecks by triggers; a re-import that changes neither field does not re-tokenize the row.
CREATE VIRTUAL TABLE factchecks_fts USING fts5(claim_reviewed, headline, content='factchecks', content_rowid='id', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER factchecks_fts_insert AFTER INSERT ON factchecks
BEGIN
  INSERT INTO factchecks_fts(rowid, claim_reviewed, headline) VALUES (new.id, new.claim_reviewed, coalesce(new.headline, ''));
END;
--> statement-breakpoint
CREATE TRIGGER factchecks_fts_delete AFTER DELETE ON factchecks
BEGIN
  INSERT INTO factchecks_fts(factchecks_fts, rowid, claim_reviewed, headline) VALUES ('delete', old.id, old.claim_reviewed, coalesce(old.headline, ''));
END;
--> statement-breakpoint
CREATE TRIGGER factchecks_fts_update AFTER UPDATE OF claim_reviewed, headline ON factchecks
  WHEN old.claim_reviewed IS NOT new.claim_reviewed OR old.headline IS NOT new.headline
BEGIN
  INSERT INTO factchecks_fts(factchecks_fts, rowid, claim_reviewed, headline) VALUES ('delete', old.id, old.claim_reviewed, coalesce(old.headline, ''));
  INSERT INTO factchecks_fts(rowid, claim_reviewed, headline) VALUES (new.id, new.claim_reviewed, coalesce(new.headline, ''));
END;
