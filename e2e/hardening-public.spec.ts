import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseHTML } from "linkedom";
import Parser from "rss-parser";
import type { Page } from "@playwright/test";
import { type Verdict } from "@/lib/core/vocabulary";
import { createArticle } from "@/lib/articles/articles";
import { createToken } from "@/lib/tokens/tokens";
import { addCitations, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, signInAs, test } from "./fixtures";

/*
 * Issue 9, items 3 to 5, against the production build: security headers on every response, HSTS
 * only behind the trusted proxy (playwright.config.ts declares loopback trusted), pages that still
 * work under their CSP, a desk that refuses to be framed, a feed that carries editors' markup as
 * text, an address the editor chooses, and sources without a sign-off kept off the public page.
 */

const actor = demoActor;

const runTag = Date.now().toString(36);
let arranged = 0;

/** An article with one claim taken through submit → review → verify by three different people. */
async function arrangeVerifiedClaim(verdict: Verdict = "false"): Promise<{ articleId: number; claim: ClaimDetail; tag: string }> {
  const db = e2eDb();
  const tag = `${runTag}-${(arranged += 1)}`;
  const sentence = `The senator said the grant was 12 million dollars in ${tag}.`;
  const article = must(
    await createArticle(db, actor("reporter"), { title: `Grant story ${tag}`, body: `${sentence} It was announced in May.`, sourceUrl: `https://news.example/grant-${tag}` }),
  );
  const submitted = must(
    await submitClaim(db, actor("reporter"), {
      text: `The grant was 12 million dollars (${tag}).`,
      articleId: article.id,
      citations: [{ kind: "origin", url: article.sourceUrl, title: article.title, quote: sentence, articleId: article.id, quoteStart: 0, quoteEnd: sentence.length }],
    }),
  );
  const reviewed = must(
    await transitionClaim(db, actor("editor"), submitted.id, {
      action: "review",
      note: "Matches the announcement.",
      citationIds: submitted.citations.map((c) => c.id),
      expectedVersion: submitted.version,
    }),
  );
  const claim = must(
    await transitionClaim(db, actor("editor2"), reviewed.id, {
      action: "verify",
      verdict,
      note: "The grant register lists 9.5 million dollars.",
      citations: [{ kind: "refutes", url: `https://grants.example/${tag}`, title: "Grant register", publisher: "Treasury", quote: "Grant awarded: 9.5 million dollars." }],
      expectedVersion: reviewed.version,
    }),
  );
  return { articleId: article.id, claim, tag };
}

/** Collects CSP violations as the page sees them (the event) and as the console reports them. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

const cspOf = (headers: { name: string; value: string }[]) => headers.filter((h) => h.name.toLowerCase() === "content-security-policy").map((h) => h.value);

test("every response carries the security headers, with the CSP of its area", async ({ request }) => {
  const signIn = await request.get("/sign-in");
  const cssHref = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await signIn.text())?.[1];
  expect(cssHref, "a stylesheet on the sign-in page").toBeTruthy();
  const urls = ["/sign-in", "/", "/summaries", "/summaries/feed.xml", "/summaries/no-such-summary", "/api/v1/health", "/api/v1/openapi.json", "/api/v1/claims", cssHref!];
  for (const url of urls) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], url).toBe("DENY");
    const csp = cspOf(response.headersArray());
    expect(csp, `${url}: exactly one policy`).toHaveLength(1);
    expect(csp[0], url).toContain("frame-ancestors 'none'");
    expect(headers["strict-transport-security"], `${url} came over plain http`).toBeUndefined();
  }

  // The desk and sign-in: a fresh nonce per response, and Next's scripts carry it.
  const nonces = [];
  for (let i = 0; i < 2; i += 1) {
    const response = await request.get("/sign-in");
    const [csp] = cspOf(response.headersArray());
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("'unsafe-inline'");
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  // Public pages are cached, so no nonce: scripts from this origin and Next's inline hydration data.
  const [publicCsp] = cspOf((await request.get("/summaries")).headersArray());
  expect(publicCsp).toContain("script-src 'self' 'unsafe-inline'");
  expect(publicCsp).toContain("object-src 'none'");
  expect(publicCsp).not.toContain("nonce-");
  // The API answers JSON only: nothing may run in or frame it.
  expect(cspOf((await request.get("/api/v1/health")).headersArray())[0]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("HSTS is sent only when a trusted proxy says the client came over https", async ({ request }) => {
  for (const url of ["/sign-in", "/summaries", "/api/v1/health"]) {
    const overHttps = await request.get(url, { headers: { "X-Forwarded-Proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"], url).toBe("max-age=63072000; includeSubDomains");
    expect(cspOf(overHttps.headersArray())[0], url).toMatch(url.startsWith("/api/") ? /default-src 'none'/ : /upgrade-insecure-requests/);
    const overHttp = await request.get(url, { headers: { "X-Forwarded-Proto": "http" } });
    expect(overHttp.headers()["strict-transport-security"], url).toBeUndefined();
    expect(cspOf(overHttp.headersArray())[0]).not.toContain("upgrade-insecure-requests");
  }
  // The peer address the server stamps comes from the socket: a client's own value for it is
  // overwritten (here it would have made the loopback proxy look like an untrusted stranger).
  const stamped = await request.get("/sign-in", { headers: { "X-Forwarded-Proto": "https", "X-Factdesk-Peer-Address": "203.0.113.9" } });
  expect(stamped.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
});

test("the desk refuses to be framed by another site", async ({ page }) => {
  await signInAs(page, "editor");
  const target = new URL("/admin/users", page.url()).href;
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
  });
  // A page of another origin (another port: same site, so the session cookie would go along),
  // served from this machine (Chromium stops public pages framing local ones anyway).
  const attacker = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><title>Win a prize</title><iframe id="victim" src="${target}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
    await expect.poll(() => refusals.length, { message: "the browser reports the refused frame" }).toBeGreaterThan(0);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    expect(framed).toBeDefined();
    // Nothing of the desk rendered in the frame: no admin page with its one-click buttons, no sign-in form.
    expect(await framed!.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    expect(await framed!.getByRole("button", { name: "Sign in" }).count()).toBe(0);
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});

test("an editor picks the address, the feed and the page show the title's literal words, unsigned sources stay on the desk", async ({ page, browser, request }) => {
  const { articleId, claim, tag } = await arrangeVerifiedClaim();
  // The submitter attaches a source to the verified claim: allowed, but no sign-off rests on it.
  const unvetted = `https://unvetted.example/${tag}`;
  must(
    await addCitations(e2eDb(), actor("reporter"), claim.id, {
      citations: [{ kind: "supports", url: unvetted, title: "An unvetted blog post", quote: "It was 12 million, trust me." }],
      expectedVersion: claim.version,
    }),
  );
  const title = `Grant <img src=x onerror=alert(1)> & “quotes” ${tag}`;
  const slug = `grant-claims-${tag}`;
  const deskCsp = await watchCsp(page);

  // The desk under its nonce policy: the claim page marks the unsigned source, the publish form works.
  await signInAs(page, "editor");
  await page.goto(`/claims/${claim.id}`);
  const unsignedCard = page.locator("li", { hasText: "An unvetted blog post" });
  await expect(unsignedCard.getByText("Awaiting sign-off")).toBeVisible();
  await expect(page.locator("li", { hasText: "Grant register" }).getByText("Awaiting sign-off")).toHaveCount(0);

  await page.goto(`/articles/${articleId}/publish`);
  const address = page.getByLabel("Web address");
  await expect(address).toHaveValue(`fact-check-grant-story-${tag}`);
  await page.getByLabel("Title").fill(title);
  // The suggestion follows the title until the editor edits it…
  await expect(address).toHaveValue(`grant-img-src-x-onerror-alert-1-quotes-${tag}`);
  await address.fill("Grant Claims!");
  await page.getByLabel("Introduction").fill("A senator's figure for the grant was repeated widely; we checked the register.");
  await page.getByRole("button", { name: "Preview" }).click();
  // …and a malformed address is a clear field error.
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/lowercase letters a–z, digits and single hyphens/)).toBeVisible();
  await address.fill(slug);
  await page.getByLabel("Title").fill(title);
  await expect(address).toHaveValue(slug);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(`/summaries/${slug}`)).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1.")).toBeVisible();
  await expect(page.getByText(`/summaries/${slug}, fixed since version 1`)).toBeVisible();
  await expect(page.getByLabel("Web address")).toHaveCount(0);
  expect(await deskCsp()).toEqual([]);

  // The public page under its static-friendly policy: hydrated (the live check ran), JSON-LD present.
  const visitor = await (await browser.newContext()).newPage();
  const publicCsp = await watchCsp(visitor);
  const liveCheck = visitor.waitForResponse((response) => response.url().endsWith(`/summaries/${slug}/summary.json`));
  await visitor.goto(`/summaries/${slug}`);
  expect((await liveCheck).status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.locator("img[src=x]")).toHaveCount(0);
  const jsonLd = JSON.parse((await visitor.locator('script[type="application/ld+json"]').textContent()) ?? "null");
  expect(jsonLd).toEqual(expect.arrayContaining([expect.objectContaining({ "@type": "ClaimReview", claimReviewed: claim.text })]));
  await expect(visitor.getByRole("link", { name: /Grant register/ })).toBeVisible();
  await expect(visitor.getByText("An unvetted blog post")).toHaveCount(0);
  expect(await visitor.content()).not.toContain(unvetted);
  expect(await publicCsp()).toEqual([]);
  await visitor.context().close();

  // The feed: the same literal words, no live markup; exports leave the unsigned source out too.
  const xml = await (await request.get("/summaries/feed.xml")).text();
  expect(xml).not.toMatch(/<img\b/i);
  const entry = (await new Parser().parseString(xml)).items.find((item) => item.link?.endsWith(`/summaries/${slug}`));
  expect(entry, "the new summary is in the feed").toBeDefined();
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  document.body.innerHTML = entry!.title ?? "";
  expect(document.body.textContent).toBe(title);
  expect(document.body.querySelector("img")).toBeNull();
  for (const url of [`/summaries/${slug}/summary.json`, `/summaries/${slug}/summary.md`]) {
    const body = await (await request.get(url)).text();
    expect(body, url).toContain("grants.example");
    expect(body, url).not.toContain(unvetted);
  }

  // The address never changes: a republish naming another one is refused with 422 naming the field.
  const { token } = must(await createToken(e2eDb(), actor("editor").id, { name: `slug e2e ${tag}` }));
  const renamed = await request.post(`/api/v1/articles/${articleId}/publish`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { title, introduction: "A senator's figure for the grant was repeated widely; we checked it again.", correctionNote: "Reworded.", slug: "another-address" },
  });
  expect(renamed.status()).toBe(422);
  expect((await renamed.json()).error.fields.slug[0]).toContain(slug);
  expect((await request.get(`/summaries/${slug}`)).status()).toBe(200);
});
