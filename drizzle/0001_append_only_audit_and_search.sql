-- Sign-offs are the audit trail: the database itself refuses to rewrite them.
CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs
BEGIN
  SELECT RAISE(ABORT, 'signoffs are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs
BEGIN
  SELECT RAISE(ABORT, 'signoffs are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER signoff_citations_no_update BEFORE UPDATE ON signoff_citations
BEGIN
  SELECT RAISE(ABORT, 'signoff citations are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER signoff_citations_no_delete BEFORE DELETE ON signoff_citations
BEGIN
  SELECT RAISE(ABORT, 'signoff citations are append-only');
END;
--> statement-breakpoint
-- A published version is an immutable snapshot; corrections make a new version.
CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN
  SELECT RAISE(ABORT, 'publications are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN
  SELECT RAISE(ABORT, 'publications are immutable');
END;
--> statement-breakpoint
-- Full-text search over claim text, kept in step with the claims table.
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='id', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN
  INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims
BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text ON claims
BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO claims_fts(rowid, text) VALUES (new.id, new.text);
END;
