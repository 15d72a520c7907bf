import type { Browser, Page } from "@playwright/test";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { parseSse } from "@/lib/live/sse";
import { DEMO, demoActor, e2eDb, expect, must, signInAs, test, type DemoRole } from "./fixtures";

/*
 * Live updates in Chromium against the production build: what one person does reaches another's
 * open page over the Server-Sent Events stream, without a reload; and the token stream
 * (GET /api/v1/events) delivers as it happens, not buffered by the server's compression.
 */

const runTag = Date.now().toString(36);
let counter = 0;
const unique = () => `${runTag}-${(counter += 1)}`;

/** A claim the reporter submitted and the admin reviewed: either editor may verify it. */
async function reviewedClaim(): Promise<ClaimDetail> {
  const claim = must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text: `Johnson's sentence was commuted on 6 June 2018 (${unique()}).`,
      citations: [{ kind: "origin", url: "https://news.example/commuted", title: "Commutation report", publisher: "Daily Record", quote: "commuted on June 6, 2018" }],
    }),
  );
  return must(
    await transitionClaim(e2eDb(), demoActor("admin"), claim.id, { action: "review", note: "Date matches the DOJ list.", citationIds: [claim.citations[0]!.id], expectedVersion: claim.version }),
  );
}

async function pageAs(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role);
  return page;
}

/** Marks the document; the mark survives client-side refreshes and is gone after a reload. */
const markDocument = (page: Page) => page.evaluate(() => void ((window as unknown as { liveMark: string }).liveMark = "still here"));
const documentMark = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark ?? "reloaded");
/** The stream is open once the provider heard its `ready` (the page's EventSource). */
const streamOpen = (page: Page) => page.waitForResponse((response) => new URL(response.url()).pathname === "/api/live" && response.status() === 200);

async function unreadBadge(page: Page): Promise<number> {
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("nav-count-/inbox");
  if ((await badge.count()) === 0) return 0;
  const text = (await badge.textContent()) ?? "";
  return Number(/\((\d+) unread\)/.exec(text)?.[1] ?? 0);
}

test("an editor mentions the reporter in a comment: the reporter's badge and inbox update live, without a reload", async ({ browser }) => {
  const claim = await reviewedClaim();
  const reporter = await pageAs(browser, "reporter");
  const opened = streamOpen(reporter);
  await reporter.goto("/inbox");
  await opened;
  await markDocument(reporter);
  const before = await unreadBadge(reporter);

  const editor = await pageAs(browser, "editor");
  await editor.goto(`/claims/${claim.id}`);
  const tag = unique();
  const rita = demoActor("reporter");
  await editor.getByRole("combobox", { name: "Add a comment" }).fill(`@[${rita.name}](user:${rita.id}) which date does the court record give? ${tag}`);
  await editor.getByRole("button", { name: "Post comment" }).click();
  await expect(editor.getByRole("list", { name: "Comments" }).getByRole("listitem").filter({ hasText: tag })).toBeVisible();

  // On the reporter's open inbox: the notification and the new count, no reload.
  await expect(reporter.getByText(`${DEMO.editor.name} mentioned you on claim #${claim.id}`)).toBeVisible();
  await expect.poll(() => unreadBadge(reporter)).toBeGreaterThan(before);
  expect(await documentMark(reporter)).toBe("still here");
});

test("an open claim page says who verified it a moment ago and refreshes its actions, without a reload", async ({ browser }) => {
  const claim = await reviewedClaim();
  const watcher = await pageAs(browser, "editor2");
  const opened = streamOpen(watcher);
  await watcher.goto(`/claims/${claim.id}`);
  await opened;
  await markDocument(watcher);
  const actions = watcher.getByRole("complementary", { name: "Actions" });
  await expect(actions.getByRole("form", { name: "Verify claim" })).toBeVisible();

  const editor = await pageAs(browser, "editor");
  await editor.goto(`/claims/${claim.id}`);
  const verify = editor.getByRole("complementary", { name: "Actions" }).getByRole("form", { name: "Verify claim" });
  await verify.getByLabel("Verification note").fill("Matches the DOJ clemency list.");
  await verify.getByLabel("Commutation report").check();
  await verify.getByLabel("Verdict").selectOption({ label: "True" });
  await verify.getByRole("button", { name: "Sign off as verified" }).click();
  await expect(editor.getByText("The claim is now Verified")).toBeVisible();

  const banner = watcher.getByRole("status").filter({ hasText: "verified this claim" });
  await expect(banner).toContainText(`${DEMO.editor.name} verified this claim a moment ago.`);
  await expect(banner).toHaveAttribute("aria-live", "polite");
  await watcher.screenshot({ path: test.info().outputPath("live-banner.png") });
  // Its actions followed: no verify form any more, and why.
  await expect(actions.getByRole("form", { name: "Verify claim" })).toHaveCount(0);
  await expect(actions.locator('[data-action="verify"]')).toContainText("This claim is already verified");
  expect(await documentMark(watcher)).toBe("still here");
});

test("GET /api/v1/events streams a change the moment it commits (not buffered), and resumes after Last-Event-ID", async ({ baseURL, request }) => {
  const claim = await reviewedClaim();
  const token = must(await createToken(e2eDb(), demoActor("editor").id, { name: `live e2e ${unique()}` })).token;
  const headers = { Authorization: `Bearer ${token}`, "Accept-Encoding": "gzip, deflate, br" };

  const unauthorized = await fetch(`${baseURL}/api/v1/events`);
  expect(unauthorized.status).toBe(401);

  const aborted = new AbortController();
  const stream = await fetch(`${baseURL}/api/v1/events`, { headers, signal: aborted.signal });
  expect(stream.status).toBe(200);
  expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(stream.headers.get("content-encoding")).toBeNull();
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const until = async (done: (events: ReturnType<typeof parseSse>) => boolean) => {
    while (!done(parseSse(text))) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`stream ended: ${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
    return parseSse(text);
  };
  await until((events) => events.some((event) => event.event === "ready"));

  const started = Date.now();
  const assigned = await request.post(`/api/v1/claims/${claim.id}/assign`, { headers, data: { assigneeId: demoActor("editor2").id, expectedVersion: claim.version } });
  expect(assigned.status()).toBe(200);
  const events = await until((events) => events.some((event) => event.event === "claim.assigned"));
  const event = events.find((candidate) => candidate.event === "claim.assigned")!;
  expect(Date.now() - started).toBeLessThan(3000);
  expect(JSON.parse(event.data)).toMatchObject({ claimId: claim.id, actorName: DEMO.editor.name, description: `assigned this claim to ${DEMO.editor2.name}` });
  aborted.abort();

  // Reconnecting after the event before it gets it back from the database.
  const resumed = new AbortController();
  const again = await fetch(`${baseURL}/api/v1/events`, { headers: { ...headers, "Last-Event-ID": String(Number(event.id) - 1) }, signal: resumed.signal });
  const replay = again.body!.getReader();
  let replayed = "";
  while (!parseSse(replayed).some((candidate) => candidate.id === event.id)) {
    const chunk = await replay.read();
    if (chunk.done) throw new Error(`stream ended: ${replayed}`);
    replayed += decoder.decode(chunk.value, { stream: true });
  }
  resumed.abort();
});
