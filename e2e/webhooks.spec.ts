import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * Webhooks end to end: an admin registers a hook on a receiver this test runs on loopback, a claim
 * review through the API makes the server deliver a signed POST, and a receiver that is down at
 * first (503) gets it on the retry, which the delivery log shows. The suite's server runs with
 * FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK=1 and a 1 s backoff base (playwright.config.ts).
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let server: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Statuses to answer with, in order; 200 once used up. */
const script: number[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const answered = script.shift() ?? 200;
      received.push({ headers: request.headers, body, answered });
      response.writeHead(answered, { "content-type": "text/plain" }).end(answered === 200 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/factdesk-${unique()}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const origin = {
  kind: "origin",
  url: "https://news.example/webhooks",
  title: "Ferry timetable",
  publisher: "Example Gazette",
  quote: "The ferry carried 1,200 passengers on its first day",
  accessedAt: "2024-05-01",
};

test("an admin's webhook gets a signed delivery of a claim review, retried after the receiver was down", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signInAs(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // The URL policy answers on the URL field.
  const form = page.getByRole("form", { name: "Register webhook" });
  await form.getByLabel("Endpoint URL").fill("http://chat.example.org/hook");
  await form.getByLabel("claim.transitioned").check();
  await form.getByRole("button", { name: "Register webhook" }).click();
  await expect(form.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#webhook-url-error")).toContainText("Use https://");

  await form.getByLabel("Endpoint URL").fill(receiverUrl);
  await form.getByLabel("Description").fill("e2e receiver");
  await form.getByRole("button", { name: "Register webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "shown only once" })).toBeVisible();
  const secret = await page.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByRole("row").filter({ hasText: receiverUrl });
  await expect(row).toContainText("claim.transitioned");

  // The receiver is down for the first attempt.
  script.push(503);
  const db = e2eDb();
  const claim = must(await submitClaim(db, demoActor("reporter"), { text: `The ferry carried 1,200 passengers on its first day (${unique()}).`, citations: [origin] }));
  const editorToken = must(await createToken(db, demoActor("editor").id, { name: `webhooks e2e ${unique()}` })).token;
  const review = await request.post(`/api/v1/claims/${claim.id}/transitions`, {
    headers: { Authorization: `Bearer ${editorToken}` },
    data: { action: "review", note: "Matches the timetable", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version },
  });
  expect(review.status(), await review.text()).toBe(200);

  await expect.poll(() => received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  expect(received.map((r) => r.answered).slice(0, 2)).toEqual([503, 200]);
  const [first, delivered] = received as [Received, Received];
  // The same delivery, retried: same id, same body.
  expect(delivered.headers["factdesk-delivery"]).toBe(first.headers["factdesk-delivery"]);
  expect(delivered.body).toBe(first.body);
  expect(delivered.headers["content-type"]).toBe("application/json");
  expect(delivered.headers["factdesk-event"]).toBe("claim.transitioned");
  const body = JSON.parse(delivered.body) as { id: number; type: string; createdAt: string; data: Record<string, unknown> };
  expect(body).toMatchObject({ type: "claim.transitioned", data: { claimId: claim.id, action: "review", from: "draft", to: "reviewed" } });
  expect(Object.keys(body).sort()).toEqual(["createdAt", "data", "id", "type"]);

  // The signature, checked as a receiver would, with the secret shown on creation.
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivered.headers["factdesk-signature"]));
  expect(match, String(delivered.headers["factdesk-signature"])).not.toBeNull();
  const [, t, v1] = match!;
  expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(120);
  expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${delivered.body}`).digest("hex"));
  expect(createHmac("sha256", "whsec_wrong").update(`${t}.${delivered.body}`).digest("hex")).not.toBe(v1);

  // The delivery log shows the failed attempt, then the success.
  await row.getByRole("link", { name: /Delivery log/ }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  const delivery = page.getByRole("row").filter({ hasText: `#${first.headers["factdesk-delivery"]}` });
  await expect(async () => {
    await page.reload();
    await expect(delivery).toContainText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(delivery).toContainText("claim.transitioned");
  await expect(delivery.getByRole("listitem")).toHaveCount(2);
  await expect(delivery.getByRole("listitem").first()).toContainText("The receiver answered 503");
  await expect(delivery.getByRole("listitem").nth(1)).toContainText("200");
  await page.screenshot({ path: "test-results/webhooks-delivery-log.png", fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The API tells the same story, to admins only.
  const adminToken = must(await createToken(db, demoActor("admin").id, { name: `webhooks e2e admin ${unique()}` })).token;
  const hooks = await request.get("/api/v1/webhooks", { headers: { Authorization: `Bearer ${adminToken}` } });
  const hook = ((await hooks.json()) as { data: Array<{ id: number; url: string }> }).data.find((candidate) => candidate.url === receiverUrl)!;
  expect(JSON.stringify(hook)).not.toContain("whsec_");
  const log = await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: { Authorization: `Bearer ${adminToken}` } });
  expect(log.status()).toBe(200);
  const [latest] = ((await log.json()) as { data: Array<{ status: string; attempts: number; log: Array<{ ok: boolean; status: number | null }> }> }).data;
  expect(latest).toMatchObject({ status: "delivered", attempts: 2, log: [{ ok: false, status: 503 }, { ok: true, status: 200 }] });
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: { Authorization: `Bearer ${editorToken}` } })).status()).toBe(403);

  // Replay sends the same delivery once more.
  const before = received.length;
  await delivery.getByRole("button", { name: /Replay/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Queued" })).toBeVisible();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(before + 1);
  expect(received.at(-1)!.headers["factdesk-delivery"]).toBe(first.headers["factdesk-delivery"]);

  // Leave nothing behind that would send to this receiver after the test.
  await page.goto("/admin/webhooks");
  await page.screenshot({ path: "test-results/webhooks-admin.png", fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);
  await row.getByRole("button", { name: /Delete/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByRole("row").filter({ hasText: receiverUrl })).toHaveCount(0);
});

test("the webhooks API registers (secret once), refuses what the policy does not allow, and deletes; the page pauses and resumes", async ({ page, request }) => {
  const db = e2eDb();
  const admin = { Authorization: `Bearer ${must(await createToken(db, demoActor("admin").id, { name: `webhooks api ${unique()}` })).token}` };
  const editor = { Authorization: `Bearer ${must(await createToken(db, demoActor("editor").id, { name: `webhooks api ${unique()}` })).token}` };
  const url = `${receiverUrl}-api`;

  expect((await request.post("/api/v1/webhooks", { headers: editor, data: { url, eventTypes: ["claim.assigned"] } })).status()).toBe(403);
  const refused = await request.post("/api/v1/webhooks", { headers: admin, data: { url: "https://169.254.169.254/latest", eventTypes: ["claim.assigned"] } });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { fields: Record<string, string[]> } }).error.fields.url?.[0]).toMatch(/Private, link-local/);

  const created = await request.post("/api/v1/webhooks", { headers: admin, data: { url, eventTypes: ["claim.assigned"], description: "API-made" } });
  expect(created.status(), await created.text()).toBe(201);
  const hook = (await created.json()) as { id: number; secret: string; eventTypes: string[]; active: boolean };
  expect(hook).toMatchObject({ eventTypes: ["claim.assigned"], active: true, secret: expect.stringMatching(/^whsec_/) });

  await signInAs(page, "admin");
  await page.goto("/admin/webhooks");
  const row = page.getByRole("row").filter({ hasText: url });
  await row.getByRole("button", { name: /Pause/ }).click();
  await expect(row).toContainText("Paused");
  await row.getByRole("button", { name: /Resume/ }).click();
  await expect(row).toContainText("Active");

  expect((await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: editor })).status()).toBe(403);
  const deleted = await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: admin });
  expect(deleted.status()).toBe(200);
  expect(JSON.stringify(await deleted.json())).not.toContain("whsec_");
  expect((await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: admin })).status()).toBe(404);
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: admin })).status()).toBe(404);
});
