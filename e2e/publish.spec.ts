import { eq } from "drizzle-orm";
import Parser from "rss-parser";
import { publications, summaries } from "@/db/schema";
import { type Verdict } from "@/lib/core/vocabulary";
import type { Actor } from "@/lib/core/actor";
import { createArticle } from "@/lib/articles/articles";
import { createToken } from "@/lib/tokens/tokens";
import { claimReviewProblems } from "@/lib/publish/claim-review-check";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";
import { submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * The publishing story end to end: an editor publishes, a signed-out visitor reads it, a claim is
 * reopened and the live page says so, the editor republishes with a correction note, every version
 * stays readable, and the ClaimReview JSON-LD on the page validates.
 */

const actor = demoActor;

const runTag = Date.now().toString(36);
let arranged = 0;

/** A fresh article (unique text, so runs and tests never collide) and a way to submit claims from it. */
async function arrangeArticle() {
  const db = e2eDb();
  const tag = `${runTag}-${(arranged += 1)}`;
  const BODY = `The governor said the bridge cost 40 million dollars in ${tag}. Officials opened it in 2019 after three years of work.`;
  const article = must(
    await createArticle(db, actor("reporter"), {
      title: `Bridge opening ${tag}`,
      body: BODY,
      sourceUrl: `https://news.example/bridge-${tag}`,
      publisher: "Example Gazette",
      publishedAt: "2024-05-01",
    }),
  );
  const claimFrom = async (text: string, sentence: string) =>
    must(
      await submitClaim(db, actor("reporter"), {
        text,
        articleId: article.id,
        citations: [
          {
            kind: "origin",
            url: article.sourceUrl,
            title: article.title,
            publisher: article.publisher,
            quote: sentence,
            articleId: article.id,
            quoteStart: BODY.indexOf(sentence),
            quoteEnd: BODY.indexOf(sentence) + sentence.length,
          },
        ],
      }),
    );
  return { article, claimFrom, tag, costSentence: `The governor said the bridge cost 40 million dollars in ${tag}.` };
}

async function review(claim: ClaimDetail, by: Actor): Promise<ClaimDetail> {
  return must(
    await transitionClaim(e2eDb(), by, claim.id, {
      action: "review",
      note: "Matches the budget documents.",
      citationIds: claim.citations.map((c) => c.id),
      expectedVersion: claim.version,
    }),
  );
}

async function verify(claim: ClaimDetail, by: Actor, verdict: Verdict, note: string, tag = runTag): Promise<ClaimDetail> {
  return must(
    await transitionClaim(e2eDb(), by, claim.id, {
      action: "verify",
      verdict,
      note,
      citations: [
        {
          kind: verdict === "true" ? "supports" : "refutes",
          url: `https://budget.example/bridge-${tag}`,
          title: "State capital budget, bridge line item",
          publisher: "State Treasury",
          quote: "Bridge construction, final cost: 52.4 million dollars.",
          accessedAt: "2024-05-02",
        },
      ],
      expectedVersion: claim.version,
    }),
  );
}

test("an editor publishes, a visitor reads it, a reopened claim is flagged, a correction is logged", async ({ page, browser, request }) => {
  test.slow(); // the whole publishing story in one journey
  const { article, claimFrom, tag, costSentence } = await arrangeArticle();
  const editor = actor("editor");
  const editor2 = actor("editor2");
  const cost = await verify(
    await review(await claimFrom("The bridge cost 40 million dollars to build.", costSentence), editor),
    editor2,
    "false",
    "The treasury's final accounts put the cost at 52.4 million dollars.",
    tag,
  );
  const opened = await verify(
    await review(await claimFrom("The bridge opened in 2019 after three years of work.", "Officials opened it in 2019 after three years of work."), editor2),
    editor,
    "true",
    "Opening ceremony and works contract both confirm it.",
    tag,
  );
  const title = `The bridge's cost, checked (${tag})`;

  // 1. The editor publishes: title, introduction, preview, publish. A double click publishes once.
  await signInAs(page, "editor");
  await page.goto(`/articles/${article.id}/publish`);
  await expect(page.getByRole("heading", { name: "Publish a summary" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Introduction").fill("The governor's figure for the new bridge was repeated widely. We checked it against the treasury's accounts.");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: title })).toBeVisible();
  await expect(preview.getByText(cost.text)).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).dblclick();
  // The outcome is said at the top of the page; the form below is ready for the next version.
  await expect(page.getByRole("status").filter({ hasText: "Published version 1." })).toBeFocused();
  await expect(page.getByLabel("Correction note")).toHaveValue("");
  const summary = e2eDb().select().from(summaries).where(eq(summaries.articleId, article.id)).get()!;
  expect(e2eDb().select().from(publications).where(eq(publications.summaryId, summary.id)).all()).toHaveLength(1);
  await page.goto("/articles");
  const articleRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: article.title, exact: true }) });
  await expect(articleRow.getByRole("link", { name: "Published as version 1" })).toBeVisible();

  // 2. A signed-out visitor finds it in the list and reads verdicts, explanations, sources and sign-offs.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/summaries");
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor).toHaveURL(new RegExp(`/summaries/${summary.slug}$`));
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const costClaim = visitor.locator(`#claim-${cost.id}`);
  await expect(costClaim.getByText(cost.text)).toBeVisible();
  await expect(costClaim.locator('[data-verdict="false"]').first()).toHaveText("False");
  await expect(costClaim.getByText("The treasury's final accounts put the cost at 52.4 million dollars.")).toBeVisible();
  await expect(costClaim.getByRole("link", { name: /State capital budget, bridge line item/ })).toHaveAttribute("href", `https://budget.example/bridge-${tag}`);
  await expect(costClaim.getByText("“Bridge construction, final cost: 52.4 million dollars.”")).toBeVisible();
  await expect(costClaim.getByText(/Reviewed by Eddie Okafor on/)).toBeVisible();
  await expect(costClaim.getByText(/verified by Elena Marsh on/)).toBeVisible();
  await expect(visitor.locator(`#claim-${opened.id}`).locator('[data-verdict="true"]').first()).toBeVisible();
  await expect(visitor.getByText(/under re-review/i)).toHaveCount(0);
  expect(await seriousA11yViolations(visitor)).toEqual([]);

  // The JSON-LD on the page: one ClaimReview per claim, every required and recommended field.
  // One canonical link: the index's goes once the client-side navigation from it has settled.
  await expect(visitor.locator('link[rel="canonical"]')).toHaveCount(1);
  const canonical = await visitor.locator('link[rel="canonical"]').getAttribute("href");
  expect(canonical).toMatch(new RegExp(`/summaries/${summary.slug}$`));
  const jsonLd = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? "null");
  expect(
    await claimReviewProblems(jsonLd, {
      orgName: "Factdesk",
      pageUrl: canonical!,
      claims: [cost, opened].map((c) => ({ id: c.id, text: c.text, verdictLabel: VERDICT_LABEL[c.verdict!] })),
    }),
  ).toEqual([]);
  await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
  await expect(visitor.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");

  // The feed and the JSON carry it too.
  const feed = await new Parser().parseString(await (await request.get("/summaries/feed.xml")).text());
  expect(feed.items.map((item) => item.title)).toContain(title);
  const json = await (await request.get(`/summaries/${summary.slug}.json`)).json();
  expect(json.claims.map((c: { verdict: string }) => c.verdict)).toEqual(["false", "true"]);

  // 3. The cost claim is returned to draft (straight in the database, bypassing any cache refresh):
  //    the visitor's page says "under re-review" at once.
  const returned = must(
    await transitionClaim(e2eDb(), editor, cost.id, {
      action: "return",
      note: "The treasury revised its accounts; reopening.",
      citationIds: [cost.citations[0].id],
      expectedVersion: cost.version,
    }),
  );
  await visitor.reload();
  await expect(visitor.locator(`#claim-${cost.id}`).getByText("Under re-review.")).toBeVisible();
  await expect(visitor.locator(`#claim-${opened.id}`).getByText("Under re-review.")).toHaveCount(0);
  await page.goto("/articles");
  await expect(articleRow.getByRole("link", { name: "Needs republishing: a claim was returned since version 1" })).toBeVisible();

  // 4. Re-checked with a new verdict, the editor republishes with a correction note.
  const mixed = await verify(await review(returned, editor2), editor, "mixed", "40 million was the contract price; overruns took it to 52.4 million.", tag);
  await page.goto(`/articles/${article.id}/publish`);
  await expect(page.getByText(/marked “under\s+re-review” on the public page/)).toBeVisible();
  await page.getByLabel("Correction note").fill("The 40 million figure was the contract price, not the final cost; verdict changed to mixed.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Verdict changed from False to Mixed", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByText("Published version 2.")).toBeVisible();
  // The next correction starts from an empty note, not the one just published.
  await expect(page.getByLabel("Correction note")).toHaveValue("");

  await visitor.reload();
  await expect(visitor.locator(`#claim-${mixed.id}`).locator('[data-verdict="mixed"]').first()).toBeVisible();
  await expect(visitor.getByText("Under re-review.")).toHaveCount(0);
  const log = visitor.getByRole("region", { name: "Corrections" });
  await expect(log.getByText("The 40 million figure was the contract price, not the final cost; verdict changed to mixed.")).toBeVisible();
  await expect(log.getByText(/Verdict changed from False to Mixed/)).toBeVisible();

  // Version 1 stays readable at its own address, as it was.
  await log.getByRole("link", { name: "version 2" }).waitFor();
  await visitor.goto(`/summaries/${summary.slug}/v/1`);
  await expect(visitor.getByText("You are reading version 1 of 2")).toBeVisible();
  await expect(visitor.locator(`#claim-${cost.id}`).locator('[data-verdict="false"]').first()).toBeVisible();
  await visitor.context().close();
});

test("publishing is refused with a clear message when no claim is verified, and is for editors only", async ({ page, browser }) => {
  const { article, claimFrom, costSentence } = await arrangeArticle();
  await claimFrom("The bridge cost 40 million dollars to build.", costSentence);
  await signInAs(page, "editor");
  await page.goto(`/articles/${article.id}/publish`);
  await expect(page.getByText("Nothing to publish yet")).toBeVisible();
  await expect(page.getByText(/Only verified claims can be in a summary/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Preview" })).toHaveCount(0);

  const reporter = await (await browser.newContext()).newPage();
  await signInAs(reporter, "reporter");
  const response = await reporter.goto(`/articles/${article.id}/publish`);
  expect(response?.status()).toBe(403);
  await reporter.context().close();
});

test("POST /api/v1/articles/{id}/publish publishes once, editors only, and refuses an empty summary", async ({ request }) => {
  const { article, claimFrom, costSentence, tag } = await arrangeArticle();
  const draft = await claimFrom("The bridge cost 40 million dollars to build.", costSentence);
  const token = async (role: "reporter" | "editor") => must(await createToken(e2eDb(), actor(role).id, { name: `publish e2e ${role} ${tag}` })).token;
  const post = async (as: "reporter" | "editor", data: unknown) =>
    request.post(`/api/v1/articles/${article.id}/publish`, { headers: { Authorization: `Bearer ${await token(as)}` }, data });
  const input = { title: `Bridge cost, via the API (${tag})`, introduction: "Published through the API to check the contract end to end." };

  const empty = await post("editor", input);
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.message).toMatch(/no verified claims/i);

  const verified = await verify(await review(draft, actor("editor")), actor("editor2"), "false", "The treasury's accounts say 52.4 million.", tag);
  expect((await post("reporter", input)).status()).toBe(403);
  const first = await post("editor", input);
  expect(first.status()).toBe(201);
  const created = await first.json();
  expect(created).toMatchObject({ version: 1, created: true, claimCount: 1, url: expect.stringMatching(/\/summaries\//) });
  const again = await post("editor", input);
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ id: created.id, version: 1, created: false });
  const correction = await post("editor", { ...input, introduction: `${input.introduction} Updated.` });
  expect(correction.status()).toBe(422);
  expect((await correction.json()).error.fields.correctionNote).toBeDefined();

  const page = await request.get(`/summaries/${created.slug}`);
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain(input.title.replace("'", "&#x27;"));
  expect(html).not.toContain("Under re-review.");

  // Returning the claim through the API refreshes the cached page: the HTML itself says so, for
  // readers without JavaScript and for crawlers, not only the live check in the browser.
  const reopened = await request.post(`/api/v1/claims/${verified.id}/transitions`, {
    headers: { Authorization: `Bearer ${await token("editor")}` },
    data: { action: "return", note: "Reopened: the treasury revised its accounts.", citationIds: [verified.citations[0].id], expectedVersion: verified.version },
  });
  expect(reopened.status()).toBe(200);
  expect(await (await request.get(`/summaries/${created.slug}`)).text()).toContain("Under re-review.");
});

test("once an article's last claim is verified, its claim page offers to publish the summary; published, the offer goes", async ({ page }) => {
  test.slow(); // two desk pages and a publication, on a machine shared by the whole team
  const { article, claimFrom, costSentence, tag } = await arrangeArticle();
  const claim = await verify(await review(await claimFrom("The bridge cost 40 million dollars to build.", costSentence), actor("editor")), actor("editor2"), "false", "The treasury's accounts say 52.4 million.", tag);
  await signInAs(page, "editor");
  await page.goto(`/claims/${claim.id}`);
  const offer = page.getByRole("region", { name: "Ready to publish" });
  await expect(offer).toContainText("The article's only claim is verified");
  await offer.getByRole("link", { name: "Publish the summary" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${article.id}/publish$`));
  await page.getByLabel("Title").fill(`Bridge cost, offered (${tag})`);
  await page.getByLabel("Introduction").fill("Offered from the claim page once its last claim was verified.");
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  // The publish page with its outcome at the top, and the republish form, pass axe.
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.goto(`/claims/${claim.id}`);
  await expect(page.getByRole("heading", { name: "Ready to publish" })).toHaveCount(0);
});
