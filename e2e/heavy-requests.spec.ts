import { expect, test, type APIRequestContext } from "@playwright/test";
import { users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { buildDocxBomb, longArticleText } from "@/lib/ingest/test-files";
import { createToken } from "@/lib/tokens/tokens";
import { DEMO, e2eDb, signInAs } from "./fixtures";

/**
 * One user's heavy request must not stall everyone else's: while a zip bomb is refused or long
 * articles are compared, /api/v1/health keeps answering. Polls health from its own connection and
 * records the slowest answer.
 */
async function whileHealthPolled<T>(request: APIRequestContext, work: () => Promise<T>): Promise<{ result: T; slowestMs: number; answers: number; failures: number }> {
  let running = true;
  let slowestMs = 0;
  let answers = 0;
  let failures = 0;
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      const response = await request.get("/api/v1/health");
      slowestMs = Math.max(slowestMs, performance.now() - started);
      if (response.ok()) answers += 1;
      else failures += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  try {
    const result = await work();
    return { result, slowestMs, answers, failures };
  } finally {
    running = false;
    await poller;
  }
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A desk session over plain HTTP (Auth.js credentials sign-in), for routes the browser form calls. */
async function signInOverHttp(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", { form: { email, password, csrfToken, callbackUrl: "/" }, maxRedirects: 0 });
  expect(response.status(), "credentials sign-in redirects").toBe(302);
  const cookies = (await request.storageState()).cookies.map((c) => c.name);
  expect(cookies.some((name) => name.includes("session-token"))).toBe(true);
}


test.describe("heavy requests", () => {
  test("a .docx zip bomb is refused with a clear 413 in moments, and /health answers meanwhile", async ({ playwright, baseURL }) => {
    const desk = await playwright.request.newContext({ baseURL });
    await signInOverHttp(desk, DEMO.reporter.email, DEMO.reporter.password);
    const health = await playwright.request.newContext({ baseURL });
    // By its declared sizes on the request thread; by counting while inflating on a job thread (which
    // may have to start first).
    for (const [name, bomb, limitMs] of [
      ["bomb.docx", buildDocxBomb({ inflatedBytes: 138_000_000 }), 1_000],
      ["liar.docx", buildDocxBomb({ inflatedBytes: 400_000_000, declare: "lie" }), 10_000],
    ] as const) {
      const started = performance.now();
      const { result: response, slowestMs, answers, failures } = await whileHealthPolled(health, () =>
        desk.post("/articles/new/extract", { multipart: { file: { name, mimeType: DOCX, buffer: Buffer.from(bomb) } } }),
      );
      const tookMs = performance.now() - started;
      expect(response.status(), name).toBe(413);
      const body = await response.json();
      expect(body.error).toMatchObject({
        code: "payload_too_large",
        message: expect.stringMatching(new RegExp(`^${name.replace(".", "\\.")} unpacks to .* of document data; a \\.docx can unpack to at most 24 MB`)),
      });
      expect(tookMs, `${name} refused in ${Math.round(tookMs)} ms`).toBeLessThan(limitMs);
      expect(failures).toBe(0);
      expect(answers).toBeGreaterThan(0);
      expect(slowestMs, `slowest /health while ${name} was read: ${Math.round(slowestMs)} ms`).toBeLessThan(1_000);
    }
    await desk.dispose();
    await health.dispose();
  });

  test("the reporter sees why a zip bomb was refused on the form", async ({ page }) => {
    await signInAs(page, "reporter");
    await page.goto("/articles/new");
    await page.getByLabel("Upload a file").setInputFiles({ name: "bomb.docx", mimeType: DOCX, buffer: Buffer.from(buildDocxBomb({ inflatedBytes: 138_000_000 })) });
    await expect(page.getByText(/bomb\.docx unpacks to 132 MB of document data/)).toBeVisible();
  });

  test("candidates of a new article stay quick with long articles on the desk, and /health answers meanwhile", async ({ playwright, baseURL }) => {
    test.setTimeout(240_000);
    const db = e2eDb();
    const reporter = db.select().from(users).where(eq(users.email, DEMO.reporter.email)).get()!;
    const token = await createToken(db, reporter.id, { name: `heavy-requests ${Date.now()}` });
    if (!token.ok) throw new Error(token.error.message);
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token.value.token}` } });
    const health = await playwright.request.newContext({ baseURL });
    const run = Date.now().toString(36);

    for (let i = 0; i < 5; i++) {
      const { result: created, slowestMs } = await whileHealthPolled(health, () =>
        api.post("/api/v1/articles", { data: { title: `Long ${run} ${i}`, body: `${run} ${longArticleText(400_000, i)}` } }),
      );
      expect(created.status()).toBe(201);
      expect(slowestMs, `slowest /health while a 400,000-character article was added: ${Math.round(slowestMs)} ms`).toBeLessThan(1_000);
    }
    const fresh = await api.post("/api/v1/articles", {
      data: { title: `Fresh ${run}`, body: `Johnson is 62 years old and has spent 21 years behind bars. ${longArticleText(8_000, 99)} ${run}` },
    });
    expect(fresh.status()).toBe(201);
    const { id } = await fresh.json();

    const started = performance.now();
    const { result: candidates, slowestMs } = await whileHealthPolled(health, () => api.get(`/api/v1/articles/${id}/candidates`));
    const tookMs = performance.now() - started;
    expect(candidates.status()).toBe(200);
    const { data } = await candidates.json();
    const conflicts = data.flatMap((c: { conflicts: Array<{ kind: string; values: string[] }> }) => c.conflicts);
    expect(conflicts.some((c: { kind: string; values: string[] }) => c.kind === "age" && c.values.join() === "62,60")).toBe(true);
    // It took 20 s, with /health waiting the same 20 s behind it.
    expect(tookMs, `candidates took ${Math.round(tookMs)} ms`).toBeLessThan(3_000);
    expect(slowestMs, `slowest /health meanwhile: ${Math.round(slowestMs)} ms`).toBeLessThan(1_000);
    await api.dispose();
    await health.dispose();
  });
});
