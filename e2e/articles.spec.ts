import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { articles, users } from "@/db/schema";
import { buildPdf } from "@/lib/ingest/test-files";
import { createToken } from "@/lib/tokens/tokens";
import { DEMO, e2eDb, expect, seriousA11yViolations, signInAs, test } from "./fixtures";

const corpusDir = path.resolve(process.cwd(), "../shared/corpus");
const corpusFiles = existsSync(corpusDir) ? readdirSync(corpusDir).filter((name) => name.endsWith(".txt")).sort() : [];

function userId(email: string): number {
  const user = e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no demo user ${email}`);
  return user.id;
}

test.describe("articles", () => {
  test("upload a corpus article, see ranked candidates, make a claim from the top one with its origin prefilled", async ({ page }) => {
    test.skip(corpusFiles.length === 0, `The sample corpus is not at ${corpusDir}; this test uploads one of its articles.`);
    // 004 is the longest article and disagrees with others on her age and the year of the conviction.
    const file = corpusFiles.find((name) => name.startsWith("004")) ?? corpusFiles[0];
    await signInAs(page, "reporter");
    await page.goto("/articles");
    await page.getByRole("link", { name: "Add article" }).click();
    await expect(page.getByRole("heading", { name: "Add article" })).toBeVisible();

    await page.getByLabel("Upload a file").setInputFiles(path.join(corpusDir, file));
    await expect(page.getByText(/Read [\d,]+ words from/)).toBeVisible();
    const title = `Corpus upload ${Date.now().toString(36)}`;
    await expect(page.getByLabel("Title")).not.toHaveValue("");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Source URL").fill("https://example.com/corpus-upload");
    await page.getByLabel("Publisher").fill("Corpus Daily");
    await page.getByRole("button", { name: "Add article" }).click();

    await expect(page).toHaveURL(/\/articles\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const ranked = page.getByRole("list", { name: "Ranked candidates" }).getByRole("listitem");
    await expect(ranked.first()).toBeVisible();
    expect(await ranked.count()).toBeGreaterThan(3);

    // Best first: the scores shown in the list never go up.
    const scores = (await ranked.locator("span.tabular-nums").allInnerTexts()).map((text) => Number(text.match(/(\d+)%/)?.[1]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // Page chrome in the text is marked as boilerplate and never offered.
    const boilerplate = page.locator("[data-boilerplate=true]");
    const rankedTexts = await ranked.locator("a[href^='#s-']").allInnerTexts();
    for (const text of await boilerplate.allInnerTexts()) expect(rankedTexts).not.toContain(text);

    // The conflict with the other articles on the desk is flagged with a link to the other sentence.
    await expect(page.getByText(/Conflict on the (age|year)/).first()).toBeVisible();

    // Raising the threshold offers fewer sentences (PageUp is ten points; the lowest offered score
    // says how far it must go), and lowering it again brings them back.
    const before = await ranked.count();
    const lowest = Math.min(...scores);
    const slider = page.getByRole("slider", { name: "Minimum score" });
    const start = Number(await slider.getAttribute("aria-valuenow"));
    const presses = Math.max(1, Math.ceil((lowest + 1 - start) / 10));
    expect(start + presses * 10, "the slider can go above the lowest offered score").toBeLessThanOrEqual(100);
    await slider.focus();
    for (let i = 0; i < presses; i++) await slider.press("PageUp");
    await expect.poll(() => ranked.count()).toBeLessThan(before);
    for (let i = 0; i < presses; i++) await slider.press("PageDown");
    await expect(slider).toHaveAttribute("aria-valuenow", String(start));
    await expect.poll(() => ranked.count()).toBe(before);

    const topSentence = (await ranked.first().locator("a[href^='#s-']").innerText()).trim();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await ranked.first().getByRole("link", { name: "Make claim" }).click();
    await expect(page).toHaveURL(/\/claims\/new\?/);
    await expect(page.getByLabel("Claim", { exact: true })).toHaveValue(topSentence);
    await expect(page.getByLabel("Quoted passage")).toHaveValue(topSentence);
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
    await expect(page.getByLabel("Web address")).toHaveValue("https://example.com/corpus-upload");
    await expect(page.getByLabel("Publisher or author")).toHaveValue("Corpus Daily");

    // Submitting it marks the sentence as claimed on the article page.
    await page.getByRole("button", { name: /Submit/ }).click();
    await expect(page).toHaveURL(/\/claims\/\d+/);
    const claimId = page.url().match(/\/claims\/(\d+)/)![1];
    const articleId = e2eDb().select({ id: articles.id }).from(articles).where(eq(articles.title, title)).get()!.id;
    await page.goto(`/articles/${articleId}`);
    await expect(page.getByRole("list", { name: "Ranked candidates" }).getByRole("link", { name: new RegExp(`Claim #${claimId}`) })).toBeVisible();
  });

  test("the same text added twice offers the existing article", async ({ page }) => {
    await signInAs(page, "reporter");
    const existing = e2eDb().select({ id: articles.id, title: articles.title, body: articles.body }).from(articles).get()!;
    await page.goto("/articles/new");
    await page.getByLabel("Title").fill("A copy");
    await page.getByLabel("Article text").fill(`  ${existing.body}\n`);
    await page.getByRole("button", { name: "Add article" }).click();
    await expect(page.getByText(`This text is already on the desk as “`)).toBeVisible();
    await page.getByRole("link", { name: "Open the existing article" }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${existing.id}$`));
  });

  test("a PDF upload is read on the server and prefills the form from its metadata", async ({ page }) => {
    const tag = Date.now().toString(36);
    const pdf = buildPdf({
      pages: [[`Alice Johnson was 63 years old when she was freed (${tag}).`, "She had been sentenced in 1996."], ["Her sentence was commuted in June 2018."]],
      info: { Title: `Clemency memo ${tag}`, CreationDate: "D:20180607090000Z" },
    });
    await signInAs(page, "reporter");
    await page.goto("/articles/new");
    await page.getByLabel("Upload a file").setInputFiles({ name: "memo.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf) });
    await expect(page.getByText(/Read [\d,]+ words from memo\.pdf/)).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(`Clemency memo ${tag}`);
    await expect(page.getByLabel("Publication date")).toHaveValue("2018-06-07");
    await expect(page.getByLabel("Article text")).toHaveValue(/Her sentence was commuted in June 2018\./);
    await page.getByRole("button", { name: "Add article" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Clemency memo ${tag}` })).toBeVisible();
  });

  test("unknown file types are refused before anything is stored", async ({ page }) => {
    await signInAs(page, "reporter");
    await page.goto("/articles/new");
    const count = e2eDb().select({ id: articles.id }).from(articles).all().length;
    await page.getByLabel("Upload a file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from([137, 80, 78, 71]) });
    await expect(page.getByText("photo.png is not a type Factdesk can read.")).toBeVisible();
    await page.getByLabel("Upload a file").setInputFiles({ name: "empty.txt", mimeType: "text/plain", buffer: Buffer.from("   \n") });
    await expect(page.getByText("empty.txt contains no text to check.")).toBeVisible();
    expect(e2eDb().select({ id: articles.id }).from(articles).all()).toHaveLength(count);
  });

  test("GET /api/v1/articles/{id}/candidates lists sentences best first with offsets, scores, boilerplate and conflicts", async ({ request }) => {
    const db = e2eDb();
    const { token } = await (async () => {
      const created = await createToken(db, userId(DEMO.reporter.email), { name: `candidates-${Date.now()}` });
      if (!created.ok) throw new Error(created.error.message);
      return created.value;
    })();
    const article = db.select().from(articles).where(eq(articles.title, "Why Kim Kardashian has been phoning Jared Kushner")).get();
    expect(article, "demo article").toBeTruthy();

    const response = await request.get(`/api/v1/articles/${article!.id}/candidates`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as {
      data: Array<{ text: string; start: number; end: number; score: number; boilerplate: boolean; conflicts: Array<{ otherArticleId: number; values: string[] }> }>;
    };
    expect(body.data.length).toBeGreaterThan(3);
    for (const candidate of body.data) {
      expect(article!.body.slice(candidate.start, candidate.end)).toBe(candidate.text);
      expect(candidate.score).toBeGreaterThanOrEqual(0);
      expect(candidate.score).toBeLessThanOrEqual(1);
    }
    const scores = body.data.filter((c) => !c.boilerplate).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const age = body.data.find((c) => c.text.includes("62 years old"));
    expect(age?.conflicts.some((c) => c.values.join() === "62,63")).toBe(true);

    expect((await request.get(`/api/v1/articles/${article!.id}/candidates`)).status()).toBe(401);
    const missing = await request.get("/api/v1/articles/999999/candidates", { headers: { Authorization: `Bearer ${token}` } });
    expect(missing.status()).toBe(404);
    // The error names the request, as the X-Request-Id header and the server's log line do.
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: expect.any(String), requestId: missing.headers()["x-request-id"] } });
  });
});
