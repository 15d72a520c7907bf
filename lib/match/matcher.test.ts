import { describe, expect, it } from "vitest";
import { importJsonLd } from "@/lib/factchecks";
import { createDesk, submit } from "@/lib/workflow/test-fixtures";
import { assignClaim } from "@/lib/workflow";
import { canonicalNumbers, normalizeClaimText, splitTag } from "./normalize";
import { checkedBeforeThreshold, matchCandidates, matchText } from "./index";
import { attachMatch } from "./attach";
import { archiveRankingStats, computeMatches, deskRankingStats, prepareQuery, rankArchive, rankArchiveReusing, type PairMemo } from "./matcher";
import { createTestDb } from "@/lib/testing/db";
import { seededRandom } from "@/lib/random";
import { matchingModel } from "./model";

const ARCHIVE = [
  ["https://checks.example/gates-microchips", "Bill Gates plans to put microchips in coronavirus vaccines.", "Is Bill Gates Putting Microchips in COVID-19 Vaccines?", "False"],
  ["https://checks.example/5g-covid", "5G mobile networks spread the coronavirus.", "Do 5G Networks Spread COVID-19?", "False"],
  ["https://checks.example/bridge-toll", "The Harbour Bridge toll rose by 40 percent in 2023.", "Did the Harbour Bridge Toll Rise 40%?", "Mostly true"],
  ["https://checks.example/garlic", "Eating garlic prevents infection with the new coronavirus.", "Does Garlic Protect Against Coronavirus?", "False"],
  ["https://checks.example/sharks", "A photograph shows a shark swimming on a flooded highway after Hurricane Harvey.", "Shark Photographed Swimming on Flooded Highway?", "Fake"],
  ["https://checks.example/wall-cost", "The border wall will cost 1.5 million dollars per mile.", "Does the Wall Cost $1.5 Million a Mile?", "Mixed"],
  ["https://checks.example/koalas", "Half of the koalas in New South Wales died in the bushfires.", "Did Half of NSW's Koalas Die in the Fires?", "Unproven"],
];

function archiveDesk() {
  const desk = createDesk();
  importJsonLd(
    desk.db,
    null,
    ARCHIVE.map(([url, claimReviewed, headline, rating]) => ({
      "@type": "ClaimReview",
      url,
      claimReviewed,
      headline,
      author: { "@type": "Organization", name: "Example Checks" },
      reviewRating: { "@type": "Rating", alternateName: rating },
      datePublished: "2020-04-01",
    })),
  );
  return desk;
}

describe("normalising what real posts carry", () => {
  it("drops links, pic.twitter.com and the trailing signature, and keeps the words of #hashtags and @handles", () => {
    expect(
      normalizeClaimText("Bill Gates wants to #MicrochipEveryone via @WHO vaccines https://t.co/abc123 pic.twitter.com/XyZ — Jane Doe (@jane_doe) April 3, 2020"),
    ).toBe("Bill Gates wants to Microchip Everyone via WHO vaccines");
    expect(normalizeClaimText("The US drone attack on #Soleimani caught on camera.#IranUsapic.twitter.com/TvRkHvlgby — Someone® (@Some1) January 6, 2020")).toBe(
      "The US drone attack on Soleimani caught on camera. Iran Usa",
    );
    expect(splitTag("COVID19Vaccine")).toBe("COVID 19 Vaccine");
  });

  it("reads numbers written differently as the same number", () => {
    expect(canonicalNumbers("1,500 people")).toEqual(["1500"]);
    expect(canonicalNumbers("1.5k people")).toEqual(["1500"]);
    expect(canonicalNumbers("1.5 thousand people")).toEqual(["1500"]);
    expect(canonicalNumbers("$1.5 million a mile")).toEqual(canonicalNumbers("1,500,000 dollars"));
    expect(canonicalNumbers("fifty states")).toEqual(["50"]);
    expect(normalizeClaimText("rose 40% or 40 per cent")).toBe("rose 40 percent or 40 percent");
  });
});

describe("the matcher", () => {
  it("ranks the fact-check that settles a post first, through the noise posts carry", () => {
    const desk = archiveDesk();
    const cases: [string, string][] = [
      ["BREAKING: @BillGates is going to put MICROCHIPS in the #coronavirus vaccine!!! https://t.co/x — Jo Bloggs (@jbloggs) April 2, 2020", "gates-microchips"],
      ["Turn off your phones, the 5G masts are spreading corona #5G #COVID19", "5g-covid"],
      ["So the harbour bridge toll went up 40 per cent last year?? outrageous", "bridge-toll"],
      ["My aunt says garlic will keep you from catching the coronavirus", "garlic"],
      ["Wow a shark on the highway in Houston after #HurricaneHarvey pic.twitter.com/abc", "sharks"],
      ["That wall costs $1,500,000 per mile, do the math", "wall-cost"],
    ];
    for (const [post, expected] of cases) {
      const [best] = matchText(desk.db, post, { sources: ["archive"] });
      expect(best?.url, post).toBe(`https://checks.example/${expected}`);
      expect(best).toMatchObject({ source: "archive", author: "Example Checks", datePublished: "2020-04-01" });
    }
  });

  it("answers nothing for a claim with no words in common with the archive, and scores in [0, 1] best first", () => {
    const desk = archiveDesk();
    expect(matchText(desk.db, "Quarterly widget exports from Ruritania", { sources: ["archive"] })).toEqual([]);
    const matches = matchText(desk.db, "coronavirus vaccine microchips", { limit: 10 });
    expect(matches.length).toBeGreaterThan(1);
    const scores = matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it("only lets matches at or above the calibrated threshold through when asked (the article page's 'checked before')", () => {
    const desk = archiveDesk();
    const threshold = checkedBeforeThreshold();
    expect(threshold).toBe(matchingModel().file.threshold);
    const all = matchText(desk.db, "coronavirus garlic vaccine 5G", { limit: 20 });
    const above = matchText(desk.db, "coronavirus garlic vaccine 5G", { limit: 20, aboveThreshold: true });
    expect(above).toEqual(all.filter((m) => m.score >= threshold));
    expect(all.some((m) => m.score < threshold)).toBe(true);
    const [strong, none] = matchCandidates(desk.db, ["Bill Gates will put microchips in the coronavirus vaccines", "The committee meets on Tuesdays"]);
    expect(strong[0]?.url).toBe("https://checks.example/gates-microchips");
    expect(strong.every((m) => m.score >= threshold)).toBe(true);
    expect(none).toEqual([]);
  });

  it("finds claims already on the desk, with their state and who has them, but not the claim itself", async () => {
    const desk = archiveDesk();
    const claim = await submit(desk, desk.reporter, "Alice Marie Johnson served more than 21 years of a life sentence.");
    const assigned = await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: desk.editorA.id, expectedVersion: claim.version });
    expect(assigned.ok).toBe(true);
    const [match] = matchText(desk.db, "Alice Johnson served 21 years of a life sentence for a first offence", { sources: ["desk"] });
    expect(match).toMatchObject({ source: "desk", claimId: claim.id, state: "draft", assignee: "Ada Editor", rating: null });
    expect(match.url).toMatch(new RegExp(`/claims/${claim.id}$`));
    expect(matchText(desk.db, claim.text, { sources: ["desk"], excludeClaimId: claim.id })).toEqual([]);
  });

  it("attaches a match as a citation in one step through addCitations (version bumped, rules and stale versions enforced)", async () => {
    const desk = archiveDesk();
    const claim = await submit(desk, desk.reporter, "Bill Gates wants to put microchips into coronavirus vaccines.");
    const attached = await attachMatch(desk.db, desk.editorA, claim.id, { url: "https://checks.example/gates-microchips", kind: "refutes", expectedVersion: claim.version });
    expect(attached.ok).toBe(true);
    if (!attached.ok) return;
    expect(attached.value.version).toBe(claim.version + 1);
    expect(attached.value.citations.find((c) => c.kind === "refutes")).toMatchObject({
      url: "https://checks.example/gates-microchips",
      title: "Is Bill Gates Putting Microchips in COVID-19 Vaccines?",
      publisher: "Example Checks",
      quote: "Bill Gates plans to put microchips in coronavirus vaccines. Rated: False.",
    });
    const stale = await attachMatch(desk.db, desk.editorA, claim.id, { url: "https://checks.example/gates-microchips", kind: "context", expectedVersion: claim.version });
    expect(!stale.ok && stale.error.code).toBe("conflict");
    const unknown = await attachMatch(desk.db, desk.editorA, claim.id, { url: "https://elsewhere.example/x", kind: "context", expectedVersion: claim.version + 1 });
    expect(!unknown.ok && unknown.error.code).toBe("invalid");
  });
});

describe("kept answers", () => {
  const post = "Bill Gates will put microchips in the coronavirus vaccines";

  it("keep the archive's ranking through desk changes, so a busy desk does not make every article page match afresh", async () => {
    const desk = archiveDesk();
    const first = matchText(desk.db, post);
    expect(first[0]?.url).toBe("https://checks.example/gates-microchips");

    // A claim is submitted: the desk moved (a new event), the archive did not.
    const before = archiveRankingStats();
    await submit(desk, desk.reporter, "Bill Gates is putting microchips into every coronavirus vaccine, a post says.");
    const afterDeskChange = matchText(desk.db, post);
    const after = archiveRankingStats();
    expect(after.computed - before.computed).toBe(0);
    expect(after.kept - before.kept).toBe(1);
    // The answer is what matching from scratch gives, the new desk claim among the matches.
    expect(afterDeskChange).toEqual(computeMatches(desk.db, post));
    expect(afterDeskChange.some((m) => m.source === "desk")).toBe(true);
  });

  /** A new fact-check of the test post's claim, imported to change the archive. */
  const gatesChipsAgain = {
    "@type": "ClaimReview",
    url: "https://checks.example/gates-chips-again",
    claimReviewed: "Bill Gates microchips are inside coronavirus vaccines.",
    headline: "Are Bill Gates Microchips in Coronavirus Vaccines?",
    author: { "@type": "Organization", name: "Example Checks" },
    reviewRating: { "@type": "Rating", alternateName: "False" },
    datePublished: "2020-05-01",
  };

  it("match afresh once the archive changes", () => {
    const desk = archiveDesk();
    matchText(desk.db, post);
    const before = archiveRankingStats();
    importJsonLd(desk.db, null, gatesChipsAgain);
    const again = matchText(desk.db, post);
    expect(archiveRankingStats().computed - before.computed).toBe(1);
    expect(again.map((m) => m.url)).toContain("https://checks.example/gates-chips-again");
    expect(again).toEqual(computeMatches(desk.db, post));
  });

  it("keep the desk's ranking through archive changes, so an import redoes only the archive's part", async () => {
    const desk = archiveDesk();
    await submit(desk, desk.reporter, "Bill Gates is putting microchips into every coronavirus vaccine, a post says.");
    const first = matchText(desk.db, post);
    expect(first.some((m) => m.source === "desk")).toBe(true);
    const before = deskRankingStats();
    importJsonLd(desk.db, null, gatesChipsAgain);
    const afterImport = matchText(desk.db, post);
    const after = deskRankingStats();
    expect(after.computed - before.computed).toBe(0);
    expect(after.kept - before.kept).toBe(1);
    // Identical to matching from scratch: the new fact-check and the desk claim both there.
    expect(afterImport).toEqual(computeMatches(desk.db, post));
    expect(afterImport.map((m) => m.url)).toContain("https://checks.example/gates-chips-again");
    expect(afterImport.some((m) => m.source === "desk")).toBe(true);
  });
});

describe("an archive ranking worked out again from kept pair parts", () => {
  // A generated archive large enough that the reranked list (the model's 50 candidates) is full and
  // fact-checks enter and leave it as the archive changes.
  const random = seededRandom(1313);
  const WORDS =
    "mayor council bridge toll vaccine school budget river flood senator tax jobs hospital police election court water fire storm price rent train bus farm wage crime Gates microchips coronavirus garlic sharks highway koalas bushfires wall border".split(" ");
  const pick = () => WORDS[Math.floor(random() * WORDS.length)];
  const sentence = (n: number) => Array.from({ length: n }, pick).join(" ");
  const review = (i: number, claim = `The ${sentence(7)} rose ${i % 37} percent.`, headline: string | null = random() < 0.8 ? `Did the ${sentence(4)}?` : null) => ({
    "@type": "ClaimReview",
    url: `https://checks.example/generated/${i}`,
    claimReviewed: claim,
    headline,
    reviewRating: { "@type": "Rating", alternateName: "False" },
  });
  const QUERIES = Array.from({ length: 12 }, (_, i) => `${sentence(9)} ${i % 3 === 0 ? "#" + pick() : ""} ${i}0 percent https://t.co/x`);

  it("equals rankArchive from scratch (ids, order, bm25, every feature, scores) across imports, re-imports and deletions", () => {
    const db = createTestDb();
    const model = matchingModel();
    const k = model.file.candidates;
    importJsonLd(db, null, Array.from({ length: 400 }, (_, i) => review(i)));
    const queries = QUERIES.map((q) => prepareQuery(q, model));
    let memos = queries.map(() => null as PairMemo | null);
    let reusedTotal = 0;
    const check = (step: string) => {
      queries.forEach((query, i) => {
        const reusing = rankArchiveReusing(db, query, model, k, memos[i]);
        expect(reusing.ranked, `${step}: ${QUERIES[i]}`).toEqual(rankArchive(db, query, model, k));
        memos[i] = reusing.memo;
        reusedTotal += reusing.reused;
      });
    };
    check("first ranking");
    expect(reusedTotal).toBe(0);
    // New fact-checks (an import moves N, the average length and document frequencies).
    importJsonLd(db, null, Array.from({ length: 25 }, (_, i) => review(400 + i)));
    check("after an import");
    expect(reusedTotal).toBeGreaterThan(queries.length * 20);
    // Re-imported with new words: the kept parts of those fact-checks must not be reused.
    const ranked = rankArchive(db, queries[0], model, k);
    const top = db.$client.prepare("SELECT url, claim_reviewed AS claim, headline FROM factchecks WHERE id = ?").get(ranked[0].id) as { url: string; claim: string; headline: string | null };
    const topIndex = Number(top.url.split("/").pop());
    // The first stays in the list with other words (its features change), the second leaves it, the third enters another.
    importJsonLd(db, null, [
      review(topIndex, `${top.claim} Or so the council says.`, top.headline),
      review(Number(ranked[1].id) - 1, "Onions in socks draw out the flu.", "Do Onions Cure Flu?"),
      review(3, `${QUERIES[1]} exactly`),
    ]);
    check("after a re-import with new text");
    expect(rankArchive(db, queries[0], model, k).map((c) => c.id)).toContain(ranked[0].id);
    // A re-import that changes the rating alone (the row is updated, its text is not).
    importJsonLd(db, null, { ...review(5, "x"), ...(db.$client.prepare("SELECT claim_reviewed AS claimReviewed, headline FROM factchecks WHERE url = ?").get("https://checks.example/generated/5") as object), reviewRating: { "@type": "Rating", alternateName: "True" } });
    check("after a re-import of the rating");
    // Deletions (fact-checks leave the lists, ones beyond them come in), then one put back under its old id.
    const gone = memos[2] ? [...memos[2].keys()].slice(0, 5) : [];
    expect(gone.length).toBe(5);
    const row = db.$client.prepare("SELECT * FROM factchecks WHERE id = ?").get(gone[0]) as Record<string, unknown>;
    for (const id of gone) db.$client.prepare("DELETE FROM factchecks WHERE id = ?").run(id);
    check("after deletions");
    const cols = Object.keys(row);
    db.$client.prepare(`INSERT INTO factchecks (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => row[c]));
    check("after one came back under its old id");
    // A large import rebuilds the index: nothing kept is reused, and the answer still equals a fresh one.
    importJsonLd(db, null, Array.from({ length: 2_100 }, (_, i) => review(1_000 + i)));
    const beforeRebuild = reusedTotal;
    check("after a rebuild");
    expect(reusedTotal).toBe(beforeRebuild);
    memos = memos.map(() => null);
  });

  it("keeps the article page's answers equal to computeMatches from scratch after an import", () => {
    const desk = archiveDesk();
    const texts = ["Bill Gates will put microchips in the coronavirus vaccines", "The harbour bridge toll went up 40 per cent", "Sharks swam down the highway after Harvey"];
    matchCandidates(desk.db, texts);
    importJsonLd(desk.db, null, { ...review(1, "Bill Gates microchips are inside coronavirus vaccines.", "Are Bill Gates Microchips in Vaccines?"), url: "https://checks.example/gates-again" });
    const fresh = texts.map((t) => computeMatches(desk.db, t, { limit: 3, aboveThreshold: true, publishedOnly: true }));
    expect(matchCandidates(desk.db, texts)).toEqual(fresh);
    expect(fresh[0].map((m) => m.url)).toContain("https://checks.example/gates-again");
    // Deleting a fact-check that is not the newest one drops the kept answers too.
    desk.db.$client.prepare("DELETE FROM factchecks WHERE url = ?").run("https://checks.example/bridge-toll");
    const afterDelete = matchCandidates(desk.db, texts);
    expect(afterDelete[1].map((m) => m.url)).not.toContain("https://checks.example/bridge-toll");
    expect(afterDelete).toEqual(texts.map((t) => computeMatches(desk.db, t, { limit: 3, aboveThreshold: true, publishedOnly: true })));
  });
});
