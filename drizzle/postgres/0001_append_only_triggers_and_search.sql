-- What drizzle-kit cannot express, written by hand: the PostgreSQL form of the raw SQL in the SQLite
-- migrations (drizzle/0001, 0006, 0007, 0009, 0018, 0020). Same names and messages where SQLite has them.

-- The audit trail and published versions: the database itself refuses to rewrite them (drizzle/0001).
-- TRUNCATE skips row triggers on PostgreSQL (SQLite has no TRUNCATE), so it is refused as well.
CREATE FUNCTION factdesk_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'raise_exception';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER signoffs_no_update BEFORE UPDATE ON signoffs FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('signoffs are append-only');
--> statement-breakpoint
CREATE TRIGGER signoffs_no_delete BEFORE DELETE ON signoffs FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('signoffs are append-only');
--> statement-breakpoint
CREATE TRIGGER signoffs_no_truncate BEFORE TRUNCATE ON signoffs FOR EACH STATEMENT EXECUTE FUNCTION factdesk_refuse_change('signoffs are append-only');
--> statement-breakpoint
CREATE TRIGGER signoff_citations_no_update BEFORE UPDATE ON signoff_citations FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('signoff citations are append-only');
--> statement-breakpoint
CREATE TRIGGER signoff_citations_no_delete BEFORE DELETE ON signoff_citations FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('signoff citations are append-only');
--> statement-breakpoint
CREATE TRIGGER signoff_citations_no_truncate BEFORE TRUNCATE ON signoff_citations FOR EACH STATEMENT EXECUTE FUNCTION factdesk_refuse_change('signoff citations are append-only');
--> statement-breakpoint
CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('publications are immutable');
--> statement-breakpoint
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('publications are immutable');
--> statement-breakpoint
CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications FOR EACH STATEMENT EXECUTE FUNCTION factdesk_refuse_change('publications are immutable');
--> statement-breakpoint
-- The outbox is a log (drizzle/0009): its rows are never updated. As on SQLite, only UPDATE is refused.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION factdesk_refuse_change('events are append-only');
--> statement-breakpoint
-- The queue's tab counts, kept by the database whoever writes claims (drizzle/0006).
INSERT INTO claim_state_counts (state, count) VALUES ('draft', 0), ('reviewed', 0), ('verified', 0);
--> statement-breakpoint
CREATE FUNCTION claim_state_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE claim_state_counts SET count = count - 1 WHERE state = OLD.state;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE claim_state_counts SET count = count + 1 WHERE state = NEW.state;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_insert AFTER INSERT ON claims FOR EACH ROW EXECUTE FUNCTION claim_state_counts_keep();
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_update AFTER UPDATE OF state ON claims FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION claim_state_counts_keep();
--> statement-breakpoint
CREATE TRIGGER claim_state_counts_delete AFTER DELETE ON claims FOR EACH ROW EXECUTE FUNCTION claim_state_counts_keep();
--> statement-breakpoint
-- When a claim entered its current state (drizzle/0020): a new claim when it was created, a change of
-- state when its row was updated. BEFORE triggers set the row being written; SQLite's AFTER triggers
-- update it again, with the same result.
CREATE FUNCTION claims_entered_state_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.entered_state_at := NEW.created_at;
  ELSE
    NEW.entered_state_at := NEW.updated_at;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER claims_entered_state_insert BEFORE INSERT ON claims FOR EACH ROW WHEN (NEW.entered_state_at IS NULL) EXECUTE FUNCTION claims_entered_state_keep();
--> statement-breakpoint
CREATE TRIGGER claims_entered_state_update BEFORE UPDATE OF state ON claims FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION claims_entered_state_keep();
--> statement-breakpoint
-- Full-text search: the PostgreSQL form of claims_fts (drizzle/0007) and factchecks_fts (drizzle/0018),
-- FTS5 with tokenize='porter unicode61'. Same words, same stems: a token is a run of letters and digits
-- (unicode61), accents are dropped (its remove_diacritics), and the stemmer is Snowball's "porter", the
-- original Porter algorithm FTS5 implements (PostgreSQL's "english" is Porter2 and drops stop words,
-- which FTS5 does not). Expression GIN indexes instead of stored columns: the rows, and so every API
-- answer, stay as on SQLite. The queries are built in lib/core/search-pg.ts.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- [[:alnum:]] follows the database's character classification: under a C (ASCII-only) ctype "café"
-- would split in two, and search would silently differ from SQLite's. Refuse such a database instead.
DO $$
BEGIN
  IF regexp_replace('café straße', '[^[:alnum:]]+', '', 'g') <> 'caféstraße' THEN
    RAISE EXCEPTION 'Factdesk search needs a UTF-8 aware ctype (initdb --locale-provider=builtin --locale=C.UTF-8, or --locale=C.UTF-8)';
  END IF;
END;
$$;
--> statement-breakpoint
CREATE TEXT SEARCH DICTIONARY factdesk_porter (TEMPLATE = snowball, LANGUAGE = porter);
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION factdesk_search (COPY = pg_catalog.simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION factdesk_search ALTER MAPPING FOR asciiword, word, numword, uint WITH unaccent, factdesk_porter;
--> statement-breakpoint
-- Punctuation and symbols become spaces before PostgreSQL's parser sees the text, so it finds no
-- hyphenated compounds, hosts, paths or decimals: "62-year-old" is three words, as in FTS5.
CREATE FUNCTION factdesk_search_words(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN regexp_replace(input, '[^[:alnum:]]+', ' ', 'g');
--> statement-breakpoint
CREATE FUNCTION factdesk_search_vector(input text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN to_tsvector('factdesk_search'::regconfig, factdesk_search_words(input));
--> statement-breakpoint
-- One quoted FTS5 term ("..."): its words as a phrase, adjacent and in order.
CREATE FUNCTION factdesk_search_phrase(term text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN phraseto_tsquery('factdesk_search'::regconfig, factdesk_search_words(term));
--> statement-breakpoint
CREATE INDEX claims_search ON claims USING gin (factdesk_search_vector(text));
--> statement-breakpoint
-- The matcher searches the claim as the fact-checker worded it and the headline together (FTS5's two
-- columns), weighted A and B so a ranking can still tell them apart.
CREATE INDEX factchecks_search ON factchecks USING gin ((setweight(factdesk_search_vector(claim_reviewed), 'A') || setweight(factdesk_search_vector(coalesce(headline, '')), 'B')));
