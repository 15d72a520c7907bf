import { describe, expect, it } from "vitest";
import { BOM } from "@/lib/export/claims-csv";
import { parseCsv } from "@/lib/export/parse-csv";
import { assignClaim } from "@/lib/workflow";
import { createDesk, submit, unwrap } from "@/lib/workflow/test-fixtures";
import { createTestUser } from "@/lib/testing/db";
import { DASHBOARD_TABLES, dashboardCsv, dashboardFileName, dashboardRecords } from "./csv";
import { deskStats } from "./stats";

describe("the dashboard's tables as CSV", () => {
  it("writes each table with the page's numbers: BOM, header, CRLF, accents and commas intact, typed text made safe", async () => {
    const desk = createDesk();
    const editor = createTestUser(desk.db, "editor", "Núñez, José");
    const claim = await submit(desk, desk.reporter, "=HYPERLINK(\"x\") Johnson was 63, not 62.");
    unwrap(await assignClaim(desk.db, desk.editorA, claim.id, { assigneeId: editor.id, expectedVersion: claim.version }));
    const today = new Date().toISOString().slice(0, 10);
    const stats = await deskStats(desk.db, desk.editorA, { from: today, to: today });

    const people = dashboardCsv(stats, "per-person");
    expect(people.startsWith(BOM)).toBe(true);
    expect(people).toContain('"Núñez, José",Editor,1,1,0\r\n');
    const records = parseCsv(people.slice(BOM.length));
    expect(records[0]).toEqual(["Person", "Role", "Assigned", "To review", "To verify"]);
    const row = records.find((record) => record[0] === "Núñez, José")!;
    const figures = stats.perPerson.find((person) => person.userId === editor.id)!;
    expect(row.slice(2).map(Number)).toEqual([figures.assigned, figures.awaitingReview, figures.awaitingVerify]);

    expect(parseCsv(dashboardCsv(stats, "counts").slice(1))).toEqual([["State", "Claims"], ["Draft", "1"], ["Reviewed", "0"], ["Verified", "0"]]);
    expect(parseCsv(dashboardCsv(stats, "per-day").slice(1))).toEqual([["Day", "Submitted", "Verified", "Published"], [today, "1", "0", "0"]]);
    const waiting = parseCsv(dashboardCsv(stats, "longest-waiting").slice(1));
    expect(waiting[1]![2]).toBe("'=HYPERLINK(\"x\") Johnson was 63, not 62.");
    expect(waiting[1]![5]).toBe("Núñez, José");
    expect(dashboardRecords(stats, "time-in-state")[1]).toEqual(["Draft → reviewed", "", "", "0"]);
    for (const table of DASHBOARD_TABLES) expect(dashboardCsv(stats, table).endsWith("\r\n")).toBe(true);
    expect(dashboardFileName(stats, "per-day")).toBe(`factdesk-dashboard-per-day-${today}-to-${today}.csv`);
    expect(dashboardFileName(await deskStats(desk.db, desk.reporter, { from: today, to: today }), "counts")).toBe(`factdesk-dashboard-counts-own-${today}-to-${today}.csv`);
  });
});
