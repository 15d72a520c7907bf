import { describe, expect, it } from "vitest";
import { tablesOf } from "@/db/tables";
import { onEveryEngine } from "@/lib/testing/engines";
import { recordAuditVerification } from "@/lib/workflow/audit-log";
import { formatBytes, systemOverview } from "./system";

onEveryEngine("systemOverview", (database, engine) => {
  it("reports the version, the database and its size, the last backup, the audit head and its last verification, and the outbox consumers", async () => {
    const db = database();
    const { backups } = tablesOf(db);
    const empty = await systemOverview(db, ["revalidate-pages"]);
    expect(empty).toMatchObject({ version: "0.1.0", apiVersion: "1", lastBackup: null, audit: { headId: null, headHash: null, signoffs: 0, lastVerification: null } });
    expect(empty.database.bytes).toBeGreaterThan(0);
    expect(empty.database.file).toMatch(engine === "SQLite" ? /^(:memory:|.+)$/ : /^PostgreSQL database \S+$/);
    expect(empty.outbox.map((row) => row.consumer)).toEqual(["events:revalidate-pages", "deliveries:webhook", "deliveries:email", "deliveries:digest"]);

    await db.insert(backups).values({ finishedAt: "2026-03-01T10:00:00.000Z", target: "/backups/a.db", bytes: 10, signoffs: 0, headHash: "0".repeat(64) });
    await db.insert(backups).values({ finishedAt: "2026-03-02T10:00:00.000Z", target: "/backups/b.db", bytes: 20, signoffs: 0, headHash: "0".repeat(64) });
    await recordAuditVerification(db, { ok: true, count: 0, headHash: "0".repeat(64) }, null, "cli", new Date("2026-03-02T11:00:00.000Z"));
    const later = await systemOverview(db, []);
    expect(later.lastBackup).toMatchObject({ target: "/backups/b.db", bytes: 20 });
    expect(later.audit.lastVerification).toMatchObject({ ok: true, source: "cli", verifiedAt: "2026-03-02T11:00:00.000Z" });
  });
});

describe("formatBytes", () => {
  it("formats sizes for people", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(250 * 1024 * 1024)).toBe("250 MB");
  });
});
