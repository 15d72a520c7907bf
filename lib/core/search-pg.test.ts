import fc from "fast-check";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { listClaimRows, toFtsQuery } from "@/lib/workflow/queries";
import { SEARCH_CASES, SEARCH_CORPUS } from "./search-cases-pg";
import { anyWordQuery, claimSearchQuery, searchTerms } from "./search-pg";

/** The FTS5 query toFtsQuery would make of these terms. */
function asFts5(terms: string[]): string | null {
  return terms.length > 0 ? terms.map((term) => `"${term}"`).join(" ") : null;
}

describe("searchTerms splits a search as the SQLite queue does", () => {
  it.each(SEARCH_CASES.map((c) => c.q))("%s", (q) => {
    expect(asFts5(searchTerms(q))).toBe(toFtsQuery(q));
  });

  it("for any text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (q) => asFts5(searchTerms(q)) === toFtsQuery(q)));
    fc.assert(fc.property(fc.array(fc.constantFrom("a", "É", "-", '"', " ", "\t", "9", "*", "(", "½")), (chars) => asFts5(searchTerms(chars.join(""))) === toFtsQuery(chars.join(""))));
  });
});

describe("the query builders", () => {
  it("send every term as a parameter, never as SQL", () => {
    const rendered = new PgDialect().sqlToQuery(claimSearchQuery(`x'); DROP TABLE claims; -- pardon`)!);
    expect(rendered.sql).toBe("(factdesk_search_phrase($1) && factdesk_search_phrase($2) && factdesk_search_phrase($3) && factdesk_search_phrase($4) && factdesk_search_phrase($5))");
    expect(rendered.params).toEqual(["x');", "DROP", "TABLE", "claims;", "pardon"]);
    expect(new PgDialect().sqlToQuery(anyWordQuery(["pardon", "cocaine", "pardon"])!).sql).toBe("(factdesk_search_phrase($1) || factdesk_search_phrase($2))");
  });

  it("have nothing to search for in punctuation alone", () => {
    expect(claimSearchQuery(" *** ( ")).toBeNull();
    expect(anyWordQuery([])).toBeNull();
  });
});

describe("the shared search cases on SQLite (FTS5, through the queue's own search)", () => {
  const db = openDatabase(":memory:");
  db.$client.exec("INSERT INTO users (email, name, role, password_hash) VALUES ('r@example.test', 'R', 'reporter', 'x')");
  const insert = db.$client.prepare("INSERT INTO claims (text, text_hash, submitter_id, updated_at) VALUES (?, 'h', 1, '2026-01-01T00:00:00.000Z')");
  const ids = SEARCH_CORPUS.map((text) => Number(insert.run(text).lastInsertRowid));

  it.each(SEARCH_CASES)("$q: $why", async ({ q, matches }) => {
    const page = await listClaimRows(db, { q }, { limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.data.map((row) => row.id).sort((a, b) => a - b)).toEqual(matches.map((index) => ids[index]));
  });
});
