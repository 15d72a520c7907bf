import { expect, it } from "vitest";
import { createUserOn, onEveryEngine } from "@/lib/testing/engines";
import { latestAuditVerification, recordAuditVerification } from "./audit-log";

onEveryEngine("audit verification log", (database) => {
  it("is empty until the chain is first checked, then shows the latest run, by whom or the CLI, and its head", async () => {
    const db = database();
    expect(await latestAuditVerification(db)).toBeNull();
    const admin = await createUserOn(db, "admin", "Ada Admin");
    await recordAuditVerification(db, { ok: true, count: 3, headHash: "a".repeat(64), problems: [] }, admin.id, "desk", new Date("2026-01-05T10:00:00Z"));
    expect(await latestAuditVerification(db)).toMatchObject({ ok: true, count: 3, headHash: "a".repeat(64), verifiedByName: "Ada Admin", source: "desk", problemCount: 0 });
    await recordAuditVerification(db, { ok: false, count: 4, headHash: "b".repeat(64), problems: [{}, {}] }, null, undefined, new Date("2026-01-05T11:00:00Z"));
    expect(await latestAuditVerification(db)).toMatchObject({
      ok: false,
      count: 4,
      problemCount: 2,
      verifiedById: null,
      verifiedByName: null,
      source: "cli",
      verifiedAt: "2026-01-05T11:00:00.000Z",
    });
  });
});
