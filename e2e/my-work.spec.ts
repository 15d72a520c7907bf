import type { Page } from "@playwright/test";
import { assignClaim, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { DEMO, demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test, type DemoRole } from "./fixtures";

/** A claim of the reporter's, unique to this run, moved along the workflow by the given editors. */
async function reporterClaim(label: string): Promise<ClaimDetail> {
  const text = `${label} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text,
      citations: [{ kind: "origin", title: "Desk notes", documentRef: "Interview notes, June 2018", quote: text }],
    }),
  );
}

async function review(claim: ClaimDetail, by: DemoRole): Promise<ClaimDetail> {
  return must(await transitionClaim(e2eDb(), demoActor(by), claim.id, { action: "review", note: "Checked against the court record", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
}

async function sendBack(claim: ClaimDetail, by: DemoRole, note: string): Promise<ClaimDetail> {
  return must(await transitionClaim(e2eDb(), demoActor(by), claim.id, { action: "return", note, citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }));
}

const section = (page: Page, name: string | RegExp) => page.getByRole("region", { name });

/** Follows a My work section's link to the queue and searches it for `text`: the queue filter the section stands for. */
async function findThroughQueue(page: Page, sectionName: RegExp, text: string) {
  await section(page, sectionName).getByRole("link", { name: /in the queue/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await page.getByLabel("Search claims").fill(text);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=/);
}

test.describe("My work", () => {
  test("a reporter's returned draft shows who returned it and why at the top of My work and of the claim", async ({ page }) => {
    const reason = `Her age was 63, not 62: check the court record ${Date.now()}`;
    const claim = await sendBack(await review(await reporterClaim("Returned claim for My work"), "editor"), "editor2", reason);

    await signInAs(page, "reporter");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
    const returned = section(page, /^Returned to you/);
    const item = returned.getByRole("listitem").filter({ hasText: claim.text });
    await expect(item).toHaveCount(1);
    // The reason comes first in the item, before the claim itself.
    const firstLine = item.getByTestId("return-reason");
    await expect(firstLine).toContainText(`Returned by ${DEMO.editor2.name}`);
    await expect(firstLine).toContainText(reason);
    const [reasonBox, link] = await Promise.all([firstLine.boundingBox(), item.getByRole("link", { name: claim.text }).boundingBox()]);
    expect(reasonBox!.y).toBeLessThan(link!.y);
    // Reporters are not shown the editors' sections.
    await expect(section(page, /^Drafts you may review/)).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await item.getByRole("link", { name: claim.text }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Claim #${claim.id}` })).toBeVisible();
    const top = page.getByRole("region", { name: /^Returned by/ });
    await expect(top).toContainText(`Returned by ${DEMO.editor2.name}`);
    await expect(top).toContainText("ending round 1");
    await expect(top).toContainText(reason);
    const people = page.getByRole("definition");
    await expect(people.filter({ hasText: DEMO.reporter.name }).first()).toBeVisible();
    // Visible without scrolling: the return reason sits in the first screen.
    const box = await top.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(page.viewportSize()!.height);
  });

  test("the editor who reviewed a claim is not offered to verify it; another editor is", async ({ browser }) => {
    const claim = await review(await reporterClaim("Reviewed claim for the two-person rule"), "editor");

    const reviewer = await (await browser.newContext()).newPage();
    await signInAs(reviewer, "editor");
    await reviewer.goto("/");
    const mine = section(reviewer, /^Reviewed claims you may verify/);
    await expect(mine).toBeVisible();
    await expect(mine.getByText(claim.text)).toHaveCount(0);
    await expect(reviewer.getByText(claim.text)).toHaveCount(0);
    // The queue's "I can act on" filter agrees, and the Reviewer column names the reviewer.
    await reviewer.goto(`/queue?q=${encodeURIComponent(claim.text)}`);
    const row = reviewer.locator("tbody tr[data-kb-row]").filter({ hasText: claim.text });
    await expect(row).toHaveCount(1);
    await expect(reviewer.getByRole("columnheader", { name: "Reviewer" })).toBeVisible();
    await expect(row).toContainText(DEMO.editor.name);
    await reviewer.getByLabel("I can act on").check();
    await reviewer.getByRole("button", { name: "Apply filters" }).click();
    await expect(reviewer).toHaveURL(/actionable=1/);
    await expect(reviewer.getByText("No claims match these filters")).toBeVisible();

    const other = await (await browser.newContext()).newPage();
    await signInAs(other, "editor2");
    await other.goto("/");
    await expect(section(other, /^Reviewed claims you may verify/)).toBeVisible();
    await findThroughQueue(other, /^Reviewed claims you may verify/, claim.text);
    await expect(other).toHaveURL(/actionable=1/);
    await expect(other).toHaveURL(/state=reviewed/);
    await expect(other.locator("tbody tr[data-kb-row]").filter({ hasText: claim.text })).toHaveCount(1);
    expect(await seriousA11yViolations(other)).toEqual([]);
  });

  test("an assigned claim is listed under Assigned to you and behind the queue's Assigned to me filter", async ({ page, browser }) => {
    const claim = await reporterClaim("Assigned claim for My work");
    must(await assignClaim(e2eDb(), demoActor("editor"), claim.id, { assigneeId: demoActor("editor2").id, expectedVersion: claim.version }));

    await signInAs(page, "editor2");
    await page.goto("/");
    const assigned = section(page, /^Assigned to you/);
    await expect(assigned.getByTestId("section-count")).not.toHaveText("0");
    await findThroughQueue(page, /^Assigned to you/, claim.text);
    await expect(page).toHaveURL(/assigned=me/);
    await expect(page.getByLabel("Assigned to me")).toBeChecked();
    const row = page.locator("tbody tr[data-kb-row]").filter({ hasText: claim.text });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(DEMO.editor2.name);

    const assigner = await (await browser.newContext()).newPage();
    await signInAs(assigner, "editor");
    await assigner.goto(`/queue?assigned=me&q=${encodeURIComponent(claim.text)}`);
    await expect(assigner.getByText("No claims match these filters")).toBeVisible();
  });

  test("/claims leads to the queue and keeps the query", async ({ page }) => {
    await signInAs(page, "editor");
    await page.goto("/claims?state=reviewed&sort=newest");
    await expect(page).toHaveURL(/\/queue\?state=reviewed&sort=newest$/);
    await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Claim states" }).getByRole("link", { name: /^Reviewed/ })).toHaveAttribute("aria-current", "page");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My work" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  });
});
