import type { Page } from "@playwright/test";
import { test, expect, e2eDb, demoActor, must, signInAs, seriousA11yViolations } from "./fixtures";
import { submitClaim } from "@/lib/workflow";

/*
 * Issue #12 item 6: from a queue view, open a claim, sign off, go on to the next claim of that view
 * with one key or button; j/k move through the view on the claim page too.
 */

const origin = (quote: string) => ({ kind: "origin" as const, url: "https://news.example/transit", title: "Transit board minutes", publisher: "Harbour Post", quote, accessedAt: "2024-05-01" });

const actions = (page: Page) => page.getByRole("complementary", { name: "Actions" });
const claimId = (page: Page) => Number(new URL(page.url()).pathname.split("/").at(-1));

test.describe("sign off and next", () => {
  test("from a drafts view: sign off and next, then j/k, then a plain sign-off and j", async ({ page }) => {
    const tag = `next${Date.now().toString(36)}`;
    const reporter = demoActor("reporter");
    // Four drafts of this test only, oldest first in the view "drafts matching the tag".
    const drafts = await Promise.all([1, 2, 3, 4].map(async (n) => must(await submitClaim(e2eDb(), reporter, { text: `The transit board cut ${n * 10} routes in 2023 (${tag}).`, citations: [origin(`cut ${n * 10} routes`)] }))));
    const ids = drafts.map((claim) => claim.id);
    const view = `state=draft&q=${tag}`;

    await signInAs(page, "editor");
    await page.goto(`/queue?${view}`);
    await page.getByRole("link", { name: `The transit board cut 10 routes in 2023 (${tag}).` }).filter({ visible: true }).click();
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[0]}\\?view=`));
    const nav = page.getByRole("navigation", { name: "This view" });
    await expect(nav.getByText("First in this view")).toBeVisible();
    await expect(nav.getByRole("link", { name: `Next claim in this view: #${ids[1]} (j)` })).toBeVisible();

    // Sign off and next: the review is made, and the next draft of the view opens.
    const review = actions(page).getByRole("form", { name: "Review claim" });
    await review.getByLabel("Review note").fill("Matches the board's minutes; j typed here moves nothing.");
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[0]}\\?`));
    await review.getByLabel("Transit board minutes").check();
    await review.getByRole("button", { name: "Sign off and next" }).click();
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[1]}\\?view=`));
    await expect(page.getByRole("heading", { name: `Claim #${ids[1]}` })).toBeVisible();
    const first = e2eDb().$client.prepare<[number], { state: string }>("SELECT state FROM claims WHERE id = ?").get(ids[0]!);
    expect(first?.state).toBe("reviewed");

    // The reviewed claim has left the view; the second draft's previous is now nothing before it in the view.
    await expect(nav.getByText("First in this view")).toBeVisible();
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[2]}\\?view=`));
    await page.keyboard.press("k");
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[1]}\\?view=`));

    // A plain sign-off offers the next claim; one key (j) takes you there.
    const again = actions(page).getByRole("form", { name: "Review claim" });
    await again.getByLabel("Review note").fill("Checked.");
    await again.getByLabel("Transit board minutes").check();
    await again.getByRole("button", { name: "Sign off as reviewed" }).click();
    await expect(actions(page).getByText("Signed off as reviewed.")).toBeVisible();
    await expect(actions(page).getByRole("link", { name: `Next claim in this view (#${ids[2]})` })).toBeVisible();
    expect(claimId(page)).toBe(ids[1]);
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[2]}\\?view=`));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The last claim of the view says so, and links back to the view.
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/claims/${ids[3]}\\?view=`));
    await expect(nav.getByText("Last in this view")).toBeVisible();
    await nav.getByRole("link", { name: "Back to the view" }).click();
    await expect(page).toHaveURL(new RegExp(`/queue\\?state=draft&q=${tag}$`));
  });

  test("without a view, the claim page has no view navigation and j does nothing", async ({ page }) => {
    const claim = must(await submitClaim(e2eDb(), demoActor("reporter"), { text: `A claim opened on its own (${Date.now()}).`, citations: [origin("on its own")] }));
    await signInAs(page, "editor");
    await page.goto(`/claims/${claim.id}`);
    await expect(page.getByRole("heading", { name: `Claim #${claim.id}` })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "This view" })).toHaveCount(0);
    await expect(actions(page).getByRole("button", { name: "Sign off and next" })).toHaveCount(0);
    await page.keyboard.press("j");
    await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  });
});
