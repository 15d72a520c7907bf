import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { firstRow, tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { countClaimsByState, verifyAuditChain } from "@/lib/workflow";
import { loadDemoDesk } from "./load";

onEveryEngine(
  "demo:load",
  (database) => {
    it("fills a desk through the domain functions in batch transactions, reusing its people on a second load, with the chain intact", async () => {
      const db = database();
      const { claims, signoffs } = tablesOf(db);
      const first = await loadDemoDesk(db, { claims: 12, seed: 5 });
      const second = await loadDemoDesk(db, { claims: 8, seed: 5 });
      expect([first.claims, second.claims]).toEqual([12, 8]);
      expect((await firstRow(db.select({ n: count() }).from(claims)))?.n).toBe(20);
      expect((await firstRow(db.select({ n: count() }).from(signoffs)))?.n).toBe(first.signoffs + second.signoffs);
      const counts = await countClaimsByState(db);
      expect(counts.draft + counts.reviewed + counts.verified).toBe(20);
      expect(second.audit.ok).toBe(true);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });
  },
  { freshEach: true },
);
