import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { importJsonLd } from "@/lib/factchecks";
import { createTestDb } from "@/lib/testing/db";
import { archiveIndexStats, archiveTop, fts5Tokens } from "./archive-index";
import { contentWords, ftsOrQuery, normalizeClaimText } from "./normalize";

const CLAIMS = [
  ["Bill Gates plans to put microchips in coronavirus vaccines.", "Is Bill Gates Putting Microchips in COVID-19 Vaccines?"],
  ["5G mobile networks spread the coronavirus.", "Do 5G Networks Spread COVID-19?"],
  ["The Harbour Bridge toll rose by 40 percent in 2023.", "Did the Harbour Bridge Toll Rise 40%?"],
  ["Eating garlic prevents infection with the new coronavirus.", null],
  ["A photograph shows a shark swimming on a flooded highway after Hurricane Harvey.", "Shark Photographed Swimming on Flooded Highway?"],
  ["The border wall will cost 1.5 million dollars per mile.", "Does the Wall Cost $1.5 Million a Mile?"],
  ["Half of the koalas in New South Wales died in the bushfires.", "Did Half of NSW's Koalas Die in the Fires?"],
  ["Vaccines cause autism in children, a study found.", "Do Vaccines Cause Autism?"],
  ["The mayor banned garlic from school lunches.", "Did the Mayor Ban Garlic?"],
] as const;

const review = (i: number, claim: string, headline: string | null) => ({
  "@type": "ClaimReview",
  url: `https://checks.example/${i}`,
  claimReviewed: claim,
  headline,
  reviewRating: { "@type": "Rating", alternateName: "False" },
});

const QUERIES = [
  "Bill Gates wants microchips in every vaccine #MicrochipEveryone https://t.co/x",
  "garlic cures the coronavirus, eat garlic!",
  "sharks swimming down the highway in Houston after Harvey",
  "the toll on the harbour bridge went up 40%",
  "vaccines autism children mayor",
  "nothing here resembles anything",
];

/** FTS5's own answer to the same OR query, as the matcher asked it before the in-memory index. */
function fts5Top(db: Db, words: string[], k: number) {
  const query = ftsOrQuery(words);
  if (!query) return [];
  return db.$client
    .prepare("SELECT rowid AS id, -rank AS bm25 FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank, rowid LIMIT ?")
    .all(query, k);
}

function expectSameAsFts5(db: Db) {
  for (const text of QUERIES) {
    const words = contentWords(normalizeClaimText(text));
    expect(archiveTop(db, words, 5), text).toEqual(fts5Top(db, words, 5));
  }
}

describe("the archive's in-memory BM25 index", () => {
  it("ranks exactly as FTS5 does: same fact-checks, same order, same bm25 values", () => {
    const db = createTestDb();
    importJsonLd(db, null, CLAIMS.map(([claim, headline], i) => review(i, claim, headline)));
    expectSameAsFts5(db);
    expect(archiveTop(db, ["garlic"], 5)!.map((c) => c.id).sort()).toHaveLength(2);
  });

  it("follows the archive as fact-checks are imported, re-imported with new text and deleted", () => {
    const db = createTestDb();
    importJsonLd(db, null, CLAIMS.slice(0, 4).map(([claim, headline], i) => review(i, claim, headline)));
    expectSameAsFts5(db);
    // New fact-checks after the index was built.
    importJsonLd(db, null, CLAIMS.slice(4).map(([claim, headline], i) => review(i + 4, claim, headline)));
    expectSameAsFts5(db);
    expect(archiveTop(db, ["shark"], 5)).toHaveLength(1);
    // The same URL again with another claim: the old words no longer find it.
    importJsonLd(db, null, review(3, "Onions in socks draw out the flu.", "Do Onions in Socks Cure Flu?"));
    expectSameAsFts5(db);
    expect(archiveTop(db, ["garlic"], 5)).toHaveLength(1);
    expect(archiveTop(db, ["onion"], 5)).toHaveLength(1);
    // Deleted, then put back under its old id (as the training script's "never checked" view does).
    const row = db.$client.prepare("SELECT * FROM factchecks WHERE url = ?").get("https://checks.example/4") as Record<string, unknown>;
    db.$client.prepare("DELETE FROM factchecks WHERE id = ?").run(row.id);
    expect(archiveTop(db, ["shark"], 5)).toEqual([]);
    expectSameAsFts5(db);
    const cols = Object.keys(row);
    db.$client.prepare(`INSERT INTO factchecks (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    expect(archiveTop(db, ["shark"], 5)).toEqual([{ id: row.id, bm25: expect.any(Number) }]);
    expectSameAsFts5(db);
  });

  it("answers an empty archive with nothing, and reads words as FTS5's porter tokenizer does", () => {
    const db = createTestDb();
    expect(archiveTop(db, ["garlic"], 5)).toEqual([]);
    expect(fts5Tokens(["vaccines", "swimming", "Koalas"])).toEqual([["vaccin"], ["swim"], ["koala"]]);
  });

  it("takes new fact-checks in with exactly FTS5's tokens (accents, punctuation, odd spaces), so it is not rebuilt", () => {
    const db = createTestDb();
    importJsonLd(db, null, CLAIMS.map(([claim, headline], i) => review(i, claim, headline)));
    expectSameAsFts5(db);
    const rebuilds = archiveIndexStats().rebuilds;
    const tricky = [
      ["Ça coûte 1,5\u00a0million d'euros: le maire—à Montréal—l'a dit!", "Naïve café-crème\tCOVID-19?"],
      ["«Vaccines» cause 5G…autism\u2003in 2 weeks (source: WHO/CDC)", "U.S. mayor's “garlic” ban, 2020–21"],
      ["Sharks swimming\nswam swims 🦈 on the highway's shoulder", ""],
      ["東京 vaccine 中文 koala's garlic-lovers don't", "Is it true\u2009that microchips...are in vaccines?"],
    ];
    importJsonLd(db, null, tricky.map(([claim, headline], i) => review(100 + i, claim, headline || null)));
    for (const words of [["coût"], ["cout"], ["montreal"], ["naive"], ["covid"], ["19"], ["vaccin"], ["autism"], ["swim"], ["koala"], ["garlic"], ["microchip"], ["maire"], ["don"], ["shoulder"]]) {
      const query = ftsOrQuery(words);
      expect(archiveTop(db, words, 20), words.join()).toEqual(
        db.$client.prepare("SELECT rowid AS id, -rank AS bm25 FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank, rowid LIMIT 20").all(query),
      );
    }
    expectSameAsFts5(db);
    expect(archiveIndexStats().rebuilds).toBe(rebuilds);
  });

  it("reads pieces it has kept, and a text carrying its pieces' marker word, exactly as FTS5 does", () => {
    const db = createTestDb();
    importJsonLd(db, null, CLAIMS.map(([claim, headline], i) => review(i, claim, headline)));
    expectSameAsFts5(db);
    const rebuilds = archiveIndexStats().rebuilds;
    const fts5 = (words: string[]) =>
      db.$client.prepare("SELECT rowid AS id, -rank AS bm25 FROM factchecks_fts WHERE factchecks_fts MATCH ? ORDER BY rank, rowid LIMIT 20").all(ftsOrQuery(words));
    // New pieces (9 distinct: "Garlic…garlic" and "garlic‐lovers" are one piece each, two tokens in
    // FTS5), the same pieces again in other fact-checks (all kept), then the marker word itself, alone
    // and inside a piece, with ordinary text (tokenised whole).
    const batches: { reviews: [string, string | null][]; sent: number; whole: number }[] = [
      { reviews: [["Bill Gates plans microchips in vaccines, Bill Gates!", "Garlic…garlic GARLIC garlic‐lovers"]], sent: 9, whole: 0 },
      { reviews: [["in vaccines: microchips", "GARLIC garlic‐lovers Garlic…garlic"], ["Gates plans", null]], sent: 0, whole: 0 },
      { reviews: [["qqzxpiecesqq garlic", "QQZXPIECESQQ—vaccines"], ["Sharks and qqzxpiecesqqs on the highway", null]], sent: 0, whole: 2 },
    ];
    batches.forEach(({ reviews, sent, whole }, b) => {
      const before = archiveIndexStats();
      importJsonLd(db, null, reviews.map(([claim, headline], i) => review(200 + b * 10 + i, claim, headline)));
      for (const words of [["garlic"], ["gate"], ["microchip"], ["vaccin"], ["lover"], ["shark"], ["qqzxpiecesqq"], ["highway"], ["bill"]]) {
        expect(archiveTop(db, words, 20), words.join()).toEqual(fts5(words));
      }
      const after = archiveIndexStats();
      expect([after.piecesSent - before.piecesSent, after.wholeTexts - before.wholeTexts], `batch ${b}`).toEqual([sent, whole]);
      expectSameAsFts5(db);
    });
    expect(archiveIndexStats().rebuilds).toBe(rebuilds);
  });
});
