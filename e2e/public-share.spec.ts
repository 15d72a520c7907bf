import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { structuredDataTestHtml } from "structured-data-testing-tool";
import { Google, SocialMedia } from "structured-data-testing-tool/presets";
import { createArticle } from "@/lib/articles/articles";
import { oembedProblems } from "@/lib/publish/oembed";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * Issue 15 against the production build: a summary page that social platforms and search engines
 * can read (structured-data presets, a PNG share card), an embed another site can frame (and a desk
 * that cannot be), a valid oEmbed answer, nothing of the desk on the public side when the article
 * has no address, and a sitemap that follows publication and withdrawal.
 */

const runTag = Date.now().toString(36);
let arranged = 0;

/**
 * An article without a web address and one claim from it, submitted the way the desk's form does it
 * (origin citation with the desk's reference "Factdesk article #N"), reviewed and verified, then
 * published through the API (so the cached pages are refreshed as in production).
 */
async function publishedWithoutUrl(request: APIRequestContext) {
  const db = e2eDb();
  const tag = `${runTag}-${(arranged += 1)}`;
  const sentence = `The mayor said the tunnel carried 80,000 cars a day in ${tag}.`;
  const article = must(
    await createArticle(db, demoActor("reporter"), { title: `Tunnel traffic ${tag}`, body: `${sentence} It opened in 2012.`, publisher: "Harbour Evening Post", publishedAt: "2024-03-14" }),
  );
  const submitted = must(
    await submitClaim(db, demoActor("reporter"), {
      text: `The tunnel carries 80,000 cars a day (${tag}).`,
      articleId: article.id,
      citations: [
        { kind: "origin", documentRef: `Factdesk article #${article.id}`, title: article.title, publisher: "Harbour Evening Post", quote: sentence, articleId: article.id, quoteStart: 0, quoteEnd: sentence.length },
      ],
    }),
  );
  const reviewed = must(
    await transitionClaim(db, demoActor("editor"), submitted.id, { action: "review", note: "Matches the quote.", citationIds: submitted.citations.map((c) => c.id), expectedVersion: submitted.version }),
  );
  const claim = must(
    await transitionClaim(db, demoActor("editor2"), reviewed.id, {
      action: "verify",
      verdict: "misleading",
      note: "The traffic count is 52,000 a day; 80,000 was the design capacity.",
      citations: [{ kind: "refutes", url: `https://traffic.example/${tag}`, title: "Annual traffic count", publisher: "Roads Agency", quote: "Average daily traffic: 52,000 vehicles." }],
      expectedVersion: reviewed.version,
    }),
  );
  const { token } = must(await createToken(db, demoActor("editor").id, { name: `public e2e ${tag}` }));
  const title = `Tunnel traffic, checked (${tag})`;
  const published = await request.post(`/api/v1/articles/${article.id}/publish`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { title, introduction: "The mayor's figure for the tunnel was quoted widely; we checked the traffic counts." },
  });
  expect(published.status()).toBe(201);
  const { slug } = (await published.json()) as { slug: string };
  return { article, claim, slug, title, tag };
}

async function otherOrigin(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "PNG signature").toBe(true);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("a summary page passes the structured-data presets, its share card is a 1200×630 PNG, and oEmbed finds a valid embed", async ({ request }) => {
  const { slug, title, claim } = await publishedWithoutUrl(request);
  const response = await request.get(`/summaries/${slug}`);
  expect(response.status()).toBe(200);
  const html = await response.text();

  // structured-data-testing-tool: Google (ClaimReview) and SocialMedia (Open Graph + Twitter, image alt included).
  const result = await structuredDataTestHtml(html, { presets: [Google, SocialMedia], schemas: ["ClaimReview"] }).catch((error: { res?: { failed: Array<{ description: string; test: string }> } }) => {
    throw new Error(`structured data failed: ${JSON.stringify(error.res?.failed.map((f) => f.description ?? f.test) ?? error)}`);
  });
  expect(result.failed).toEqual([]);
  expect(result.passed.length).toBeGreaterThan(10);

  const meta = (attr: "property" | "name", key: string) => new RegExp(`<meta ${attr}="${key.replace(/:/g, ":")}" content="([^"]*)"`).exec(html)?.[1];
  const image = meta("property", "og:image");
  expect(image).toMatch(new RegExp(`/summaries/${slug}/opengraph-image`));
  expect(meta("property", "og:image:alt")).toContain(claim.text.replace(/&/g, "&amp;").slice(0, 20));
  expect(meta("name", "twitter:card")).toBe("summary_large_image");
  expect(meta("name", "twitter:image")).toBe(image);

  // The share card itself, by the address the page gives (made absolute against this server).
  const png = await request.get(new URL(image!.replace(/&amp;/g, "&")).pathname);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect(pngSize(Buffer.from(await png.body()))).toEqual({ width: 1200, height: 630 });

  // oEmbed: discovered from the page, valid per the spec, an iframe of the embed card.
  const discovery = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
  expect(discovery, "the oEmbed discovery link").toBeTruthy();
  const oembed = await request.get(discovery!.replace(/&amp;/g, "&"));
  expect(oembed.status()).toBe(200);
  const body = await oembed.json();
  expect(oembedProblems(body)).toEqual([]);
  expect(body).toMatchObject({ type: "rich", title });
  expect(body.html).toContain(`/summaries/${slug}/embed"`);
  expect((await request.get(`/api/oembed?url=${encodeURIComponent(`http://elsewhere.example/summaries/${slug}`)}`)).status()).toBe(404);
  expect((await request.get(`${discovery!.replace(/&amp;/g, "&").replace("format=json", "format=xml")}`)).status()).toBe(501);
});

test("the embed shows in another site's iframe while the summary page and the desk refuse to be framed", async ({ page, request }) => {
  const { slug, title, claim } = await publishedWithoutUrl(request);
  const origin = new URL((await request.get("/summaries")).url()).origin;
  const embed = await request.get(`/summaries/${slug}/embed`);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect((await request.get(`/summaries/${slug}`)).headers()["x-frame-options"]).toBe("DENY");

  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
  });
  await signInAs(page, "editor");
  const host = await otherOrigin(
    `<!doctype html><title>A newspaper</title><h1>Our story</h1>` +
      `<iframe id="card" title="Fact-check" src="${origin}/summaries/${slug}/embed" width="560" height="400"></iframe>` +
      `<iframe id="claim" title="Claim" src="${origin}/summaries/${slug}/embed?claim=${claim.id}" width="560" height="380"></iframe>` +
      `<iframe id="page" title="Page" src="${origin}/summaries/${slug}" width="560" height="300"></iframe>` +
      `<iframe id="desk" title="Desk" src="${origin}/queue" width="560" height="300"></iframe>`,
  );
  try {
    await page.goto(host.url);
    const card = page.frameLocator("#card");
    await expect(card.getByRole("heading", { name: title })).toBeVisible();
    await expect(card.getByRole("link", { name: /Read the full fact-check/ })).toHaveAttribute("target", "_blank");
    const claimCard = page.frameLocator("#claim");
    await expect(claimCard.getByRole("heading", { name: claim.text })).toBeVisible();
    await expect(claimCard.locator('[data-verdict="misleading"]')).toBeVisible();
    // The full page and the desk are refused: the browser reports it and nothing of theirs renders.
    await expect.poll(() => refusals.length, { message: "the browser reports the refused frames" }).toBeGreaterThanOrEqual(2);
    expect(await page.frameLocator("#page").getByRole("heading", { name: title }).count()).toBe(0);
    expect(await page.frameLocator("#desk").getByRole("navigation", { name: "Main" }).count()).toBe(0);
  } finally {
    await host.close();
  }

  // The embed card is accessible on its own.
  await page.goto(`/summaries/${slug}/embed`);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("a claim whose article has no address shows no desk reference anywhere public, and names the publisher and date", async ({ page, request }) => {
  const { slug, claim, article } = await publishedWithoutUrl(request);
  const desk = `Factdesk article #${article.id}`;
  await page.goto(`/summaries/${slug}`);
  const entry = page.locator(`#claim-${claim.id}`);
  await expect(entry.getByText(/Appeared in/)).toContainText("Harbour Evening Post, 14 March 2024");
  // The claim is a statement, not a quotation; only the sources' words are quotes.
  await expect(entry.locator("blockquote", { hasText: claim.text })).toHaveCount(0);
  await expect(entry.locator("blockquote").first()).toContainText("Average daily traffic: 52,000 vehicles.");
  expect(await page.content()).not.toContain(desk);
  expect(await seriousA11yViolations(page)).toEqual([]);

  const outputs = [
    `/summaries/${slug}`,
    `/summaries/${slug}/v/1`,
    `/summaries/${slug}/summary.json`,
    `/summaries/${slug}/summary.md`,
    "/summaries/feed.xml",
    "/summaries",
    `/summaries/${slug}/embed`,
    `/summaries/${slug}/embed/claim/${claim.id}`,
    `/api/oembed?url=${encodeURIComponent(`${new URL(page.url()).origin}/summaries/${slug}`)}&format=json`,
    "/sitemap.xml",
  ];
  for (const url of outputs) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const text = await response.text();
    expect(text, url).not.toContain(desk);
    expect(text, url).not.toMatch(/\/articles\/\d+|\/claims\/\d+/);
  }
  const json = await (await request.get(`/summaries/${slug}/summary.json`)).json();
  expect(json.claims[0].appearance).toMatchObject({ url: null, publisher: "Harbour Evening Post", datePublished: "2024-03-14" });
  expect(json.article).not.toHaveProperty("id");
});

test("the sitemap lists a summary, robots points to it, and a withdrawn summary leaves it and answers 410 with the notice", async ({ page, request }) => {
  const { slug, article } = await publishedWithoutUrl(request);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
  expect(robots).toMatch(/Disallow: \/\n/);
  expect(robots).toContain("Allow: /summaries");
  const listed = async () => (await (await request.get("/sitemap.xml")).text()).includes(`/summaries/${slug}</loc>`);
  expect(await listed()).toBe(true);
  expect(await (await request.get("/sitemap.xml")).text()).toMatch(new RegExp(`/summaries/${slug}</loc>\\s*<lastmod>\\d{4}-\\d{2}-\\d{2}T`));

  await signInAs(page, "editor");
  await page.goto(`/articles/${article.id}/publish`);
  await page.getByRole("button", { name: "Withdraw summary…" }).click();
  await page.getByLabel("Public reason").fill(`The traffic count we relied on was for another tunnel (${slug}).`);
  await page.getByRole("button", { name: "Withdraw summary", exact: true }).click();
  await expect(page.getByText(/Public reason: The traffic count/)).toBeVisible();

  expect(await listed()).toBe(false);
  const gone = await request.get(`/summaries/${slug}`);
  expect(gone.status()).toBe(410);
  const notice = await gone.text();
  expect(notice).toContain("This fact-check was withdrawn on");
  expect(notice).toContain("The traffic count we relied on was for another tunnel");
  expect((await request.get(`/summaries/${slug}/embed`)).status()).toBe(410);
  // The record stays public at its version's address.
  expect((await request.get(`/summaries/${slug}/v/1`)).status()).toBe(200);
});

test("public pages are served from the cache with CDN headers and refreshed on publication", async ({ request }) => {
  const { slug, title } = await publishedWithoutUrl(request);
  const pages = ["/summaries", `/summaries/${slug}`, `/summaries/${slug}/v/1`, `/summaries/${slug}/embed`];
  const files = ["/summaries/feed.xml", `/summaries/${slug}/opengraph-image`];
  for (const url of [...pages, ...files]) {
    const before = await request.get(url);
    const response = await request.get(url);
    const headers = response.headers();
    expect(response.status(), url).toBe(200);
    expect(headers["cache-control"], url).toMatch(/s-maxage=\d+/);
    expect(headers["cache-control"], url).toMatch(/stale-while-revalidate=\d+/);
    expect(headers["x-nextjs-cache"], url).toMatch(/HIT|STALE/);
    const etag = headers["etag"];
    expect(etag, `${url} has an ETag`).toBeTruthy();
    expect(before.headers()["etag"], `${url}: the same ETag while nothing changed`).toBe(etag);
    // Next answers a page's conditional request itself; for the feed and the image a CDN does, by the ETag.
    if (pages.includes(url)) expect((await request.get(url, { headers: { "If-None-Match": etag! } })).status(), url).toBe(304);
  }
  // The publication refreshed the cached index and feed: the new summary is in both.
  expect(await (await request.get("/summaries")).text()).toContain(title);
  expect(await (await request.get("/summaries/feed.xml")).text()).toContain(`/summaries/${slug}`);
});
