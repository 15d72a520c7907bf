import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { citations, claimAssignments, claims, signoffs } from "@/db/schema";
import { createTestDb } from "@/lib/testing/db";
import { countClaimsByState, verifyAuditChain } from "@/lib/workflow";
import { loadDemoDesk } from "./load";

describe("demo:load", () => {
  it("fills a desk of the asked size in every state, about three sign-offs a claim, with the chain intact", async () => {
    const db = createTestDb();
    const progress: number[] = [];
    const report = await loadDemoDesk(db, { claims: 300, seed: 7, onProgress: (done) => progress.push(done) });

    expect(report.claims).toBe(300);
    expect(db.select({ n: sql<number>`count(*)` }).from(claims).get()?.n).toBe(300);
    const counts = await countClaimsByState(db);
    expect(counts.draft).toBeGreaterThan(0);
    expect(counts.reviewed).toBeGreaterThan(0);
    expect(counts.verified).toBeGreaterThan(0);
    expect(counts.draft + counts.reviewed + counts.verified).toBe(300);
    expect(report.byState).toEqual({ draft: counts.draft, reviewed: counts.reviewed, verified: counts.verified });

    const signoffCount = db.select({ n: sql<number>`count(*)` }).from(signoffs).get()?.n ?? 0;
    expect(signoffCount).toBe(report.signoffs);
    expect(signoffCount / 300).toBeGreaterThan(2.3);
    expect(signoffCount / 300).toBeLessThan(3.5);
    expect(db.select({ n: sql<number>`count(*)` }).from(claimAssignments).get()?.n).toBe(report.assignments);
    expect(report.assignments).toBeGreaterThan(0);
    expect(report.articles).toBe(Math.ceil(300 / 25));
    expect(progress.at(-1)).toBe(300);
    expect(report.audit.ok).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("goes through the rules: no claim was reviewed by its submitter or verified by its reviewer", async () => {
    const db = createTestDb();
    await loadDemoDesk(db, { claims: 120, seed: 3 });
    const fourEyes = db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM signoffs s JOIN claims c ON c.id = s.claim_id
      WHERE s.action = 'review' AND s.user_id = c.submitter_id`);
    const twoPerson = db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM signoffs v JOIN signoffs r
        ON r.claim_id = v.claim_id AND r.round = v.round AND r.action = 'review'
      WHERE v.action = 'verify' AND v.user_id = r.user_id`);
    expect(fourEyes?.n).toBe(0);
    expect(twoPerson?.n).toBe(0);
    // Every claim's origin citation quotes its article at the recorded offsets.
    const misplaced = db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM ${citations} ci JOIN articles a ON a.id = ci.article_id
      WHERE substr(a.body, ci.quote_start + 1, ci.quote_end - ci.quote_start) <> ci.quote`);
    expect(misplaced?.n).toBe(0);
  });

  it("can load twice into the same database, reusing its people", async () => {
    const db = createTestDb();
    await loadDemoDesk(db, { claims: 30, seed: 1 });
    const second = await loadDemoDesk(db, { claims: 30, seed: 1 });
    expect(second.claims).toBe(30);
    expect(db.select({ n: sql<number>`count(*)` }).from(claims).get()?.n).toBe(60);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses a size that is not a positive whole number", async () => {
    const db = createTestDb();
    await expect(loadDemoDesk(db, { claims: 0 })).rejects.toThrow(/whole number/);
    await expect(loadDemoDesk(db, { claims: 2.5 })).rejects.toThrow(/whole number/);
  });
});
