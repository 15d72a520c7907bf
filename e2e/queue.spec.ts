import type { Actor } from "@/lib/core/actor";
import { findUserByEmail } from "@/lib/users/users";
import { countClaimsByState, listClaims, submitClaim } from "@/lib/workflow";
import { DEMO, e2eDb, expect, seriousA11yViolations, signInAs, test, type DemoRole } from "./fixtures";

async function actorFor(role: DemoRole): Promise<Actor> {
  const user = await findUserByEmail(e2eDb(), DEMO[role].email);
  if (!user) throw new Error(`No demo user ${role}`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

async function submitAs(role: DemoRole, text: string) {
  const result = await submitClaim(e2eDb(), await actorFor(role), {
    text,
    citations: [{ kind: "origin", title: "Desk notes", documentRef: "Interview notes, June 2018", quote: text }],
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const rows = (page: import("@playwright/test").Page) => page.locator("tbody tr[data-kb-row]");

test.describe("the queue", () => {
  test("shows counts per state as tabs; a tab and a search narrow the table", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/queue");
    await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();

    const counts = await countClaimsByState(e2eDb());
    const tabs = page.getByRole("navigation", { name: "Claim states" });
    await expect(tabs.getByRole("link", { name: new RegExp(`^All ${counts.total} claims?$`) })).toHaveAttribute("aria-current", "page");
    for (const [label, count] of [["Draft", counts.draft], ["Reviewed", counts.reviewed], ["Verified", counts.verified]] as const) {
      await expect(tabs.getByRole("link", { name: new RegExp(`^${label} ${count} claims?$`) })).toBeVisible();
    }
    await expect(rows(page)).toHaveCount(Math.min(counts.total, 25));
    expect(await seriousA11yViolations(page)).toEqual([]);

    await tabs.getByRole("link", { name: /^Reviewed/ }).click();
    await expect(page).toHaveURL(/state=reviewed/);
    await expect(tabs.getByRole("link", { name: /^Reviewed/ })).toHaveAttribute("aria-current", "page");
    await expect(rows(page)).toHaveCount(counts.reviewed);
    for (const row of await rows(page).all()) await expect(row.getByText("Reviewed", { exact: true })).toBeVisible();

    await tabs.getByRole("link", { name: /^All/ }).click();
    // Wait for the All tab to land: the search form carries the current state, and searching from the
    // Reviewed tab still on screen would search reviewed claims only.
    await expect(tabs.getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
    await expect(page).not.toHaveURL(/state=/);
    await page.getByLabel("Search claims").fill("pardoned");
    await page.getByLabel("Search claims").press("Enter");
    await expect(page).toHaveURL(/q=pardoned/);
    // Other suites add claims to this database (the corpus upload may claim a "pardon" sentence), so
    // the table must show exactly what the search finds, and the demo claim among them.
    const found = await listClaims(e2eDb(), { q: "pardoned" });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.data.length).toBeGreaterThan(0);
    expect(found.value.data.length).toBeLessThan(counts.total);
    await expect(rows(page)).toHaveCount(found.value.data.length);
    await expect(rows(page).filter({ hasText: "President Trump pardoned Alice Johnson." })).toHaveCount(1);
    for (const row of await rows(page).all()) await expect(row).toContainText(/pardon/i);

    await page.getByLabel("Search claims").fill("zebra-unicorn-nothing");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByText("No claims match these filters")).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("filters by verdict and by submitter", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/queue");
    await page.getByLabel("Verdict").selectOption({ label: "Misleading" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/verdict=misleading/);
    const expected = await listClaims(e2eDb(), { verdict: "misleading" });
    if (!expected.ok) throw new Error(expected.error.message);
    await expect(rows(page)).toHaveCount(expected.value.data.length);
    for (const row of await rows(page).all()) await expect(row.getByText("Misleading", { exact: true })).toBeVisible();

    const mine = await submitAs("editor2", `Elena's own queue filter check ${Date.now()}`);
    await page.goto("/queue");
    await page.getByLabel("Submitter").selectOption({ label: DEMO.editor2.name });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows(page).filter({ hasText: mine.text })).toHaveCount(1);
    for (const row of await rows(page).all()) await expect(row).toContainText(DEMO.editor2.name);
  });

  test("j and k move through the rows, Enter opens the selected claim, typing in the search box is left alone", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/queue");
    const first = rows(page).nth(0);
    const second = rows(page).nth(1);

    await page.getByLabel("Search claims").fill("jk");
    await expect(page.getByLabel("Search claims")).toHaveValue("jk");
    await expect(page.locator("tr[data-active]")).toHaveCount(0);
    await page.getByLabel("Search claims").blur();

    await page.keyboard.press("j");
    await expect(first).toHaveAttribute("data-active", "");
    await expect(first.getByRole("link")).toBeFocused();
    await page.keyboard.press("j");
    await expect(second).toHaveAttribute("data-active", "");
    await expect(first).not.toHaveAttribute("data-active", "");
    await page.keyboard.press("k");
    await expect(first).toHaveAttribute("data-active", "");

    const id = await first.getAttribute("data-claim-id");
    await page.keyboard.press("Enter");
    // The claim opens in the queue's view (?view=<its query>), so the claim page can lead to the next one.
    await expect(page).toHaveURL(new RegExp(`/claims/${id}\\?view=`));
    await expect(page.getByRole("heading", { level: 1, name: `Claim #${id}` })).toBeVisible();
  });

  test("Next and Previous page follow the opaque cursors", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/queue?limit=2");
    await expect(rows(page)).toHaveCount(2);
    const firstPage = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-claim-id")));
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows(page)).toHaveCount(2);
    const secondPage = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-claim-id")));
    expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);
    // Oldest first, by when each claim was submitted (not its id: the demo history is spread over weeks).
    const oldestFour = await listClaims(e2eDb(), {}, { limit: 4 });
    if (!oldestFour.ok) throw new Error(oldestFour.error.message);
    expect([...firstPage, ...secondPage]).toEqual(oldestFour.value.data.map((c) => String(c.id)));
    const pages = page.getByRole("navigation", { name: "Pages" });
    await pages.getByRole("link", { name: "Previous page" }).click();
    await expect(rows(page).first()).toHaveAttribute("data-claim-id", firstPage[0]!);
    expect(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-claim-id")))).toEqual(firstPage);
    // Back on the first page there is nothing before it.
    await expect(pages.getByRole("link", { name: "Previous page" })).toHaveCount(0);
    await expect(pages.getByRole("link", { name: "First page" })).toHaveCount(0);
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(rows(page).first()).toHaveAttribute("data-claim-id", secondPage[0]!);
    await pages.getByRole("link", { name: "First page" }).click();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows(page).first()).toHaveAttribute("data-claim-id", firstPage[0]!);
  });

  test("a reporter's home lists only their own claims", async ({ page }) => {
    const others = await submitAs("editor", `An editor's claim the reporter should not see ${Date.now()}`);
    await signInAs(page, "reporter");
    await page.goto("/queue");
    await expect(page.getByRole("heading", { level: 1, name: "My claims" })).toBeVisible();
    const reporter = await actorFor("reporter");
    const counts = await countClaimsByState(e2eDb(), { submitterId: reporter.id });
    await expect(page.getByRole("navigation", { name: "Claim states" }).getByRole("link", { name: new RegExp(`^All ${counts.total} claims?$`) })).toBeVisible();
    await expect(rows(page)).toHaveCount(Math.min(counts.total, 25));
    await expect(page.getByText(others.text)).toHaveCount(0);
    await expect(page.getByLabel("Submitter")).toHaveCount(0);
    // Even a hand-written submitter filter cannot widen a reporter's home.
    await page.goto(`/queue?submitterId=${(await actorFor("editor")).id}`);
    await expect(page.getByText(others.text)).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
