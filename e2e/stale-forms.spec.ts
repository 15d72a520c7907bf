import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { getClaimDetail, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { DEMO, demoActor, e2eDb, expect, must, signInAs, test, type DemoRole } from "./fixtures";

/*
 * Nothing typed is lost (issue #11, item 8), in Chromium against the production build: two editors
 * on one reviewed claim; the second acts first; the first one's verify keeps the note, verdict and
 * citation, says what changed and who did it, and one click applies it to the new version.
 */

const runTag = Date.now().toString(36);

async function reviewedClaim(): Promise<ClaimDetail> {
  const claim = must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text: `Johnson was 63 when her sentence was commuted (${runTag}).`,
      citations: [{ kind: "origin", url: "https://news.example/age", title: "Age at commutation", publisher: "Daily Record", quote: "Johnson, 63, walked free" }],
    }),
  );
  return must(
    await transitionClaim(e2eDb(), demoActor("admin"), claim.id, { action: "review", note: "Age checked against two reports.", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }),
  );
}

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

const actions = (page: Page) => page.getByRole("complementary", { name: "Actions" });

/** Serious and critical axe findings in the actions panel (the forms and their stale notice). */
async function panelViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('aside[aria-labelledby="actions-heading"]').analyze();
  return results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => `${violation.id}: ${violation.help}`);
}

test("a stale verify keeps the typed note, verdict and citation, names what changed and who, and re-applies in one click", async ({ browser }) => {
  const claim = await reviewedClaim();

  // Eddie opens the verify form and fills it in.
  const eddie = await pageAs(browser, "editor");
  await eddie.goto(`/claims/${claim.id}`);
  const verify = actions(eddie).getByRole("form", { name: "Verify claim" });
  await verify.getByLabel("Verification note").fill("Two reports and the DOJ list agree on 63.");
  await verify.getByRole("button", { name: "Attach a new citation" }).click();
  const added = verify.getByRole("group", { name: "Citation 1" });
  await added.getByLabel("Title").fill("Clemency grants, Office of the Pardon Attorney");
  await added.getByLabel("Web address").fill("https://www.justice.gov/pardon/clemency-grants");
  await added.getByLabel("Quoted passage").fill("Alice Marie Johnson, commutation of sentence, June 6, 2018.");
  await verify.getByLabel("Verdict").selectOption({ label: "Mostly true" });

  // Meanwhile Elena assigns the claim to herself: a new version.
  const elena = await pageAs(browser, "editor2");
  await elena.goto(`/claims/${claim.id}`);
  await actions(elena).locator("summary", { hasText: "Assign" }).click();
  await actions(elena).getByRole("form", { name: "Assign claim" }).getByLabel("Assignee").selectOption({ label: DEMO.editor2.name });
  await actions(elena).getByRole("button", { name: "Save assignee" }).click();
  await expect(actions(elena).getByText(`Assigned to ${DEMO.editor2.name}.`)).toBeVisible();

  // Eddie signs off against the version he saw: refused, and nothing he typed is lost.
  await verify.getByRole("button", { name: "Sign off as verified" }).click();
  const stale = verify.getByRole("alert");
  await expect(stale).toContainText("Not saved: this claim changed after you opened this form.");
  await expect(stale).toContainText(`${DEMO.editor2.name} assigned this claim to themselves a moment ago (version 2 → 3)`);
  await expect(stale).toContainText("Your note, verdict and citations are kept as you typed them.");
  await expect(verify.getByLabel("Verification note")).toHaveValue("Two reports and the DOJ list agree on 63.");
  await expect(verify.getByLabel("Verdict")).toHaveValue("mostly-true");
  await expect(added.getByLabel("Title")).toHaveValue("Clemency grants, Office of the Pardon Attorney");
  await expect(added.getByLabel("Quoted passage")).toHaveValue("Alice Marie Johnson, commutation of sentence, June 6, 2018.");
  expect(await panelViolations(eddie)).toEqual([]);
  await actions(eddie).screenshot({ path: test.info().outputPath("stale-refused.png") });

  // One click applies the same sign-off to the new version.
  await stale.getByRole("button", { name: "Apply to the new version" }).click();
  await expect(actions(eddie).getByText("Signed off as verified. The claim is now Verified (version 4).")).toBeVisible();
  await expect(eddie.getByRole("heading", { level: 1 }).locator("..").getByText("Verified", { exact: true })).toBeVisible();

  const stored = (await getClaimDetail(e2eDb(), claim.id))!;
  expect(stored).toMatchObject({ state: "verified", verdict: "mostly-true", version: 4, assigneeId: demoActor("editor2").id });
  const signoff = stored.signoffs.at(-1)!;
  expect(signoff).toMatchObject({ action: "verify", note: "Two reports and the DOJ list agree on 63.", userName: DEMO.editor.name });
  expect(stored.citations.map((citation) => citation.title)).toContain("Clemency grants, Office of the Pardon Attorney");
});

test("when the rules no longer allow it on the new version, the stale form says why and keeps the text", async ({ browser }) => {
  const claim = await reviewedClaim();
  const eddie = await pageAs(browser, "editor");
  await eddie.goto(`/claims/${claim.id}`);
  const verify = actions(eddie).getByRole("form", { name: "Verify claim" });
  await verify.getByLabel("Verification note").fill("Looks right to me.");

  // Elena returns it to draft first.
  const elena = await pageAs(browser, "editor2");
  await elena.goto(`/claims/${claim.id}`);
  await actions(elena).locator("summary", { hasText: "Return to draft" }).click();
  const back = actions(elena).getByRole("form", { name: "Return claim to draft" });
  await back.getByLabel("Reason for returning").fill("The age is 62 in the court record.");
  await back.getByLabel("Age at commutation").check();
  await back.getByRole("button", { name: "Return to draft" }).click();
  await expect(actions(elena).getByText("Returned to draft.", { exact: false })).toBeVisible();

  await verify.getByLabel("Age at commutation").check();
  await verify.getByLabel("Verdict").selectOption({ label: "True" });
  await verify.getByRole("button", { name: "Sign off as verified" }).click();
  const stale = verify.getByRole("alert");
  await expect(stale).toContainText(`${DEMO.editor2.name} returned this claim to draft a moment ago (version 2 → 3)`);
  await expect(stale).toContainText("You cannot apply it to the new version: This claim must be reviewed before it can be verified.");
  await expect(stale.getByRole("button", { name: "Apply to the new version" })).toHaveCount(0);
  await expect(verify.getByLabel("Verification note")).toHaveValue("Looks right to me.");
  expect((await getClaimDetail(e2eDb(), claim.id))!.state).toBe("draft");
});
