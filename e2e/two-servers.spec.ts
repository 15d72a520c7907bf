/**
 * Two app servers on one PostgreSQL (issue #17, items 5 and 7): the same production build started
 * twice (`next start` on two ports) against one database, as two servers behind a load balancer.
 * Races between the servers have one winner, live events reach a stream on the other server, public
 * pages are fresh on both after a change on either, a webhook is delivered once although both
 * servers run delivery workers, and signing out on one ends the session on the other.
 *
 * It needs a real server: FACTDESK_TEST_PG_URL, which `.ci/run` sets (scripts/pg-cluster.sh run npm
 * test). Without it the file is skipped with a message.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startBuiltServer, type BenchServer } from "../bench/lib/server";
import { openPostgres, type PgDb } from "@/db/client-pg";
import type { Db } from "@/db/client";
import { createToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/users";
import { scratchDatabase, TEST_PG_URL, type ScratchDatabase } from "@/lib/testing/pg-scratch";
import { expect, must, test } from "./fixtures";

if (!TEST_PG_URL) console.info("two-servers.spec.ts: FACTDESK_TEST_PG_URL is unset, skipping (scripts/pg-cluster.sh run npm test sets it; .ci/run does).");
test.skip(!TEST_PG_URL, "needs a PostgreSQL server (FACTDESK_TEST_PG_URL)");
test.describe.configure({ mode: "serial", timeout: 120_000 });

const PORTS = [Number(process.env.FACTDESK_E2E_PORT ?? 3100) + 50, Number(process.env.FACTDESK_E2E_PORT ?? 3100) + 51];
const PASSWORD = "two servers, one desk";
const AUTH_SECRET = "factdesk-e2e-two-servers-secret-not-for-production-0123456789";

/** `next start` of the suite's own build on `port`, on the PostgreSQL desk at `databaseUrl` (the benchmarks' launcher). */
function startAppServer(port: number, databaseUrl: string, name: string): Promise<BenchServer> {
  return startBuiltServer({
    port,
    databaseFile: databaseUrl,
    distDir: process.env.NEXT_DIST_DIR || ".next",
    env: {
      FACTDESK_POSTGRES_PREVIEW: "1",
      FACTDESK_SERVER_ID: name,
      AUTH_SECRET,
      FACTDESK_API_RATE_LIMIT: "100000",
      FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK: "1",
      FACTDESK_DELIVERY_BACKOFF_MS: "1000",
    },
  });
}

let scratch: ScratchDatabase;
let db: Db;
let servers: [BenchServer, BenchServer];
const tokens: Record<"reporter" | "editorA" | "editorB" | "admin", string> = { reporter: "", editorA: "", editorB: "", admin: "" };
const emails: Record<keyof typeof tokens, string> = {
  reporter: "two.reporter@factdesk.test",
  editorA: "two.editor.a@factdesk.test",
  editorB: "two.editor.b@factdesk.test",
  admin: "two.admin@factdesk.test",
};

test.beforeAll(async () => {
  test.setTimeout(240_000);
  scratch = await scratchDatabase("factdesk_e2e_two");
  const pool: PgDb = await openPostgres(scratch.url, { max: 4 });
  db = pool as unknown as Db;
  const roles = { reporter: "reporter", editorA: "editor", editorB: "editor", admin: "admin" } as const;
  for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) {
    const user = must(await createUser(db, null, { email: emails[who], name: `Two ${who}`, role: roles[who], password: PASSWORD }));
    tokens[who] = must(await createToken(db, user.id, { name: "two servers" })).token;
  }
  // One after the other: the second waits for the first's migrations (an advisory lock) either way.
  servers = [await startAppServer(PORTS[0]!, scratch.url, "web-a"), await startAppServer(PORTS[1]!, scratch.url, "web-b")];
});

test.afterAll(async () => {
  await Promise.all((servers ?? []).map((server) => server?.stop()));
  await (db as unknown as PgDb | undefined)?.$client.end();
  await scratch?.drop();
});

const api = (server: BenchServer, token: string, pathname: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${server.baseUrl}/api/v1${pathname}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { Authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

async function json<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const body = await response.text();
  expect(response.status, body).toBe(status);
  return JSON.parse(body) as T;
}

const ORIGIN = {
  kind: "origin",
  url: "https://demo.factdesk.test/articles/two-servers",
  title: "Clemency explainer",
  publisher: "Desk Daily",
  quote: "She had served more than 21 years of a life sentence.",
};

/** A claim submitted through server A and reviewed there, ready for a verify. */
async function reviewedClaim(text: string): Promise<{ id: number; version: number; originId: number }> {
  const [a] = servers;
  const claim = await json<{ id: number; version: number; citations: { id: number }[] }>(await api(a, tokens.reporter, "/claims", { body: { text, citations: [ORIGIN] } }), 201);
  const originId = claim.citations[0]!.id;
  const reviewed = await json<{ version: number }>(
    await api(a, tokens.editorA, `/claims/${claim.id}/transitions`, { body: { action: "review", note: "Matches the court record.", citationIds: [originId], expectedVersion: claim.version } }),
    200,
  );
  return { id: claim.id, version: reviewed.version, originId };
}

test("a claim read on one server was written on the other, and racing verifies on the two have exactly one winner (409 for the other)", async () => {
  const [a, b] = servers;
  for (let round = 0; round < 3; round++) {
    const claim = await reviewedClaim(`Alice Marie Johnson served 21 years before her commutation (race ${round}).`);
    expect(await json<{ state: string }>(await api(b, tokens.reporter, `/claims/${claim.id}`), 200)).toMatchObject({ state: "reviewed", version: claim.version });
    const verify = (server: BenchServer) =>
      api(server, tokens.editorB, `/claims/${claim.id}/transitions`, {
        body: { action: "verify", verdict: "true", note: `Confirmed on ${server.baseUrl}.`, citationIds: [claim.originId], expectedVersion: claim.version },
      });
    const answers = await Promise.all([verify(a), verify(b)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(await json<{ error: { code: string } }>(loser, 409)).toMatchObject({ error: { code: "conflict" } });
    const after = await json<{ state: string; signoffs: unknown[] }>(await api(a, tokens.reporter, `/claims/${claim.id}`), 200);
    expect(after.state).toBe("verified");
    expect(after.signoffs).toHaveLength(3);
  }
});

/** Collects an event stream's events as they arrive (until it is aborted). */
function collect(response: Response): { events: { event: string; data: string }[]; ended: Promise<void> } {
  const events: { event: string; data: string }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        text += decoder.decode(chunk.value, { stream: true });
        const blocks = text.split("\n\n");
        text = blocks.pop()!;
        for (const block of blocks) {
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? "" });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, ended };
}

test("a change made on one server reaches an event stream open on the other at once (LISTEN/NOTIFY)", async () => {
  const [a, b] = servers;
  const aborted = new AbortController();
  const stream = await fetch(`${b.baseUrl}/api/v1/events`, { headers: { Authorization: `Bearer ${tokens.editorB}` }, signal: aborted.signal });
  expect(stream.status).toBe(200);
  const heard = collect(stream);
  try {
    await expect.poll(() => heard.events.some((event) => event.event === "ready"), { timeout: 10_000, message: "server B's stream is open" }).toBe(true);
    const started = Date.now();
    const created = await json<{ id: number }>(await api(a, tokens.reporter, "/claims", { body: { text: "A claim made for live across servers: 21 years served.", citations: [ORIGIN] } }), 201);
    const submitted = () => heard.events.find((event) => event.event === "claim.submitted" && (JSON.parse(event.data) as { claimId?: number }).claimId === created.id);
    await expect.poll(() => submitted() !== undefined, { timeout: 10_000, message: "server B's stream heard the claim submitted on server A" }).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(JSON.parse(submitted()!.data)).toMatchObject({ actorName: "Two reporter", description: "submitted this claim" });
  } finally {
    aborted.abort();
    await heard.ended;
  }
});

test("a summary published on one server is fresh on both, and so is a new version published on the other", async () => {
  const [a, b] = servers;
  const article = await json<{ id: number }>(
    await api(a, tokens.reporter, "/articles", { body: { title: `Two servers explainer ${Date.now()}`, body: "Alice Marie Johnson was 63 when her sentence was commuted in June 2018. She had served more than 21 years." } }),
    201,
  );
  const claim = await json<{ id: number; version: number; citations: { id: number }[] }>(
    await api(a, tokens.reporter, "/claims", { body: { text: "Alice Marie Johnson had served more than 21 years when her sentence was commuted.", articleId: article.id, citations: [{ ...ORIGIN, articleId: article.id }] } }),
    201,
  );
  const originId = claim.citations[0]!.id;
  const reviewed = await json<{ version: number }>(await api(a, tokens.editorA, `/claims/${claim.id}/transitions`, { body: { action: "review", note: "Checked.", citationIds: [originId], expectedVersion: claim.version } }), 200);
  await json(await api(b, tokens.editorB, `/claims/${claim.id}/transitions`, { body: { action: "verify", verdict: "true", note: "Confirmed.", citationIds: [originId], expectedVersion: reviewed.version } }), 200);

  // Both servers render the (empty) list first, so each has it cached before the publication.
  for (const server of servers) expect((await fetch(`${server.baseUrl}/summaries`)).status).toBe(200);
  const title = `Johnson's 21 years, checked twice ${Date.now()}`;
  const published = await json<{ slug: string }>(await api(a, tokens.editorA, `/articles/${article.id}/publish`, { body: { title, introduction: "What the record shows." } }), 201);
  for (const server of servers) {
    await expect.poll(async () => (await (await fetch(`${server.baseUrl}/summaries`)).text()).includes(title), { timeout: 10_000, message: `${server.baseUrl}/summaries lists the new summary` }).toBe(true);
    expect((await fetch(`${server.baseUrl}/summaries/${published.slug}`)).status).toBe(200);
  }

  // A new version published through B: A's cached pages (the summary and the list) show it too.
  const retitled = `${title}, corrected`;
  await json(await api(b, tokens.editorB, `/articles/${article.id}/publish`, { body: { title: retitled, introduction: "What the record shows, corrected.", correctionNote: "The title now says what was checked." } }), 201);
  for (const server of servers) {
    await expect.poll(async () => (await (await fetch(`${server.baseUrl}/summaries/${published.slug}`)).text()).includes(retitled), { timeout: 10_000, message: `${server.baseUrl} shows the new version` }).toBe(true);
    await expect.poll(async () => (await (await fetch(`${server.baseUrl}/summaries`)).text()).includes(retitled), { timeout: 10_000, message: `${server.baseUrl}/summaries lists the new version` }).toBe(true);
  }
});

test("a webhook is delivered once per event although both servers run delivery workers (FOR UPDATE SKIP LOCKED)", async () => {
  const [a, b] = servers;
  const received: { delivery: string; event: string }[] = [];
  const receiver: Server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ delivery: String(request.headers["factdesk-delivery"] ?? ""), event: body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    const port = (receiver.address() as AddressInfo).port;
    await json(await api(a, tokens.admin, "/webhooks", { body: { url: `http://127.0.0.1:${port}/hook`, eventTypes: ["claim.submitted"], description: "two servers" } }), 201);
    const submitted = 12;
    for (let i = 0; i < submitted; i++) {
      const server = i % 2 === 0 ? a : b;
      await json(await api(server, tokens.reporter, "/claims", { body: { text: `Webhook once per event across two servers, claim number ${i}.`, citations: [ORIGIN] } }), 201);
    }
    await expect.poll(() => received.length, { timeout: 30_000, message: "every submission delivered" }).toBeGreaterThanOrEqual(submitted);
    // Give a duplicate time to arrive, were there one.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(received).toHaveLength(submitted);
    expect(new Set(received.map((entry) => entry.delivery)).size).toBe(submitted);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

test("signing in on one server works on the other, and signing out on one ends the session on both", async ({ browser }) => {
  const [a, b] = servers;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${a.baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(emails.editorA);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // Cookies belong to the host, not the port: the same session cookie goes to B, which knows it from the database.
  const cookies = await context.cookies(a.baseUrl);
  await page.goto(`${b.baseUrl}/queue`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  await page.getByRole("button", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The old cookie, replayed to A, opens nothing any more: the session row is gone for both.
  const header = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const replayed = await fetch(`${a.baseUrl}/queue`, { headers: { cookie: header }, redirect: "manual" });
  expect(replayed.status).toBeGreaterThanOrEqual(300);
  expect(replayed.status).toBeLessThan(400);
  expect(replayed.headers.get("location") ?? "").toContain("/sign-in");
  await context.close();
});
