import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { appendSignoff, citationHash, GENESIS_HASH, signoffHash, verifyAuditChain, type AuditProblem, type SignoffChainContent } from "./audit";
import { canonicalJson, sha256Hex } from "./hash";
import { submitClaim } from "./submit";
import { citation, createDesk, originCitation, rewriteHistory, submit, unwrap, type Desk } from "./test-fixtures";
import { transact } from "@/lib/core/transaction";
import { transitionClaim } from "./transition";

let desk: Desk;
let sqlite: Desk["db"]["$client"];
let claimId: number;
/** The origin citation: sign-offs #1, #2 and #3 rest on it. */
let originId: number;
/** The citation attached with the verify sign-off #3. */
let attachedId: number;

/** Four sign-offs: submit #1, review #2, verify #3 (two citations), submit #4 (another claim). */
beforeEach(async () => {
  desk = createDesk();
  sqlite = desk.db.$client;
  let claim = await submit(desk);
  claimId = claim.id;
  originId = claim.citations[0]!.id;
  claim = unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "Looks right", citationIds: [originId], expectedVersion: 1 }));
  claim = unwrap(
    await transitionClaim(desk.db, desk.editorB, claim.id, {
      action: "verify",
      note: "Confirmed",
      verdict: "true",
      citationIds: [originId],
      citations: [citation()],
      expectedVersion: 2,
    }),
  );
  attachedId = claim.citations.find((c) => c.id !== originId)!.id;
  await submit(desk, desk.otherReporter, "A second claim for the chain.");
});

const tamper = (statements: string) => sqlite.exec(statements);
const problemsOf = (report: { problems: AuditProblem[] }) => report.problems.map((p) => [p.signoffId, p.citationId]);
const headOf = () => (sqlite.prepare("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1").get() as { hash: string }).hash;

describe("the database refuses to rewrite sign-offs", () => {
  it.each([
    "UPDATE signoffs SET note = 'rewritten' WHERE id = 2",
    "UPDATE signoffs SET verdict = 'false'",
    "DELETE FROM signoffs WHERE id = 4",
    "DELETE FROM signoffs",
    "UPDATE signoff_citations SET quote_hash = 'x'",
    "UPDATE signoff_citations SET citation_hash = 'x'",
    "DELETE FROM signoff_citations WHERE signoff_id = 3",
  ])("%s fails", async (statement) => {
    expect(() => tamper(statement)).toThrow(/append-only/);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: 4 });
  });

  it("PRAGMA writable_schema cannot be used to strip the triggers", async () => {
    sqlite.pragma("writable_schema = ON");
    expect(() => tamper("DELETE FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'signoffs'")).toThrow(/may not be modified/);
    expect(() => tamper("UPDATE sqlite_master SET sql = NULL WHERE name = 'signoffs_no_update'")).toThrow(/may not be modified/);
    sqlite.pragma("writable_schema = OFF");
    expect(() => tamper("UPDATE signoffs SET note = 'x' WHERE id = 1")).toThrow(/append-only/);
  });
});

describe("verifyAuditChain", () => {
  it("passes an intact chain and reports its head", async () => {
    expect(await verifyAuditChain(desk.db)).toEqual({ ok: true, count: 4, headHash: headOf(), problems: [], brokenId: null, reason: null });
  });

  it("passes an empty table", async () => {
    expect(await verifyAuditChain(createDesk().db)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH, problems: [], brokenId: null, reason: null });
  });

  it("names the row whose note was rewritten around the trigger, and only that row", async () => {
    tamper("DROP TRIGGER signoffs_no_update; UPDATE signoffs SET note = 'Never checked' WHERE id = 2;");
    const report = await verifyAuditChain(desk.db);
    expect(report).toMatchObject({ ok: false, count: 4, brokenId: 2, reason: expect.stringContaining("does not match its hash") });
    expect(report.problems).toEqual([{ signoffId: 2, claimId, citationId: null, reason: expect.stringContaining("does not match its hash") }]);
  });

  it("lists every altered row, so a first bad row cannot hide tampering further on", async () => {
    tamper("DROP TRIGGER signoffs_no_update; UPDATE signoffs SET note = 'x' WHERE id = 1; UPDATE signoffs SET note = 'y' WHERE id = 4;");
    expect(problemsOf(await verifyAuditChain(desk.db))).toEqual([
      [1, null],
      [4, null],
    ]);
  });

  it.each([
    ["the verdict", "verdict = 'false'"],
    ["the signer", "user_id = 1"],
    ["the time", "created_at = '2000-01-01T00:00:00.000Z'"],
    ["the approved version", "claim_version = 9"],
    ["the text hash", `text_hash = '${"a".repeat(64)}'`],
  ])("catches a change to %s", async (_what, assignment) => {
    tamper(`DROP TRIGGER signoffs_no_update; UPDATE signoffs SET ${assignment} WHERE id = 3;`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("catches a rewritten row whose own hash was recomputed: the next row no longer follows it", async () => {
    const row = sqlite.prepare("SELECT * FROM signoffs WHERE id = 2").get() as Record<string, string | number | null>;
    const links = sqlite
      .prepare("SELECT citation_id AS id, quote_hash AS quoteHash, citation_hash AS citationHash FROM signoff_citations WHERE signoff_id = 2")
      .all() as SignoffChainContent["citations"];
    const forged: SignoffChainContent = {
      id: 2,
      claimId: row.claim_id as number,
      action: "review",
      fromState: "draft",
      toState: "reviewed",
      userId: row.user_id as number,
      note: "Rubber-stamped",
      verdict: null,
      claimVersion: row.claim_version as number,
      textHash: row.text_hash as string,
      round: row.round as number,
      citations: links,
      createdAt: row.created_at as string,
    };
    sqlite.exec("DROP TRIGGER signoffs_no_update");
    sqlite.prepare("UPDATE signoffs SET note = ?, hash = ? WHERE id = 2").run(forged.note, signoffHash(row.prev_hash as string, forged));
    const report = await verifyAuditChain(desk.db);
    expect(report).toMatchObject({ ok: false, count: 4, brokenId: 3, reason: expect.stringContaining("does not follow") });
    expect(problemsOf(report)).toEqual([[3, null]]);
  });

  it("catches a citation link changed around the triggers", async () => {
    tamper(`DROP TRIGGER signoff_citations_no_update; UPDATE signoff_citations SET quote_hash = 'forged' WHERE signoff_id = 3 AND citation_id = ${originId};`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("catches a citation link added to a sign-off", async () => {
    tamper(`INSERT INTO signoff_citations (signoff_id, citation_id, quote_hash) SELECT 2, id, quote_hash FROM citations WHERE id = ${attachedId};`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 2 });
  });

  it("catches a citation link removed from a sign-off", async () => {
    tamper(`DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 3 AND citation_id = ${attachedId};`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("names every sign-off resting on a citation whose quoted passage was edited afterwards (citations have no trigger)", async () => {
    sqlite.prepare("UPDATE citations SET quote = 'A passage nobody signed off on' WHERE id = ?").run(originId);
    const report = await verifyAuditChain(desk.db);
    expect(report).toMatchObject({ ok: false, count: 4, brokenId: 1, reason: expect.stringMatching(/citation #\d+, whose quoted passage was changed/) });
    expect(problemsOf(report)).toEqual([
      [1, originId],
      [2, originId],
      [3, originId],
    ]);
  });

  it("catches a quote edited together with its stored hash, at the sign-off resting on it", async () => {
    const quote = "A passage nobody signed off on";
    sqlite.prepare("UPDATE citations SET quote = ?, quote_hash = ? WHERE id = ?").run(quote, createHash("sha256").update(quote).digest("hex"), attachedId);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3, reason: expect.stringContaining(`citation #${attachedId}`) });
  });

  it("catches a citation's stored quote hash changed while the quote stays", async () => {
    sqlite.prepare("UPDATE citations SET quote_hash = ? WHERE id = ?").run("e".repeat(64), originId);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 1, reason: expect.stringContaining("stored quote hash") });
  });

  it("catches a row deleted from the middle at the row after it", async () => {
    tamper("DROP TRIGGER signoffs_no_delete; DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 2; DELETE FROM signoffs WHERE id = 2;");
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, count: 3, brokenId: 3, reason: expect.stringContaining("does not follow") });
  });

  it("catches rows deleted from the end through the table's sequence, and the claim left without a sign-off", async () => {
    tamper("DROP TRIGGER signoffs_no_delete; DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 4; DELETE FROM signoffs WHERE id = 4;");
    const report = await verifyAuditChain(desk.db);
    expect(report).toMatchObject({ ok: false, count: 3, brokenId: 4, reason: expect.stringContaining("deleted from the end") });
    expect(report.problems.at(-1)?.reason).toMatch(/Claim #\d+ has no sign-off/);
  });

  it("catches a forged row appended with a made-up hash", async () => {
    sqlite
      .prepare(
        `INSERT INTO signoffs (claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         VALUES (?, 'return', 'verified', 'draft', ?, 'forged', NULL, 9, 'x', 2, ?, ?, '2030-01-01T00:00:00.000Z')`,
      )
      .run(claimId, desk.admin.id, headOf(), "f".repeat(64));
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, count: 5, brokenId: 5 });
  });

  it("catches a forged row slipped in before the real one", async () => {
    tamper("PRAGMA foreign_keys = OFF; DROP TRIGGER signoffs_no_update; UPDATE signoffs SET id = id + 100 WHERE id = 4;");
    sqlite
      .prepare(
        `INSERT INTO signoffs (id, claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         SELECT 4, claim_id, action, from_state, to_state, user_id, 'forged', verdict, claim_version, text_hash, round, prev_hash, 'g' || hash, created_at FROM signoffs WHERE id = 104`,
      )
      .run();
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 4 });
  });

  it("catches a perfectly hashed sign-off appended that the claim does not bear out", async () => {
    const last = sqlite.prepare("SELECT id, hash FROM signoffs ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string };
    const forged: SignoffChainContent = {
      id: last.id + 1, claimId, action: "return", fromState: "verified", toState: "draft", userId: desk.admin.id,
      note: "forged", verdict: null, claimVersion: 9, textHash: "x", round: 2, citations: [], createdAt: "2030-01-01T00:00:00.000Z",
    };
    const { citations: _none, ...row } = forged;
    sqlite
      .prepare(
        `INSERT INTO signoffs (id, claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         VALUES (@id, @claimId, @action, @fromState, @toState, @userId, @note, @verdict, @claimVersion, @textHash, @round, @prevHash, @hash, @createdAt)`,
      )
      .run({ ...row, prevHash: last.hash, hash: signoffHash(last.hash, forged) });
    const report = await verifyAuditChain(desk.db);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.reason)).toEqual([
      expect.stringContaining("is verified, but its latest sign-off (#5, return) left it draft"),
      expect.stringContaining("carries the verdict “true”, but its latest sign-off (#5, return) recorded no verdict"),
      expect.stringContaining("is in round 1, but its latest sign-off (#5, return) recorded round 2"),
      expect.stringContaining("older than version 9"),
      expect.stringContaining("is verified with text other than the text its latest sign-off (#5, return) approved"),
    ]);
  });
});

describe("verifyAuditChain covers every field a sign-off vouches for", () => {
  it.each([
    ["the address", "url = 'https://evil.example/'"],
    ["the title", "title = 'A different source'"],
    ["the publisher", "publisher = 'Someone else'"],
    ["the kind", "kind = 'refutes'"],
    ["the document reference", "document_ref = 'Docket 1'"],
    ["the access date", "accessed_at = '1999-01-01'"],
  ])("catches a change to a signed citation's %s, at every sign-off resting on it", async (_what, assignment) => {
    tamper(`UPDATE citations SET ${assignment} WHERE id = ${originId}`);
    const report = await verifyAuditChain(desk.db);
    expect(report).toMatchObject({ ok: false, brokenId: 1, reason: expect.stringContaining(`citation #${originId}, which was changed after the sign-off`) });
    expect(problemsOf(report)).toEqual([
      [1, originId],
      [2, originId],
      [3, originId],
    ]);
  });

  it("catches a signed citation moved to another claim", async () => {
    const other = (sqlite.prepare("SELECT claim_id AS id FROM signoffs WHERE id = 4").get() as { id: number }).id;
    tamper(`UPDATE citations SET claim_id = ${other} WHERE id = ${attachedId}`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3, reason: expect.stringContaining(`now belongs to claim #${other}`) });
  });

  it("catches a verified claim's verdict changed in the database", async () => {
    tamper(`UPDATE claims SET verdict = 'false' WHERE id = ${claimId}`);
    expect(await verifyAuditChain(desk.db)).toMatchObject({
      ok: false,
      brokenId: 3,
      problems: [{ signoffId: 3, claimId, citationId: null, reason: `Claim #${claimId} carries the verdict “false”, but its latest sign-off (#3, verify) recorded the verdict “true”` }],
    });
  });

  it("catches a verified claim's text changed in the database, even with its hash and revision changed to match", async () => {
    const text = "Alice Marie Johnson served less than a year in prison.";
    tamper(`UPDATE claims SET text = '${text}' WHERE id = ${claimId}`);
    expect((await verifyAuditChain(desk.db)).problems.map((p) => p.reason)).toEqual([expect.stringContaining("does not match its stored text hash")]);
    tamper(`UPDATE claims SET text_hash = '${sha256Hex(text)}' WHERE id = ${claimId}`);
    expect((await verifyAuditChain(desk.db)).problems.map((p) => p.reason)).toEqual([
      expect.stringContaining("not its latest revision's"),
      expect.stringContaining("is verified with text other than the text"),
    ]);
    tamper(`UPDATE claim_revisions SET text = '${text}', text_hash = '${sha256Hex(text)}' WHERE claim_id = ${claimId};`);
    expect((await verifyAuditChain(desk.db)).problems).toEqual([
      { signoffId: 3, claimId, citationId: null, reason: `Claim #${claimId} is verified with text other than the text its latest sign-off (#3, verify) approved` },
    ]);
  });

  it("catches a claim's state changed in the database", async () => {
    const draft = (sqlite.prepare("SELECT claim_id AS id FROM signoffs WHERE id = 4").get() as { id: number }).id;
    tamper(`UPDATE claims SET state = 'verified', verdict = 'true' WHERE id = ${draft}`);
    expect((await verifyAuditChain(desk.db)).problems.map((p) => p.reason)).toEqual([
      `Claim #${draft} is verified, but its latest sign-off (#4, submit) left it draft`,
      `Claim #${draft} carries the verdict “true”, but its latest sign-off (#4, submit) recorded no verdict`,
    ]);
  });

  it("records the whole citation's hash at signing time, in the chained content", async () => {
    const link = sqlite.prepare("SELECT quote_hash AS quoteHash, citation_hash AS citationHash FROM signoff_citations WHERE signoff_id = 1").get() as {
      quoteHash: string;
      citationHash: string;
    };
    const row = sqlite.prepare("SELECT * FROM citations WHERE id = ?").get(originId) as Record<string, string | number | null>;
    expect(link.citationHash).toBe(
      citationHash({
        claimId: row.claim_id as number, kind: "origin", url: row.url as string, documentRef: null, title: row.title as string, publisher: row.publisher as string,
        quote: row.quote as string, accessedAt: row.accessed_at as string, articleId: row.article_id as number, quoteStart: row.quote_start as number, quoteEnd: row.quote_end as number,
      }),
    );
    expect(link.citationHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("still verifies sign-offs recorded before citation hashes (links without one vouch for the quote only)", async () => {
    const legacy = unwrap(
      await transact(desk.db, async (tx) =>
        appendSignoff(tx, {
          claimId, action: "return", fromState: "verified", toState: "draft", userId: desk.editorC.id, note: "Legacy row", verdict: null,
          claimVersion: 4, textHash: sha256Hex(unwrap(await submitClaim(desk.db, desk.reporter, { text: "Just for the text hash here.", citations: [originCitation(desk.articleId)] })).text),
          round: 2, citations: [{ id: attachedId, quoteHash: sha256Hex(citation().quote) }],
        }),
      ),
    );
    tamper(`UPDATE claims SET state = 'draft', verdict = NULL, round = 2, version = 4 WHERE id = ${claimId}`);
    expect(sqlite.prepare("SELECT citation_hash AS h FROM signoff_citations WHERE signoff_id = ?").get(legacy.id)).toEqual({ h: null });
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true });
    tamper(`UPDATE citations SET quote = 'changed' WHERE id = ${attachedId}`);
    expect((await verifyAuditChain(desk.db)).problems.map((p) => p.signoffId)).toEqual([3, legacy.id]);
  });
});

describe("verifyAuditChain with an anchor", () => {
  it("fails when the history was rewritten and re-hashed after the head was recorded, which nothing else can see", async () => {
    const recorded = (await verifyAuditChain(desk.db)).headHash;
    rewriteHistory(desk.db, (row) => (row.id === 2 ? { note: "Rubber-stamped" } : null));
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true });
    const report = await verifyAuditChain(desk.db, { expectHead: recorded });
    expect(report).toMatchObject({ ok: false, anchor: { hash: recorded, signoffId: null } });
    expect(report.problems).toEqual([{ signoffId: null, claimId: null, citationId: null, reason: expect.stringContaining(`The expected head ${recorded} is not in the chain`) }]);
  });

  it("passes when sign-offs were only appended after the head was recorded", async () => {
    const recorded = (await verifyAuditChain(desk.db)).headHash;
    await submit(desk, desk.reporter, "A third claim made after the head was recorded.");
    expect(await verifyAuditChain(desk.db, { expectHead: recorded.toUpperCase() })).toMatchObject({ ok: true, count: 5, anchor: { hash: recorded, signoffId: 4 } });
    expect(await verifyAuditChain(createDesk().db, { expectHead: GENESIS_HASH })).toMatchObject({ ok: true, anchor: { signoffId: 0 } });
  });
});

describe("text with lone UTF-16 surrogates", () => {
  it("is stored and hashed well-formed (U+FFFD), so the chain verifies", async () => {
    const claim = unwrap(
      await submitClaim(desk.db, desk.reporter, {
        text: "A claim whose text has a lone \ud800 surrogate.",
        note: "x \ud800 y",
        citations: [citation({ kind: "origin", quote: "quoted \udc00 passage", title: "Title \ud83d", publisher: "Pub \udfff" })],
      }),
    );
    expect(claim.text).toBe("A claim whose text has a lone \ufffd surrogate.");
    expect(claim.citations[0]).toMatchObject({ quote: "quoted \ufffd passage", title: "Title \ufffd", publisher: "Pub \ufffd" });
    unwrap(await transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "ok \udbff", citationIds: [claim.citations[0]!.id], expectedVersion: 1 }));
    const notes = sqlite.prepare("SELECT note FROM signoffs WHERE claim_id = ? ORDER BY id").all(claim.id);
    expect(notes).toEqual([{ note: "x \ufffd y" }, { note: "ok \ufffd" }]);
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: 6 });
  });

  it("keeps real surrogate pairs (emoji) as they are", async () => {
    const claim = unwrap(await submitClaim(desk.db, desk.reporter, { text: "A claim with an emoji 😀 in it.", note: "👍", citations: [citation({ kind: "origin" })] }));
    expect(claim.text).toBe("A claim with an emoji 😀 in it.");
    expect(await verifyAuditChain(desk.db)).toMatchObject({ ok: true });
  });
});

describe("signoffHash", () => {
  it("is sha256 of the previous hash followed by the canonical JSON of the content, citations sorted by id", async () => {
    const content: SignoffChainContent = {
      id: 1, claimId: 7, action: "verify", fromState: "reviewed", toState: "verified", userId: 3, note: "ok", verdict: "true",
      claimVersion: 3, textHash: "t", round: 1, citations: [{ id: 9, quoteHash: "b", citationHash: "d" }, { id: 2, quoteHash: "a", citationHash: "c" }], createdAt: "2024-01-01T00:00:00.000Z",
    };
    const expectedJson =
      '{"action":"verify","citations":[{"citationHash":"c","id":2,"quoteHash":"a"},{"citationHash":"d","id":9,"quoteHash":"b"}],"claimId":7,"claimVersion":3,' +
      '"createdAt":"2024-01-01T00:00:00.000Z","fromState":"reviewed","id":1,"note":"ok","round":1,"textHash":"t","toState":"verified","userId":3,"verdict":"true"}';
    const expected = createHash("sha256").update(GENESIS_HASH + expectedJson).digest("hex");
    expect(signoffHash(GENESIS_HASH, content)).toBe(expected);
    expect(signoffHash("1".repeat(64), content)).not.toBe(expected);
  });

  it("hashes links without a citation hash exactly as before it existed, so older rows still verify", async () => {
    const content: SignoffChainContent = {
      id: 1, claimId: 7, action: "verify", fromState: "reviewed", toState: "verified", userId: 3, note: "ok", verdict: "true",
      claimVersion: 3, textHash: "t", round: 1, citations: [{ id: 9, quoteHash: "b", citationHash: null }, { id: 2, quoteHash: "a" }], createdAt: "2024-01-01T00:00:00.000Z",
    };
    const expectedJson =
      '{"action":"verify","citations":[{"id":2,"quoteHash":"a"},{"id":9,"quoteHash":"b"}],"claimId":7,"claimVersion":3,' +
      '"createdAt":"2024-01-01T00:00:00.000Z","fromState":"reviewed","id":1,"note":"ok","round":1,"textHash":"t","toState":"verified","userId":3,"verdict":"true"}';
    expect(signoffHash(GENESIS_HASH, content)).toBe(createHash("sha256").update(GENESIS_HASH + expectedJson).digest("hex"));
  });

  it("canonical JSON sorts nested keys and has no whitespace", async () => {
    expect(canonicalJson({ b: [1, { d: null, c: "x y" }], a: true })).toBe('{"a":true,"b":[1,{"c":"x y","d":null}]}');
  });
});
