import type { APIRequestContext } from "@playwright/test";
import { sql } from "drizzle-orm";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, type ClaimDetail } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test, type DemoRole } from "./fixtures";

/*
 * Notifications end to end, against the production server: an assignment made over the API reaches
 * the assignee's inbox and badge, its link opens the claim, and marking it read clears the badge;
 * a mention reaches an open inbox live; the notification and follow endpoints answer as documented.
 */

const runTag = Date.now().toString(36);
let counter = 0;
const unique = () => `${runTag}-${(counter += 1)}`;

const tokens = new Map<DemoRole, string>();
async function auth(role: DemoRole): Promise<Record<string, string>> {
  let token = tokens.get(role);
  if (!token) {
    token = must(await createToken(e2eDb(), demoActor(role).id, { name: `notifications e2e ${role} ${runTag}` })).token;
    tokens.set(role, token);
  }
  return { Authorization: `Bearer ${token}` };
}

async function arrangeClaim(): Promise<ClaimDetail> {
  return must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text: `The ferry carried 1,200 passengers a day in 2021 (${unique()}).`,
      citations: [{ kind: "origin", url: "https://news.example/ferry", title: "Ferry figures", publisher: "Harbour News", quote: "1,200 passengers a day", accessedAt: "2024-05-01" }],
    }),
  );
}

/**
 * Waits until the server's notifications handler has seen every event so far: changes arranged
 * straight in the database (here and in earlier specs) are dispatched by the server's poller a moment
 * later, and their notifications must not land after the inbox was emptied.
 */
async function effectsSettled() {
  await expect
    .poll(() => {
      const row = e2eDb().get<{ behind: number }>(
        sql`SELECT (SELECT coalesce(max(id), 0) FROM events) - coalesce((SELECT last_event_id FROM event_consumers WHERE name = 'notifications'), 0) AS behind`,
      );
      return row?.behind;
    })
    .toBe(0);
}

async function markAllRead(request: APIRequestContext, role: DemoRole) {
  await effectsSettled();
  const response = await request.post("/api/v1/notifications/read", { headers: await auth(role), data: { all: true } });
  expect(response.status(), await response.text()).toBe(200);
}

test("an assignment reaches the assignee: inbox entry with a working link, badge, mark read", async ({ page, request }) => {
  await markAllRead(request, "editor2");
  const claim = await arrangeClaim();
  const elena = demoActor("editor2");
  const assigned = await request.post(`/api/v1/claims/${claim.id}/assign`, { headers: await auth("editor"), data: { assigneeId: elena.id, expectedVersion: claim.version } });
  expect(assigned.status(), await assigned.text()).toBe(200);

  await signInAs(page, "editor2");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Inbox (1 unread)" })).toBeVisible();

  await nav.getByRole("link", { name: /^Inbox/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  const entry = page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: `assigned you claim #${claim.id}` });
  await expect(entry).toContainText(`Eddie Okafor assigned you claim #${claim.id}: “The ferry carried 1,200 passengers a day`);
  await expect(entry).toContainText("A claim is assigned to me");
  expect(await seriousA11yViolations(page)).toEqual([]);

  await entry.getByRole("link", { name: `Open claim #${claim.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/inbox");
  await entry.getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByText("Nothing unread")).toBeVisible();
  await expect(nav.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "All" }).click();
  await expect(page.getByRole("list", { name: "Notifications" })).toContainText(`Eddie Okafor assigned you claim #${claim.id}`);
});

test("a mention reaches an open inbox live, without a reload", async ({ page, request }) => {
  await markAllRead(request, "reporter");
  const claim = await arrangeClaim();
  await signInAs(page, "reporter");
  // The page's event stream must be open before the change, or there is nothing for it to hear.
  const streamOpen = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/live" && response.status() === 200);
  await page.goto("/inbox");
  await streamOpen;
  await expect(page.getByText("Nothing unread")).toBeVisible();
  const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));

  const rita = demoActor("reporter");
  const posted = await request.post(`/api/v1/claims/${claim.id}/comments`, { headers: await auth("editor"), data: { body: `@[Rita Reyes](user:${rita.id}) which year is this figure from?` } });
  expect(posted.status(), await posted.text()).toBe(201);
  // Made after commit by the outbox's notifications consumer; waiting for the row first tells "never
  // made" apart from "made but not pushed to the open page" when this fails.
  await expect
    .poll(() => e2eDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${rita.id} AND claim_id = ${claim.id} AND kind = 'mentioned'`)?.n, { timeout: 10_000 })
    .toBe(1);

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Inbox (1 unread)" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("list", { name: "Notifications" })).toContainText(`Eddie Okafor mentioned you on claim #${claim.id}: “@Rita Reyes which year is this figure from?”`);
  // Same document: updated in place, not reloaded.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(marker);
});

test("notification and follow endpoints: shapes, unread filter, refusals that change nothing", async ({ request }) => {
  await markAllRead(request, "editor2");
  const claim = await arrangeClaim();
  const elena = demoActor("editor2");
  await request.post(`/api/v1/claims/${claim.id}/assign`, { headers: await auth("editor"), data: { assigneeId: elena.id, expectedVersion: claim.version } });

  const unread = await (await request.get("/api/v1/notifications?unread=true", { headers: await auth("editor2") })).json();
  expect(unread.unreadCount).toBe(1);
  expect(unread.data).toHaveLength(1);
  expect(unread.data[0]).toMatchObject({ id: expect.any(Number), kind: "assigned", claimId: claim.id, actorId: demoActor("editor").id, readAt: null, createdAt: expect.any(String) });
  expect(unread.data[0].message).toContain(`assigned you claim #${claim.id}`);
  expect(unread).toHaveProperty("nextCursor");

  for (const data of [{}, { ids: [] }, { all: false }, { ids: ["x"] }, { ids: [unread.data[0].id, 999_999_999] }]) {
    const refused = await request.post("/api/v1/notifications/read", { headers: await auth("editor2"), data });
    expect(refused.status(), JSON.stringify(data)).toBe(422);
    expect((await refused.json()).error.code).toBe("invalid");
  }
  // Another person's notification cannot be marked by you.
  const notMine = await request.post("/api/v1/notifications/read", { headers: await auth("editor"), data: { ids: [unread.data[0].id] } });
  expect(notMine.status()).toBe(422);
  expect((await (await request.get("/api/v1/notifications?unread=true", { headers: await auth("editor2") })).json()).unreadCount).toBe(1);

  const marked = await request.post("/api/v1/notifications/read", { headers: await auth("editor2"), data: { ids: [unread.data[0].id] } });
  expect(await marked.json()).toEqual({ marked: 1, unreadCount: 0 });
  const all = await (await request.get("/api/v1/notifications?limit=1", { headers: await auth("editor2") })).json();
  expect(all.data[0].readAt).toEqual(expect.any(String));
  expect((await request.get("/api/v1/notifications?unread=maybe", { headers: await auth("editor2") })).status()).toBe(422);
  expect((await request.get("/api/v1/notifications")).status()).toBe(401);

  const follow = await request.put(`/api/v1/claims/${claim.id}/follow`, { headers: await auth("editor2"), data: {} });
  expect(await follow.json()).toEqual({ claimId: claim.id, following: true });
  const unfollow = await request.delete(`/api/v1/claims/${claim.id}/follow`, { headers: await auth("editor2") });
  expect(await unfollow.json()).toEqual({ claimId: claim.id, following: false });
  expect((await request.put("/api/v1/claims/999999999/follow", { headers: await auth("editor2"), data: {} })).status()).toBe(404);
  expect((await request.put("/api/v1/claims/abc/follow", { headers: await auth("editor2"), data: {} })).status()).toBe(404);

  const users = await (await request.get("/api/v1/users?q=elena", { headers: await auth("reporter") })).json();
  expect(users.data).toContainEqual({ id: elena.id, name: "Elena Marsh", role: "editor" });
  expect(JSON.stringify(users)).not.toContain("@factdesk.test");
});

test("each person chooses which kinds they get: a muted kind makes no notification", async ({ page, request }) => {
  await signInAs(page, "admin");
  await page.goto("/settings/notifications");
  const assigned = page.getByRole("checkbox", { name: "A claim is assigned to me" });
  await expect(assigned).toBeChecked();
  await assigned.uncheck();
  await page.getByRole("radio", { name: /A daily digest/ }).check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByText("Your notification choices are saved.")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "A claim is assigned to me" })).not.toBeChecked();
  await expect(page.getByRole("radio", { name: /A daily digest/ })).toBeChecked();

  await markAllRead(request, "admin");
  const claim = await arrangeClaim();
  const assign = await request.post(`/api/v1/claims/${claim.id}/assign`, { headers: await auth("editor"), data: { assigneeId: demoActor("admin").id, expectedVersion: claim.version } });
  expect(assign.status()).toBe(200);
  const inbox = await (await request.get("/api/v1/notifications?unread=true", { headers: await auth("admin") })).json();
  expect(inbox.data.filter((n: { claimId: number }) => n.claimId === claim.id)).toEqual([]);

  // Back to every kind, email off, so other specs meet the defaults.
  await page.getByRole("checkbox", { name: "A claim is assigned to me" }).check();
  await page.getByRole("radio", { name: /No email/ }).check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByText("Your notification choices are saved.")).toBeVisible();
});
