import { createArticle } from "@/lib/articles/articles";
import { addComment } from "@/lib/comments/comments";
import { publishSummary } from "@/lib/publish/publish";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * The discussion on a claim in Chromium against the production build: a comment with a mention
 * picked from the @ autocomplete, a Markdown link made safe, the edit mark and the deletion
 * tombstone; and that comments stay off the public summary, its feed and its exports.
 */

const runTag = Date.now().toString(36);
let counter = 0;
const unique = () => `${runTag}-${(counter += 1)}`;

async function arrangeClaim(articleId?: number, quote = "800 new homes a year"): Promise<ClaimDetail> {
  return must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text: `The city built 800 new homes a year since 2020 (${unique()}).`,
      articleId,
      citations: [{ kind: "origin", url: "https://news.example/homes", title: "Housing figures", publisher: "City Post", quote, accessedAt: "2024-05-01" }],
    }),
  );
}

test("comment with a mention from the autocomplete, a safe link, an edit mark and a tombstone", async ({ page, request }) => {
  const claim = await arrangeClaim();
  const tag = unique();
  await signInAs(page, "editor");
  await page.goto(`/claims/${claim.id}`);

  const box = page.getByRole("combobox", { name: "Add a comment" });
  await box.click();
  await box.pressSequentially("Ask @ele");
  const option = page.getByRole("listbox", { name: "Desk users to mention" }).getByRole("option", { name: /Elena Marsh/ });
  await expect(option).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await box.press("Enter");
  const elena = demoActor("editor2");
  await expect(box).toHaveValue(`Ask @[Elena Marsh](user:${elena.id}) `);
  await box.pressSequentially(`about the year ${tag}: see [the record](https://court.example/homes) not [bad](javascript:alert(1))`);
  await page.getByRole("button", { name: "Post comment" }).click();

  const comments = page.getByRole("list", { name: "Comments" });
  const comment = comments.getByRole("listitem").filter({ hasText: tag });
  await expect(comment).toBeVisible();
  await expect(comment).toContainText(`Ask @Elena Marsh about the year ${tag}`);
  const safe = comment.getByRole("link", { name: "the record" });
  await expect(safe).toHaveAttribute("href", "https://court.example/homes");
  await expect(safe).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await expect(comment.getByRole("link", { name: "bad" })).toHaveCount(0);
  await expect(comment).toContainText("[bad](javascript:alert(1))");
  await expect(box).toHaveValue("");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Elena was told, by id.
  const token = must(await createToken(e2eDb(), elena.id, { name: `comments e2e ${tag}` })).token;
  await expect
    .poll(async () => {
      const inbox = await (await request.get("/api/v1/notifications?unread=true&limit=100", { headers: { Authorization: `Bearer ${token}` } })).json();
      return inbox.data.some((n: { kind: string; claimId: number }) => n.kind === "mentioned" && n.claimId === claim.id);
    })
    .toBe(true);

  await comment.getByRole("button", { name: "Edit comment" }).click();
  const edit = page.getByRole("combobox", { name: "Edit comment" });
  await edit.fill(`Ask Elena about the year ${tag}, please.`);
  await page.getByRole("button", { name: "Save comment" }).click();
  await expect(comment).toContainText(`Ask Elena about the year ${tag}, please.`);
  await expect(comment).toContainText("(edited)");

  await comment.getByRole("button", { name: "Delete comment" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this comment?" });
  await dialog.getByRole("button", { name: "Delete comment" }).click();
  await expect(comments.getByText(/Comment deleted by Eddie Okafor/)).toBeVisible();
  await expect(comments).not.toContainText(tag);
});

test("an unknown mention is refused with a field error and nothing is posted", async ({ page }) => {
  const claim = await arrangeClaim();
  await signInAs(page, "reporter");
  await page.goto(`/claims/${claim.id}`);
  const box = page.getByRole("combobox", { name: "Add a comment" });
  await box.fill("Who is @[Nobody](user:999999999)?");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText(/user:999999999 is not a desk user/).first()).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("No comments yet.")).toBeVisible();
});

test("comments never appear on the public summary, its feed or its exports", async ({ request }) => {
  const db = e2eDb();
  const tag = unique();
  const body = `The city built 800 new homes a year since 2020, the mayor said (${tag}).`;
  const article = must(await createArticle(db, demoActor("reporter"), { title: `Homes ${tag}`, body, sourceUrl: `https://news.example/homes-${tag}`, publisher: "City Post", publishedAt: "2024-05-01" }));
  const quote = "The city built 800 new homes a year since 2020";
  let claim = must(
    await submitClaim(db, demoActor("reporter"), {
      text: `The city built 800 new homes a year (${tag}).`,
      articleId: article.id,
      citations: [{ kind: "origin", url: article.sourceUrl, title: article.title, publisher: "City Post", quote, articleId: article.id, quoteStart: 0, quoteEnd: quote.length }],
    }),
  );
  const ids = claim.citations.map((c) => c.id);
  claim = must(await transitionClaim(db, demoActor("editor"), claim.id, { action: "review", note: "Matches the permits.", citationIds: ids, expectedVersion: claim.version }));
  claim = must(await transitionClaim(db, demoActor("editor2"), claim.id, { action: "verify", verdict: "true", note: "Permit register.", citationIds: ids, expectedVersion: claim.version }));
  const secret = `internal-discussion-${tag}`;
  must(await addComment(db, demoActor("editor"), claim.id, { body: `Before publishing: ${secret}` }));
  const { summary } = must(await publishSummary(db, demoActor("editor"), article.id, { title: `Homes checked ${tag}`, introduction: "What the permit register shows." }));
  must(await addComment(db, demoActor("editor2"), claim.id, { body: `After publishing: ${secret}` }));

  const slug = summary.slug;
  for (const path of [`/summaries/${slug}`, `/summaries/${slug}/summary.json`, `/summaries/${slug}/summary.md`, "/summaries/feed.xml", "/summaries"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const text = await response.text();
    expect(text, path).not.toContain(secret);
    expect(text, path).not.toContain("Before publishing");
  }
  // The claim itself is on the public page (so the check above looks at the right page).
  expect(await (await request.get(`/summaries/${slug}`)).text()).toContain(`800 new homes a year (${tag})`);
});
