/**
 * Full-text search on PostgreSQL (issue #17), with the semantics the SQLite side has with FTS5: the
 * queue search (lib/workflow/queries.ts toFtsQuery: every whitespace-separated term a quoted phrase,
 * the terms ANDed) and the matcher's any-word retrieval (lib/match/normalize.ts ftsOrQuery). The SQL
 * functions and GIN indexes it relies on are in drizzle/postgres/0001_append_only_triggers_and_search.sql:
 * tokens are runs of letters and digits, accents dropped, stemmed with the original Porter algorithm,
 * no stop words, as FTS5's `porter unicode61`. search-cases-pg.ts holds the cases both engines answer.
 *
 * Known differences, both at the edges of Unicode: a term whose only characters are digits PostgreSQL
 * does not count as alphanumeric (e.g. "½") matches nothing on its own and is ignored beside others,
 * where FTS5 looks for it; and Porter stems a few non-ASCII words differently ("straße").
 *
 * Nothing calls this at run time yet: SQLite is still the only engine the app opens.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

const MAX_TERMS = 16;

/**
 * The search's terms, split exactly as toFtsQuery splits them (search-pg.test.ts holds the two
 * together): on whitespace, quotes removed, terms without a letter or digit dropped, at most 16.
 */
export function searchTerms(q: string): string[] {
  return q
    .split(/\s+/)
    .map((term) => term.replace(/"/g, ""))
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS);
}

function phrases(terms: readonly string[], operator: "&&" | "||"): SQL {
  return sql.join(
    terms.map((term) => sql`factdesk_search_phrase(${term})`),
    sql.raw(` ${operator} `),
  );
}

/** The queue search as a tsquery: every term a phrase, all of them required; null when nothing is searchable. */
export function claimSearchQuery(q: string): SQL | null {
  const terms = searchTerms(q);
  return terms.length > 0 ? sql`(${phrases(terms, "&&")})` : null;
}

/** Any of the words (the matcher's candidate retrieval, ftsOrQuery's counterpart); null when none. */
export function anyWordQuery(terms: readonly string[], maxTerms = 32): SQL | null {
  const words = [...new Set(terms)].slice(0, maxTerms);
  return words.length > 0 ? sql`(${phrases(words, "||")})` : null;
}

/**
 * A claim's text matches the queue search `q`: the claims_search index's own expression, so the GIN
 * index answers it. A search of punctuation alone matches nothing, as on SQLite.
 */
export function claimTextMatches(text: SQLWrapper, q: string): SQL {
  const query = claimSearchQuery(q);
  return query ? sql`factdesk_search_vector(${text}) @@ ${query}` : sql`false`;
}

/** The factchecks_search index's expression: the claim as the fact-checker worded it (A) and the headline (B). */
export function factcheckSearchVector(claimReviewed: SQLWrapper, headline: SQLWrapper): SQL {
  return sql`(setweight(factdesk_search_vector(${claimReviewed}), 'A') || setweight(factdesk_search_vector(coalesce(${headline}, '')), 'B'))`;
}

/** A fact-check has any of the words (`terms`, e.g. the claim's content words) in its claim or headline; none: nothing matches. */
export function factcheckMatchesAnyWord(claimReviewed: SQLWrapper, headline: SQLWrapper, terms: readonly string[]): SQL {
  const query = anyWordQuery(terms);
  return query ? sql`${factcheckSearchVector(claimReviewed, headline)} @@ ${query}` : sql`false`;
}
