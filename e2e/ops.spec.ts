import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { hashSync } from "@node-rs/argon2";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { expect, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * Operations (issue #16) against the production build. The suite's server: /metrics parses and counts
 * the requests this test makes, /api/v1/ready answers, every answer carries X-Request-Id, and the
 * admins' System page. Then a second server from the same build, on its own database, whose output
 * this test captures at LOG_LEVEL=trace: a sign-in, a token made on the tokens page, API calls with
 * it, a webhook registered and delivered; the log has the request lines (route pattern, status, user,
 * request id as sent back) and the delivery attempt, and none of the secrets involved.
 */

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const family = parsePrometheusTextFormat(text).find((candidate) => candidate.name === name);
  const sample = family?.metrics.find((metric) => Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value));
  return Number(sample?.value ?? 0);
}

test("/metrics parses as the Prometheus text format and counts the requests this test made; /ready and /health answer with a request id", async ({ request }) => {
  const scrape = async () => {
    const response = await request.get("/metrics");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/plain");
    return response.text();
  };
  const labels = { method: "GET", route: "/api/v1/ready", status: "200" };
  const before = metricValue(await scrape(), "factdesk_http_requests_total", labels);
  const ids = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const ready = await request.get("/api/v1/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: expect.arrayContaining([expect.objectContaining({ name: "database", ok: true })]) });
    ids.add(ready.headers()["x-request-id"]);
  }
  expect(ids.size).toBe(3);
  const text = await scrape();
  expect(metricValue(text, "factdesk_http_requests_total", labels)).toBe(before + 3);
  const families = parsePrometheusTextFormat(text);
  expect(families.find((family) => family.name === "factdesk_http_request_duration_seconds")?.type).toBe("HISTOGRAM");
  for (const name of ["factdesk_claims", "factdesk_outbox_backlog", "factdesk_outbox_oldest_age_seconds", "factdesk_signoffs_total", "factdesk_delivery_failures_total", "factdesk_database_size_bytes", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes"]) {
    expect(families.map((family) => family.name)).toContain(name);
  }
  expect(metricValue(text, "factdesk_database_size_bytes", {})).toBeGreaterThan(0);

  const health = await request.get("/api/v1/health");
  expect(health.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("the System page shows admins the build, database, backup, audit chain, outboxes and latest errors; others are refused", async ({ page, browser }) => {
  const reporter = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const reporterPage = await reporter.newPage();
  await signInAs(reporterPage, "reporter");
  const refused = await reporterPage.goto("/admin/system");
  expect(refused?.status()).toBe(403);
  await reporter.close();

  await signInAs(page, "admin");
  await page.goto("/admin/system");
  await expect(page.getByRole("heading", { name: "System", level: 1 })).toBeVisible();
  const server = page.getByRole("definition").filter({ hasText: "API v1" });
  await expect(server).toBeVisible();
  await expect(page.getByRole("heading", { name: "Last backup" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit chain" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Readiness checks" })).toContainText("database: Takes writes");
  const outbox = page.getByRole("table", { name: "Outbox backlogs" });
  for (const consumer of ["events:notifications", "events:webhooks", "deliveries:webhook"]) await expect(outbox.getByRole("rowheader", { name: consumer })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Latest errors on this server" })).toBeVisible();

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByText(/Chain intact: \d+ sign-offs? verified/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Audit chain")).toContainText(/Intact.*by /);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test.describe("the server's log", () => {
  const port = Number(process.env.FACTDESK_E2E_PORT ?? 3100) + 37;
  const base = `http://127.0.0.1:${port}`;
  const authSecret = `ops-e2e-auth-secret-${randomBytes(16).toString("hex")}`;
  const password = `Pw-${randomBytes(9).toString("base64url")}-ops`;
  const email = `ops-admin-${unique()}@example.test`;
  let server: ChildProcess;
  let output = "";
  let receiver: Server;
  let receiverUrl = "";
  const received: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const databaseFile = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-ops-e2e-")), "ops.db");
    const db = openDatabase(databaseFile);
    db.insert(users)
      .values({ email, name: "Ops Admin", role: "admin", passwordHash: hashSync(password, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 }) })
      .run();
    db.$client.close();

    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += String(chunk)));
      request.on("end", () => {
        received.push(body);
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook-${unique()}`;

    const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
    server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: databaseFile,
        PORT: String(port),
        AUTH_SECRET: authSecret,
        LOG_LEVEL: "trace",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        FACTDESK_TRUSTED_PROXY: "loopback",
        FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK: "1",
        FACTDESK_DELIVERY_BACKOFF_MS: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk) => (output += String(chunk)));
    server.stderr!.on("data", (chunk) => (output += String(chunk)));
    await expect
      .poll(async () => (await fetch(`${base}/api/v1/health`).catch(() => null))?.status ?? 0, { timeout: 120_000, intervals: [250] })
      .toBe(200);
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()) ?? resolve());
  });

  const lines = () =>
    output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  test("one JSON line per request with the route's pattern and the id sent back; no password, token, cookie or secret in any line", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    await page.goto("/settings/tokens");
    await page.getByLabel("Token name").fill(`ops ${unique()}`);
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("New API token").inputValue();
    expect(token).toMatch(/^fd_/);
    const cookies = (await context.cookies()).map((cookie) => cookie.value).filter((value) => value.length >= 16);
    expect(cookies.length).toBeGreaterThan(0);

    // An API call with the token, its request id chosen by the (trusted, loopback) proxy.
    const chosenId = `ops-${unique()}`;
    const me = await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}`, "X-Request-Id": chosenId } });
    expect(me.status).toBe(200);
    expect(me.headers.get("x-request-id")).toBe(chosenId);
    const adminId = ((await me.json()) as { id: number }).id;

    const hook = await fetch(`${base}/api/v1/webhooks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url: receiverUrl, eventTypes: ["article.added"] }),
    });
    expect(hook.status).toBe(201);
    const webhookSecret = ((await hook.json()) as { secret: string }).secret;
    expect(webhookSecret).toMatch(/^whsec_/);
    const article = await fetch(`${base}/api/v1/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: `Ops ${unique()}`, body: `The council approved ${unique()} new buses on Monday, the mayor said.` }),
    });
    expect(article.status).toBe(201);
    const articleRequestId = article.headers.get("x-request-id")!;
    await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => lines().some((line) => line.source === "delivery" && line.outcome === "delivered"), { timeout: 15_000 }).toBe(true);
    // A page, by its pattern, not its path.
    await page.goto("/admin/system");
    await expect(page.getByRole("heading", { name: "System", level: 1 })).toBeVisible();
    await expect.poll(() => lines().some((line) => line.route === "/admin/system"), { timeout: 10_000 }).toBe(true);

    const all = lines();
    const meLine = all.find((line) => line.request_id === chosenId);
    expect(meLine).toMatchObject({ level: "info", method: "GET", route: "/api/v1/me", status: 200, user_id: adminId, msg: "GET /api/v1/me 200" });
    expect(typeof meLine!.duration_ms).toBe("number");
    expect(new Date(meLine!.time as string).toISOString()).toBe(meLine!.time);
    expect(all.find((line) => line.request_id === articleRequestId)).toMatchObject({ method: "POST", route: "/api/v1/articles", status: 201, user_id: adminId });
    expect(all.find((line) => line.route === "/admin/system" && line.method === "GET")).toMatchObject({ status: 200 });
    expect(all.find((line) => line.source === "delivery")).toMatchObject({ channel: "webhook", attempt: 1, outcome: "delivered", receiver_status: 200 });
    // Server actions (sign-in, token creation) are requests too, by their page's pattern.
    expect(all.some((line) => line.method === "POST" && line.route === "/settings/tokens")).toBe(true);

    for (const [name, secret] of Object.entries({ password, token, authSecret, webhookSecret, ...Object.fromEntries(cookies.map((value, i) => [`cookie ${i}`, value])) })) {
      expect(output.includes(secret), `${name} appears in the server's output`).toBe(false);
    }
    await context.close();
  });
});
