import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { GENESIS_HASH, signoffHash, verifyAuditChain, type SignoffChainContent } from "./audit";
import { canonicalJson } from "./hash";
import { citation, createDesk, submit, unwrap, type Desk } from "./test-fixtures";
import { transitionClaim } from "./transition";

let desk: Desk;
let sqlite: Desk["db"]["$client"];

/** Four sign-offs: submit #1, review #2, verify #3 (two citations), submit #4. */
beforeEach(() => {
  desk = createDesk();
  sqlite = desk.db.$client;
  let claim = submit(desk);
  claim = unwrap(transitionClaim(desk.db, desk.editorA, claim.id, { action: "review", note: "Looks right", citationIds: [claim.citations[0]!.id], expectedVersion: 1 }));
  unwrap(
    transitionClaim(desk.db, desk.editorB, claim.id, {
      action: "verify",
      note: "Confirmed",
      verdict: "true",
      citationIds: [claim.citations[0]!.id],
      citations: [citation()],
      expectedVersion: 2,
    }),
  );
  submit(desk, desk.otherReporter, "A second claim for the chain.");
});

const tamper = (statements: string) => sqlite.exec(statements);

describe("the database refuses to rewrite sign-offs", () => {
  it.each([
    "UPDATE signoffs SET note = 'rewritten' WHERE id = 2",
    "UPDATE signoffs SET verdict = 'false'",
    "DELETE FROM signoffs WHERE id = 4",
    "DELETE FROM signoffs",
    "UPDATE signoff_citations SET quote_hash = 'x'",
    "DELETE FROM signoff_citations WHERE signoff_id = 3",
  ])("%s fails", (statement) => {
    expect(() => tamper(statement)).toThrow(/append-only/);
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: true, count: 4 });
  });

  it("PRAGMA writable_schema cannot be used to strip the triggers", () => {
    sqlite.pragma("writable_schema = ON");
    expect(() => tamper("DELETE FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'signoffs'")).toThrow(/may not be modified/);
    expect(() => tamper("UPDATE sqlite_master SET sql = NULL WHERE name = 'signoffs_no_update'")).toThrow(/may not be modified/);
    sqlite.pragma("writable_schema = OFF");
    expect(() => tamper("UPDATE signoffs SET note = 'x' WHERE id = 1")).toThrow(/append-only/);
  });
});

describe("verifyAuditChain", () => {
  it("passes an intact chain and reports its head", () => {
    const report = verifyAuditChain(desk.db);
    const last = sqlite.prepare("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1").get() as { hash: string };
    expect(report).toEqual({ ok: true, count: 4, headHash: last.hash });
  });

  it("passes an empty table", () => {
    expect(verifyAuditChain(createDesk().db)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it("names the row whose note was rewritten around the trigger", () => {
    tamper("DROP TRIGGER signoffs_no_update; UPDATE signoffs SET note = 'Never checked' WHERE id = 2;");
    expect(verifyAuditChain(desk.db)).toEqual({ ok: false, count: 1, brokenId: 2, reason: expect.stringContaining("does not match its hash") });
  });

  it.each([
    ["the verdict", "verdict = 'false'"],
    ["the signer", "user_id = 1"],
    ["the time", "created_at = '2000-01-01T00:00:00.000Z'"],
    ["the approved version", "claim_version = 9"],
    ["the text hash", `text_hash = '${"a".repeat(64)}'`],
  ])("catches a change to %s", (_what, assignment) => {
    tamper(`DROP TRIGGER signoffs_no_update; UPDATE signoffs SET ${assignment} WHERE id = 3;`);
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("catches a rewritten row whose own hash was recomputed: the next row no longer follows it", () => {
    const row = sqlite.prepare("SELECT * FROM signoffs WHERE id = 2").get() as Record<string, string | number | null>;
    const links = sqlite.prepare("SELECT citation_id AS id, quote_hash AS quoteHash FROM signoff_citations WHERE signoff_id = 2").all() as SignoffChainContent["citations"];
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
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, count: 2, brokenId: 3, reason: expect.stringContaining("does not follow") });
  });

  it("catches a citation link changed, added or removed around the triggers", () => {
    tamper("DROP TRIGGER signoff_citations_no_update; UPDATE signoff_citations SET quote_hash = 'forged' WHERE signoff_id = 3 AND citation_id = (SELECT min(citation_id) FROM signoff_citations WHERE signoff_id = 3);");
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("catches a citation link added to a sign-off", () => {
    tamper("INSERT INTO signoff_citations (signoff_id, citation_id, quote_hash) SELECT 2, id, quote_hash FROM citations WHERE id NOT IN (SELECT citation_id FROM signoff_citations WHERE signoff_id = 2) LIMIT 1;");
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 2 });
  });

  it("catches a citation link removed from a sign-off", () => {
    tamper("DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 3 AND citation_id = (SELECT max(citation_id) FROM signoff_citations WHERE signoff_id = 3);");
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it("names the sign-off and citation whose quoted passage was edited afterwards (citations have no trigger)", () => {
    const first = sqlite.prepare("SELECT min(citation_id) AS id FROM signoff_citations WHERE signoff_id = 1").get() as { id: number };
    sqlite.prepare("UPDATE citations SET quote = 'A passage nobody signed off on' WHERE id = ?").run(first.id);
    const report = verifyAuditChain(desk.db);
    expect(report).toEqual({ ok: false, count: 0, brokenId: 1, reason: expect.stringContaining(`citation #${first.id}`) });
    if (!report.ok) expect(report.reason).toMatch(/quoted passage was changed/);
  });

  it("catches a quote edited together with its stored hash, at the first sign-off resting on it", () => {
    const only = sqlite.prepare("SELECT max(citation_id) AS id FROM signoff_citations WHERE signoff_id = 3").get() as { id: number };
    const quote = "A passage nobody signed off on";
    sqlite.prepare("UPDATE citations SET quote = ?, quote_hash = ? WHERE id = ?").run(quote, createHash("sha256").update(quote).digest("hex"), only.id);
    expect(verifyAuditChain(desk.db)).toEqual({ ok: false, count: 2, brokenId: 3, reason: expect.stringContaining(`citation #${only.id}`) });
  });

  it("catches a citation's stored quote hash changed while the quote stays", () => {
    const first = sqlite.prepare("SELECT min(citation_id) AS id FROM signoff_citations WHERE signoff_id = 1").get() as { id: number };
    sqlite.prepare("UPDATE citations SET quote_hash = ? WHERE id = ?").run("e".repeat(64), first.id);
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 1, reason: expect.stringContaining("stored quote hash") });
  });

  it("catches a row deleted from the middle at the row after it", () => {
    tamper("DROP TRIGGER signoffs_no_delete; DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 2; DELETE FROM signoffs WHERE id = 2;");
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, count: 1, brokenId: 3, reason: expect.stringContaining("does not follow") });
  });

  it("catches rows deleted from the end through the table's sequence", () => {
    tamper("DROP TRIGGER signoffs_no_delete; DROP TRIGGER signoff_citations_no_delete; DELETE FROM signoff_citations WHERE signoff_id = 4; DELETE FROM signoffs WHERE id = 4;");
    expect(verifyAuditChain(desk.db)).toEqual({ ok: false, count: 3, brokenId: 4, reason: expect.stringContaining("deleted from the end") });
  });

  it("catches a forged row appended with a made-up hash", () => {
    const last = sqlite.prepare("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1").get() as { hash: string };
    sqlite
      .prepare(
        `INSERT INTO signoffs (claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         VALUES (1, 'return', 'verified', 'draft', ?, 'forged', NULL, 9, 'x', 2, ?, ?, '2030-01-01T00:00:00.000Z')`,
      )
      .run(desk.admin.id, last.hash, "f".repeat(64));
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, count: 4, brokenId: 5 });
  });

  it("catches a forged row slipped in before the real one", () => {
    tamper("PRAGMA foreign_keys = OFF; DROP TRIGGER signoffs_no_update; UPDATE signoffs SET id = id + 100 WHERE id = 4;");
    sqlite
      .prepare(
        `INSERT INTO signoffs (id, claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         SELECT 4, claim_id, action, from_state, to_state, user_id, 'forged', verdict, claim_version, text_hash, round, prev_hash, 'g' || hash, created_at FROM signoffs WHERE id = 104`,
      )
      .run();
    expect(verifyAuditChain(desk.db)).toMatchObject({ ok: false, brokenId: 4 });
  });

  it("changes its head when someone appends a perfectly forged row, so an anchored head exposes it", () => {
    // A chain with no external anchor cannot tell a correctly re-hashed forgery from the real thing;
    // that is why the report carries headHash for operators to record elsewhere.
    const before = verifyAuditChain(desk.db);
    const last = sqlite.prepare("SELECT id, hash FROM signoffs ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string };
    const forged: SignoffChainContent = {
      id: last.id + 1, claimId: 1, action: "return", fromState: "verified", toState: "draft", userId: desk.admin.id,
      note: "forged", verdict: null, claimVersion: 9, textHash: "x", round: 2, citations: [], createdAt: "2030-01-01T00:00:00.000Z",
    };
    const { citations: _none, ...row } = forged;
    sqlite
      .prepare(
        `INSERT INTO signoffs (id, claim_id, action, from_state, to_state, user_id, note, verdict, claim_version, text_hash, round, prev_hash, hash, created_at)
         VALUES (@id, @claimId, @action, @fromState, @toState, @userId, @note, @verdict, @claimVersion, @textHash, @round, @prevHash, @hash, @createdAt)`,
      )
      .run({ ...row, prevHash: last.hash, hash: signoffHash(last.hash, forged) });
    const after = verifyAuditChain(desk.db);
    expect(after).toMatchObject({ ok: true, count: 5 });
    expect(before.ok && after.ok && after.headHash !== before.headHash).toBe(true);
  });
});

describe("signoffHash", () => {
  it("is sha256 of the previous hash followed by the canonical JSON of the content, citations sorted by id", () => {
    const content: SignoffChainContent = {
      id: 1, claimId: 7, action: "verify", fromState: "reviewed", toState: "verified", userId: 3, note: "ok", verdict: "true",
      claimVersion: 3, textHash: "t", round: 1, citations: [{ id: 9, quoteHash: "b" }, { id: 2, quoteHash: "a" }], createdAt: "2024-01-01T00:00:00.000Z",
    };
    const expectedJson =
      '{"action":"verify","citations":[{"id":2,"quoteHash":"a"},{"id":9,"quoteHash":"b"}],"claimId":7,"claimVersion":3,' +
      '"createdAt":"2024-01-01T00:00:00.000Z","fromState":"reviewed","id":1,"note":"ok","round":1,"textHash":"t","toState":"verified","userId":3,"verdict":"true"}';
    expect(canonicalJson({ ...content, citations: [...content.citations].sort((a, b) => a.id - b.id) })).toBe(expectedJson);
    const expected = createHash("sha256").update(GENESIS_HASH + expectedJson).digest("hex");
    expect(signoffHash(GENESIS_HASH, content)).toBe(expected);
    expect(signoffHash("1".repeat(64), content)).not.toBe(expected);
  });

  it("canonical JSON sorts nested keys and has no whitespace", () => {
    expect(canonicalJson({ b: [1, { d: null, c: "x y" }], a: true })).toBe('{"a":true,"b":[1,{"c":"x y","d":null}]}');
  });
});
