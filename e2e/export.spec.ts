import { readFile } from "node:fs/promises";
import { test, expect, e2eDb, demoActor, must, signInAs, seriousA11yViolations } from "./fixtures";
import { BOM, CLAIM_CSV_COLUMNS } from "@/lib/export/claims-csv";
import { parseCsv } from "@/lib/export/parse-csv";
import { createTestUser } from "@/lib/testing/db";
import { submitClaim, transitionClaim } from "@/lib/workflow";

const origin = (quote: string) => ({ kind: "origin", url: "https://news.example/cafe", title: "Café municipal", publisher: "Gazeta", quote, accessedAt: "2024-05-01" });

test.describe("queue export", () => {
  test("a filtered queue view downloads as CSV with exactly its rows, accents intact", async ({ page }) => {
    const db = e2eDb();
    const tag = `exp${Date.now().toString(36)}`;
    // A reporter with an accented name, made for this test.
    const jose = createTestUser(db, "reporter", `José Núñez ${tag}`);
    const drafts = await Promise.all(
      [1, 2, 3].map(async (n) => must(await submitClaim(db, jose, { text: `El café de la señora costó ${n} euros, según ${tag}.`, citations: [origin(`Costó ${n} euros`)] }))),
    );
    // Same search word, another state: the view (drafts only) must leave it out.
    const reviewed = must(await submitClaim(db, jose, { text: `Reviewed: the mayor's café opened in 2019 (${tag}).`, citations: [origin("opened in 2019")] }));
    must(await transitionClaim(db, demoActor("editor"), reviewed.id, { action: "review", note: "ok", citationIds: [reviewed.citations[0]!.id], expectedVersion: reviewed.version }));

    await signInAs(page, "editor");
    await page.goto(`/queue?state=draft&q=${tag}&sort=newest`);
    await expect(page.getByText(/costó 3 euros/).filter({ visible: true }).first()).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^factdesk-claims-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    const records = parseCsv(text.slice(BOM.length));
    expect(records[0]).toEqual([...CLAIM_CSV_COLUMNS]);
    const rows = records.slice(1);
    expect(rows.map((row) => Number(row[0]))).toEqual(drafts.map((claim) => claim.id).reverse());
    for (const row of rows) {
      expect(row[1]).toBe("Draft");
      expect(row[5]).toBe(`José Núñez ${tag}`);
      expect(row[3]).toMatch(/^El café de la señora costó \d euros/);
      expect(row[CLAIM_CSV_COLUMNS.indexOf("URL")]).toMatch(new RegExp(`/claims/${row[0]}$`));
    }
  });

  test("the export needs a signed-in session", async ({ page }) => {
    const response = await page.request.get("/queue/export", { maxRedirects: 0 });
    expect(response.status()).toBeGreaterThanOrEqual(300);
    expect(response.status()).toBeLessThan(400);
    expect(response.headers()["location"]).toContain("/sign-in");
  });

  test("the queue with its export and save controls has no serious axe violations", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/queue?state=draft");
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
