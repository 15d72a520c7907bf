import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { signoffs } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { getArticle, listArticleTitles } from "@/lib/articles/articles";
import { findUserByEmail } from "@/lib/users/users";
import { getClaimDetail, submitClaim } from "@/lib/workflow";
import { DEMO, e2eDb, expect, seriousA11yViolations, signInAs, test, type DemoRole } from "./fixtures";

async function actorFor(role: DemoRole): Promise<Actor> {
  const user = await findUserByEmail(e2eDb(), DEMO[role].email);
  if (!user) throw new Error(`No demo user ${role}`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

async function pageAs(browser: import("@playwright/test").Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

const actions = (page: Page) => page.getByRole("complementary", { name: "Actions" });
const claimIdFrom = (page: Page) => Number(new URL(page.url()).pathname.split("/").pop());

test.describe("the claim workflow in the browser", () => {
  test("reporter submits, one editor reviews, a second editor verifies; the timeline shows all three sign-offs", async ({ browser }) => {
    const text = `Alice Marie Johnson served 21 years of a life sentence before her release (${Date.now().toString(36)}).`;

    // The reporter submits a claim with its origin citation.
    const reporter = await pageAs(browser, "reporter");
    await reporter.goto("/claims/new");
    expect(await seriousA11yViolations(reporter)).toEqual([]);
    const form = reporter.getByRole("form", { name: "Submit a claim" });
    await form.getByRole("button", { name: "Submit claim" }).click();
    await expect(form.getByText("A claim needs at least 10 characters")).toBeVisible();
    await expect(form.getByText("Give the source a title")).toBeVisible();
    await expect(form.getByLabel("Claim", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Claim", { exact: true }).fill(text);
    const origin = form.getByRole("group", { name: "Citation 1" });
    await expect(origin.getByLabel("Kind")).toHaveValue("origin");
    await origin.getByLabel("Title").fill("Metro explainer on the Johnson case");
    await origin.getByLabel("Web address").fill("https://demo.factdesk.test/articles/metro-explainer");
    await origin.getByLabel("Publisher or author").fill("Metro US");
    await origin.getByLabel("Quoted passage").fill("Johnson, 62 years old, has now spent 21 years of a life term in federal prison for a drug conviction.");
    await form.getByRole("button", { name: "Submit claim" }).click();
    await expect(reporter).toHaveURL(/\/claims\/\d+(\?submitted=1)?$/);
    await expect(reporter.getByText("Claim submitted.")).toBeVisible();
    const id = claimIdFrom(reporter);
    await expect(reporter.getByTestId("claim-text")).toHaveText(text);
    await expect(actions(reporter).getByText("Only editors can review claims")).toBeVisible();
    await expect(actions(reporter).getByRole("form", { name: "Review claim" })).toHaveCount(0);

    // The first editor reviews it, resting on the origin citation.
    const editor = await pageAs(browser, "editor");
    await editor.goto(`/claims/${id}`);
    const review = actions(editor).getByRole("form", { name: "Review claim" });
    await review.getByLabel("Review note").fill("The 21 years matches two independent reports.");
    await review.getByRole("button", { name: "Sign off as reviewed" }).click();
    await expect(review.getByText("A sign-off must rest on at least one citation")).toBeVisible();
    await review.getByLabel("Metro explainer on the Johnson case").check();
    await review.getByRole("button", { name: "Sign off as reviewed" }).click();
    await expect(actions(editor).getByText("Signed off as reviewed. The claim is now Reviewed (version 2).")).toBeVisible();

    // The same editor cannot verify their own review, and is told why.
    await expect(actions(editor).getByRole("form", { name: "Verify claim" })).toHaveCount(0);
    await expect(editor.getByRole("button", { name: "Sign off as verified" })).toHaveCount(0);
    await expect(actions(editor).getByText("You reviewed this claim in this round, so a different editor must verify it")).toBeVisible();

    // A second editor verifies it with a verdict, attaching a new supporting citation too.
    const editor2 = await pageAs(browser, "editor2");
    await editor2.goto(`/claims/${id}`);
    const verify = actions(editor2).getByRole("form", { name: "Verify claim" });
    await verify.getByLabel("Verification note").fill("Served 21 years; the sentence was commuted in June 2018.");
    await verify.getByLabel("Metro explainer on the Johnson case").check();
    await verify.getByRole("button", { name: "Attach a new citation" }).click();
    const added = verify.getByRole("group", { name: "Citation 1" });
    await added.getByLabel("Title").fill("Clemency grants, Office of the Pardon Attorney");
    await added.getByLabel("Web address").fill("https://www.justice.gov/pardon/clemency-grants");
    await added.getByLabel("Quoted passage").fill("Alice Marie Johnson, commutation of sentence, June 6, 2018.");
    // Chosen once the form is live (attaching a citation above needs it): hydration resets a select
    // chosen in the server-rendered HTML before it.
    await verify.getByLabel("Verdict").selectOption({ label: "Mostly true" });
    await expect(verify.getByLabel("Verdict")).toHaveValue("mostly-true");
    await verify.getByRole("button", { name: "Sign off as verified" }).click();
    await expect(actions(editor2).getByText("Signed off as verified. The claim is now Verified (version 3).")).toBeVisible();

    const timeline = editor2.getByRole("list", { name: "Timeline" });
    await expect(timeline.getByRole("heading", { level: 3 })).toHaveText([
      `Submitted by ${DEMO.reporter.name}`,
      `Reviewed by ${DEMO.editor.name}`,
      `Verified by ${DEMO.editor2.name}`,
    ]);
    const verified = timeline.getByTestId("signoff").nth(2);
    await expect(verified.getByText("Mostly true")).toBeVisible();
    await expect(verified.getByText("Served 21 years; the sentence was commuted in June 2018.")).toBeVisible();
    await expect(verified.getByRole("link", { name: /Clemency grants, Office of the Pardon Attorney/ })).toBeVisible();
    await expect(verified.getByRole("link", { name: /Metro explainer on the Johnson case/ })).toBeVisible();
    await expect(timeline.getByTestId("signoff").nth(1)).toContainText("The 21 years matches two independent reports.");
    expect(await seriousA11yViolations(editor2)).toEqual([]);

    const stored = await getClaimDetail(e2eDb(), id);
    expect(stored?.state).toBe("verified");
    expect(stored?.verdict).toBe("mostly-true");
    expect(stored?.signoffs.map((s) => [s.action, s.userName])).toEqual([
      ["submit", DEMO.reporter.name],
      ["review", DEMO.editor.name],
      ["verify", DEMO.editor2.name],
    ]);
  });

  test("a stale sign-off from a second tab says what changed, keeps what was typed, and why it cannot be applied now", async ({ browser }) => {
    const submitted = await submitClaim(e2eDb(), await actorFor("reporter"), {
      text: `Johnson was convicted in 1997 on drug trafficking charges (${Date.now().toString(36)}).`,
      citations: [{ kind: "origin", title: "Court record summary", documentRef: "W.D. Tenn. docket, 1997", quote: "Convicted in 1997." }],
    });
    if (!submitted.ok) throw new Error(submitted.error.message);
    const id = submitted.value.id;

    const context = await browser.newContext();
    const first = await context.newPage();
    await signInAs(first, "editor");
    const second = await context.newPage();
    await first.goto(`/claims/${id}`);
    await second.goto(`/claims/${id}`);

    for (const tab of [first, second]) {
      const review = actions(tab).getByRole("form", { name: "Review claim" });
      await review.getByLabel("Review note").fill("Matches the docket.");
      await review.getByLabel("Court record summary").check();
    }
    await actions(first).getByRole("button", { name: "Sign off as reviewed" }).click();
    await expect(actions(first).getByText("The claim is now Reviewed (version 2).")).toBeVisible();

    await actions(second).getByRole("button", { name: "Sign off as reviewed" }).click();
    const stale = actions(second).getByRole("alert");
    await expect(stale).toContainText(`${DEMO.editor.name} reviewed this claim a moment ago (version 1 → 2)`);
    await expect(stale).toContainText("You cannot apply it to the new version: This claim is already reviewed.");
    await expect(stale.getByRole("button", { name: "Apply to the new version" })).toHaveCount(0);
    // What was typed is still there; the page shows the claim as it is now: reviewed.
    const review = actions(second).getByRole("form", { name: "Review claim" });
    await expect(review.getByLabel("Review note")).toHaveValue("Matches the docket.");
    await expect(review.getByLabel("Court record summary")).toBeChecked();
    await expect(second.getByRole("heading", { level: 1 }).locator("..").getByText("Reviewed", { exact: true })).toBeVisible();
    await expect(actions(second).locator('[data-action="review"]')).toContainText("This claim is already reviewed");

    const rows = e2eDb().select().from(signoffs).where(eq(signoffs.claimId, id)).all();
    expect(rows.map((row) => row.action)).toEqual(["submit", "review"]);
  });

  test("an article sentence prefills the claim and its origin; a quote that no longer matches is refused on its field", async ({ page }) => {
    const db = e2eDb();
    const sentence = "Johnson, 62 years old, has now spent 21 years of a life term in federal prison for a drug conviction.";
    const titles = await listArticleTitles(db, 100);
    const bodies = await Promise.all(titles.map((item) => getArticle(db, item.id)));
    const summary = titles.find((item, n) => bodies[n]?.body.includes(sentence));
    if (!summary) throw new Error("demo article with the sentence not found");
    const article = (await getArticle(db, summary.id))!;
    const start = article.body.indexOf(sentence);
    const end = start + sentence.length;

    await signInAs(page, "reporter");
    await page.goto(`/claims/new?articleId=${article.id}&quote=${encodeURIComponent(sentence)}&start=${start}&end=${end}`);
    const form = page.getByRole("form", { name: "Submit a claim" });
    await expect(form.getByLabel("Claim", { exact: true })).toHaveValue(sentence);
    await expect(form.getByLabel("Article", { exact: true })).toHaveValue(String(article.id));
    const origin = form.getByRole("group", { name: "Citation 1" });
    await expect(origin.getByLabel("Kind")).toHaveValue("origin");
    await expect(origin.getByLabel("Title")).toHaveValue(article.title);
    await expect(origin.getByLabel("Web address")).toHaveValue(article.sourceUrl ?? "");
    await expect(origin.getByLabel("Publisher or author")).toHaveValue(article.publisher ?? "");
    await expect(origin.getByLabel("Quoted passage")).toHaveValue(sentence);
    await expect(origin.getByText(`characters ${start}–${end}`)).toBeVisible();

    // The server checks the quote against the article at those offsets; its refusal lands on the field.
    await origin.getByLabel("Quoted passage").fill("Johnson is 63 years old.");
    await form.getByRole("button", { name: "Submit claim" }).click();
    await expect(origin.getByText("The quote does not match the article text at these positions")).toBeVisible();
    await expect(origin.getByLabel("Quoted passage")).toHaveAttribute("aria-invalid", "true");

    await origin.getByLabel("Quoted passage").fill(sentence);
    await form.getByRole("button", { name: "Submit claim" }).click();
    await expect(page).toHaveURL(/\/claims\/\d+(\?submitted=1)?$/);
    const stored = await getClaimDetail(db, claimIdFrom(page));
    expect(stored?.articleId).toBe(article.id);
    expect(stored?.citations[0]).toMatchObject({ kind: "origin", articleId: article.id, quoteStart: start, quoteEnd: end, quote: sentence });
    await expect(page.getByText(`characters ${start}–${end}`)).toBeVisible();
  });

  test("an editor edits a draft and assigns it; the timeline shows the word diff", async ({ page }) => {
    const submitted = await submitClaim(e2eDb(), await actorFor("reporter"), {
      text: "Johnson was 62 years old when she was released from prison.",
      citations: [{ kind: "origin", title: "Metro explainer", documentRef: "Metro US, June 2018", quote: "Johnson is 62 years old." }],
    });
    if (!submitted.ok) throw new Error(submitted.error.message);
    await signInAs(page, "editor");
    await page.goto(`/claims/${submitted.value.id}`);

    await actions(page).locator("summary", { hasText: "Edit text" }).click();
    const edit = actions(page).getByRole("form", { name: "Edit claim text" });
    await edit.getByLabel("Claim text").fill("Johnson was 63 years old when she was released from prison.");
    await edit.getByRole("button", { name: "Save text" }).click();
    await expect(actions(page).getByText("Text saved as version 2.")).toBeVisible();
    await expect(page.getByTestId("claim-text")).toHaveText("Johnson was 63 years old when she was released from prison.");
    const diff = page.getByRole("list", { name: "Timeline" }).getByTestId("edit");
    await expect(diff.locator("del")).toContainText("62");
    await expect(diff.locator("ins")).toContainText("63");

    await actions(page).locator("summary", { hasText: "Assign" }).click();
    const assign = actions(page).getByRole("form", { name: "Assign claim" });
    await assign.getByLabel("Assignee").selectOption({ label: DEMO.editor2.name });
    await assign.getByRole("button", { name: "Save assignee" }).click();
    await expect(actions(page).getByText(`Assigned to ${DEMO.editor2.name}.`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Timeline" }).getByTestId("assignment")).toContainText(`assigned the claim to ${DEMO.editor2.name}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
