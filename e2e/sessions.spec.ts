import { and, desc, eq } from "drizzle-orm";
import type { Browser, Page } from "@playwright/test";
import { apiTokens, loginAttempts, oneTimeLinks, sessions, users } from "@/db/schema";
import { createToken } from "@/lib/tokens/tokens";
import { hashLinkToken, issuePasswordLink } from "@/lib/users/links";
import { latestAuditVerification } from "@/lib/workflow/audit-log";
import { createUser } from "@/lib/users/users";
import { DEMO, e2eDb, expect, seriousA11yViolations, signIn, signInAs, test, uniqueEmail } from "./fixtures";

/*
 * Sessions that end on the server, re-authentication before minting tokens, one-time links,
 * confirmations on destructive admin actions and sign-in throttling, against the production build.
 */

const PASSWORD = "a-long-enough-passphrase";
/** The demo admin, as the domain functions take an actor. */
function demoAdmin() {
  const row = e2eDb().select().from(users).where(eq(users.email, DEMO.admin.email)).get()!;
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

async function newUser(prefix: string, role: "reporter" | "editor" = "reporter") {
  const email = uniqueEmail(prefix);
  const created = await createUser(e2eDb(), null, { email, name: `${prefix} ${Math.random().toString(36).slice(2, 6)}`, role, password: PASSWORD });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

async function signedInPage(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  return page;
}

function tokenCount(userId: number): number {
  return e2eDb().select().from(apiTokens).where(eq(apiTokens.userId, userId)).all().length;
}

test.describe("signing out ends the session on the server", () => {
  test("after sign-out the old cookie opens no desk page and creates no token", async ({ browser }) => {
    const user = await newUser("signout");
    const page = await signedInPage(browser, user.email);
    const cookies = await page.context().cookies();
    expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(true);

    // A second browser holding a copy of the same cookie, with the token form already open.
    const thief = await (await browser.newContext()).newPage();
    await thief.context().addCookies(cookies);
    await thief.goto("/settings/tokens");
    await expect(thief.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(e2eDb().select().from(sessions).where(eq(sessions.userId, user.id)).get()).toMatchObject({ revokedReason: "sign-out" });

    await thief.getByLabel("Token name").fill("after sign-out");
    await thief.getByRole("button", { name: "Create token" }).click();
    await expect(thief.getByText("Your session has ended. Sign in again.")).toBeVisible();
    expect(tokenCount(user.id)).toBe(0);

    const response = await thief.goto("/settings/tokens");
    expect(response?.url()).toMatch(/\/sign-in/);
    await thief.goto("/");
    await expect(thief).toHaveURL(/\/sign-in/);
  });

  test("a user signs out their other sessions from the Account page; a password change does the same", async ({ browser }) => {
    const user = await newUser("others");
    const laptop = await signedInPage(browser, user.email);
    const desk = await signedInPage(browser, user.email);
    const phone = await signedInPage(browser, user.email);

    await laptop.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
    const table = laptop.getByRole("table", { name: "Your sessions" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByText("This session")).toHaveCount(1);
    expect(await seriousA11yViolations(laptop)).toEqual([]);

    // One other session by its own button (the current session has none).
    await expect(table.getByRole("button", { name: /^Sign out .+ session$/ })).toHaveCount(2);
    await table.getByRole("button", { name: /^Sign out .+ session$/ }).first().click();
    await expect(table.getByRole("row")).toHaveCount(3);
    const stillIn = await Promise.all(
      [desk, phone].map(async (other) => {
        await other.goto("/");
        return !/\/sign-in/.test(other.url());
      }),
    );
    expect(stillIn.filter(Boolean)).toHaveLength(1);

    await laptop.getByRole("button", { name: "Sign out other sessions" }).click();
    await expect(laptop.getByText("Signed out 1 other session.")).toBeVisible();
    await phone.goto("/");
    await expect(phone).toHaveURL(/\/sign-in/);
    await laptop.goto("/");
    await expect(laptop.getByRole("navigation", { name: "Main" })).toBeVisible();

    const tablet = await signedInPage(browser, user.email);
    await laptop.goto("/settings/account");
    const form = laptop.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not-my-password");
    await form.getByLabel("New password", { exact: true }).fill("brand-new-passphrase");
    await form.getByLabel("New password again").fill("brand-new-passphrase");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("This is not your current password.")).toBeVisible();
    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(laptop.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
    await tablet.goto("/");
    await expect(tablet).toHaveURL(/\/sign-in/);
    await laptop.goto("/");
    await expect(laptop.getByRole("navigation", { name: "Main" })).toBeVisible();
    await signIn(tablet, user.email, "brand-new-passphrase");
    await expect(tablet.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
});

test.describe("creating an API token", () => {
  test("asks for the password again when the sign-in is older than five minutes, and offers an expiry", async ({ browser }) => {
    const user = await newUser("reauth");
    const page = await signedInPage(browser, user.email);
    const session = e2eDb().select().from(sessions).where(eq(sessions.userId, user.id)).orderBy(desc(sessions.id)).get();
    e2eDb().update(sessions).set({ authenticatedAt: new Date(Date.now() - 6 * 60_000).toISOString() }).where(eq(sessions.id, session!.id)).run();

    await page.goto("/settings/tokens");
    await expect(page.getByLabel("Your password")).toBeVisible();
    await page.getByLabel("Token name").fill("Needs a password");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Confirm your password to create a token: you signed in more than 5 minutes ago.")).toBeVisible();
    await page.getByLabel("Your password").fill("wrong-password-here");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("That is not your password.").first()).toBeVisible();
    expect(tokenCount(user.id)).toBe(0);

    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByLabel("Expires after").selectOption("30");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Token “Needs a password” created")).toBeVisible();
    const row = e2eDb().select().from(apiTokens).where(eq(apiTokens.userId, user.id)).get();
    const days = (Date.parse(row!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    await expect(page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: "Needs a password" })).toContainText("UTC");

    // Within five minutes of typing it, the next token needs no password.
    await page.reload();
    await expect(page.getByLabel("Your password")).toHaveCount(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("an expired token gets 401", async ({ request }) => {
    const user = await newUser("expired-token");
    const created = await createToken(e2eDb(), user.id, { name: "short-lived", expiresInDays: "1" });
    if (!created.ok) throw new Error(created.error.message);
    const auth = { Authorization: `Bearer ${created.value.token}` };
    expect((await request.get("/api/v1/claims?limit=1", { headers: auth })).status()).toBe(200);
    e2eDb().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(apiTokens.id, created.value.summary.id)).run();
    const refused = await request.get("/api/v1/claims?limit=1", { headers: auth });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.message).toContain("expired");
  });
});

test.describe("invitations and reset links", () => {
  test("an admin invites a person; the link sets their password once, then is refused", async ({ page, browser }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Invite user" });
    const email = uniqueEmail("invited");
    await form.getByLabel("Name").fill("Ivy Invited");
    await form.getByLabel("Email address").fill(email);
    await form.getByLabel("Role").selectOption("editor");
    await form.getByRole("button", { name: "Invite user" }).click();
    await expect(page.getByText("Invited Ivy Invited (editor).")).toBeVisible();
    const link = await page.getByLabel("Invitation link for Ivy Invited").inputValue();
    expect(link).toMatch(/\/invite\/fdl_/);
    const token = link.split("/invite/")[1];
    expect(e2eDb().select().from(oneTimeLinks).where(eq(oneTimeLinks.tokenHash, hashLinkToken(token))).get()).toMatchObject({ kind: "invite", usedAt: null });
    await expect(page.getByRole("row", { name: /Ivy Invited/ })).toContainText("Invited");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const ivy = await (await browser.newContext()).newPage();
    await ivy.goto(link);
    await expect(ivy.getByRole("heading", { name: "Welcome to Factdesk" })).toBeVisible();
    expect(await seriousA11yViolations(ivy)).toEqual([]);
    await ivy.getByLabel("New password", { exact: true }).fill("too-short");
    await ivy.getByLabel("New password again").fill("too-short");
    await ivy.getByRole("button", { name: "Set password" }).click();
    await expect(ivy.getByText("Use at least 12 characters.")).toBeVisible();
    await ivy.getByLabel("New password", { exact: true }).fill("ivy-chose-this-one");
    await ivy.getByLabel("New password again").fill("ivy-chose-this-one");
    await ivy.getByRole("button", { name: "Set password" }).click();
    await expect(ivy).toHaveURL(/\/sign-in\?password=created/);
    await expect(ivy.getByText("Your password is set. Sign in with it.")).toBeVisible();
    await signIn(ivy, email, "ivy-chose-this-one");
    await expect(ivy.getByRole("navigation", { name: "Main" })).toBeVisible();

    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await expect(again.getByText(/^This link has already been used/)).toBeVisible();
    await expect(again.getByLabel("New password", { exact: true })).toHaveCount(0);
  });

  test("an admin issues a reset link; using it ends the user's sessions; an expired link is refused", async ({ page, browser }) => {
    const user = await newUser("reset");
    const theirs = await signedInPage(browser, user.email);

    await signInAs(page, "admin");
    await page.goto("/admin/users");
    const row = page.getByRole("row", { name: new RegExp(user.name) });
    await row.getByRole("button", { name: `Reset link for ${user.name}` }).click();
    const link = await row.getByLabel(`Password-reset link for ${user.name}`).inputValue();
    expect(link).toMatch(/\/reset\/fdl_/);

    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(link);
    await expect(stranger.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await stranger.getByLabel("New password", { exact: true }).fill("reset-to-this-one");
    await stranger.getByLabel("New password again").fill("reset-to-this-one");
    await stranger.getByRole("button", { name: "Set password" }).click();
    await expect(stranger.getByText(/Your password was changed and every earlier session ended/)).toBeVisible();
    await theirs.goto("/");
    await expect(theirs).toHaveURL(/\/sign-in/);
    await signIn(theirs, user.email, PASSWORD);
    await expect(theirs.getByText("Email or password is incorrect.")).toBeVisible();
    await signIn(theirs, user.email, "reset-to-this-one");
    await expect(theirs.getByRole("navigation", { name: "Main" })).toBeVisible();

    const issued = await issuePasswordLink(e2eDb(), demoAdmin(), user.id);
    if (!issued.ok) throw new Error(issued.error.message);
    e2eDb().update(oneTimeLinks).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(oneTimeLinks.tokenHash, hashLinkToken(issued.value.token))).run();
    await stranger.goto(issued.value.path);
    await expect(stranger.getByText("This link has expired. Ask an administrator for a new one.")).toBeVisible();
    await expect(stranger.getByLabel("New password", { exact: true })).toHaveCount(0);
    await stranger.goto("/reset/fdl_not-a-real-link");
    await expect(stranger.getByText(/^This link is not valid/)).toBeVisible();
  });
});

test.describe("destructive admin actions ask first", () => {
  test("disable, demote and end sessions open a dialog; cancelling changes nothing; confirming does it", async ({ page, browser }) => {
    const user = await newUser("target", "editor");
    const theirs = await signedInPage(browser, user.email);
    const current = () => e2eDb().select().from(users).where(eq(users.id, user.id)).get()!;

    await signInAs(page, "admin");
    await page.goto("/admin/users");
    const row = page.getByRole("row", { name: new RegExp(user.name) });

    // Disable: the dialog names the consequence; Escape cancels, by keyboard.
    await row.getByRole("button", { name: `Disable ${user.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Disable ${user.name}?` });
    await expect(dialog).toContainText("signed out of every session");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(row.getByRole("button", { name: `Disable ${user.name}` })).toBeFocused();
    expect(current().disabled).toBe(false);

    // Demote: editor → reporter asks; Cancel changes nothing.
    await row.getByLabel(`Role for ${user.name}`).selectOption("reporter");
    await row.getByRole("button", { name: `Change role for ${user.name}` }).click();
    const demote = page.getByRole("dialog", { name: `Make ${user.name} a reporter?` });
    await demote.getByRole("button", { name: "Cancel" }).click();
    expect(current().role).toBe("editor");
    await row.getByRole("button", { name: `Change role for ${user.name}` }).click();
    await demote.getByRole("button", { name: `Demote ${user.name}` }).click();
    await expect(row.getByRole("status")).toHaveText(`${user.name} is now a reporter.`);
    expect(current().role).toBe("reporter");
    await theirs.goto("/");
    await expect(theirs).toHaveURL(/\/sign-in/);

    // End sessions, by keyboard: Enter opens, Tab to confirm, Enter confirms.
    await signIn(theirs, user.email, PASSWORD);
    await expect(theirs.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.reload();
    await row.getByRole("button", { name: `End sessions of ${user.name}` }).focus();
    await page.keyboard.press("Enter");
    const end = page.getByRole("dialog", { name: `Sign ${user.name} out everywhere?` });
    await expect(end).toBeVisible();
    await end.getByRole("button", { name: `End sessions of ${user.name}` }).focus();
    await page.keyboard.press("Enter");
    await expect(row.getByRole("status")).toHaveText(`Signed ${user.name} out of 1 session.`);
    await theirs.goto("/");
    await expect(theirs).toHaveURL(/\/sign-in/);

    await row.getByRole("button", { name: `Disable ${user.name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: `Disable ${user.name}` }).click();
    await expect(row.getByRole("status")).toHaveText(`${user.name} is disabled.`);
    expect(current().disabled).toBe(true);
  });
});

test.describe("sign-in throttling", () => {
  const failuresFrom = (email: string, address: string, n: number, at = new Date()) => {
    for (let i = 0; i < n; i++) e2eDb().insert(loginAttempts).values({ email, succeeded: false, attemptedAt: at.toISOString(), clientAddress: address }).run();
  };

  test("someone else's wrong passwords do not lock the real user out", async ({ page }) => {
    const user = await newUser("victim");
    failuresFrom(user.email, "203.0.113.7", 12);
    await signIn(page, user.email, PASSWORD);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  });

  test("failures count against the client's address, from X-Forwarded-For only behind a declared proxy, and then slow down", async ({ browser }) => {
    // The suite's server may declare loopback a trusted proxy (playwright.config.ts); the rule is the same either way.
    const trusted = Boolean((test.info().config.webServer?.env as Record<string, string> | undefined)?.FACTDESK_TRUSTED_PROXY);
    const user = await newUser("slowed");
    const attacker = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.7" } })).newPage();
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(attacker, user.email, `wrong-${attempt}`);
      await expect(attacker.getByText("Email or password is incorrect.")).toBeVisible();
    }
    const counted = trusted ? "203.0.113.7" : "127.0.0.1";
    const rows = e2eDb().select().from(loginAttempts).where(eq(loginAttempts.email, user.email)).all();
    expect(rows.map((row) => row.clientAddress)).toEqual(Array(5).fill(counted));

    failuresFrom(user.email, counted, 5);
    await signIn(attacker, user.email, PASSWORD);
    await expect(attacker.getByText(/^Too many failed sign-in attempts\. Wait \d+ seconds before trying again\.$/)).toBeVisible();
    if (trusted) {
      // The real user, behind the same proxy but from their own address, is not slowed by it.
      const real = await (await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.20" } })).newPage();
      await signIn(real, user.email, PASSWORD);
      await expect(real.getByRole("navigation", { name: "Main" })).toBeVisible();
    }
  });

  test("an account locks only after fifty failures; admins see it and clear it", async ({ page, browser }) => {
    const user = await newUser("locked");
    for (let i = 0; i < 50; i++) failuresFrom(user.email, `192.0.2.${i + 1}`, 1);
    const victim = await (await browser.newContext()).newPage();
    await signIn(victim, user.email, PASSWORD);
    await expect(victim.getByText(/^This account is locked after too many failed sign-in attempts\. Try again in 15 minutes/)).toBeVisible();

    await signInAs(page, "admin");
    await page.goto("/admin/users");
    const throttled = page.getByRole("table", { name: "Throttled sign-ins" });
    const row = throttled.getByRole("row").filter({ hasText: "Account locked" }).filter({ hasText: user.email });
    await expect(row).toContainText("50");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.getByRole("button", { name: `Clear ${user.email}` }).click();
    await expect(throttled.getByRole("row").filter({ hasText: user.email })).toHaveCount(0);
    expect(e2eDb().select().from(loginAttempts).where(and(eq(loginAttempts.email, user.email))).all().every((r) => r.clearedAt)).toBe(true);

    await signIn(victim, user.email, PASSWORD);
    await expect(victim.getByRole("navigation", { name: "Main" })).toBeVisible();
  });
});

test.describe("audit chain state for admins", () => {
  test("the admin page shows the last verification, by whom, and its head hash; Verify now records a new one", async ({ page, request }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    await page.getByRole("button", { name: "Verify now" }).click();
    // Other suites may have tampered with the shared e2e database on purpose: intact or broken, the run is shown.
    await expect(page.getByText(/^(Chain intact: \d+ sign-offs? verified\.|The chain is broken: )/)).toBeVisible();
    const state = page.getByRole("definition");
    await expect(page.getByLabel("Last verification")).toContainText(`by ${DEMO.admin.name}`);
    await expect(state.first()).toContainText(/Intact|Broken/);
    const head = (await state.nth(2).textContent())?.trim();
    expect(head).toMatch(/^[0-9a-f]{64}$/);

    // A run through the API shows up too, under the token's user.
    const editorToken = await createToken(e2eDb(), e2eDb().select().from(users).where(eq(users.email, DEMO.admin.email)).get()!.id, { name: "audit" });
    if (!editorToken.ok) throw new Error(editorToken.error.message);
    const report = await (await request.get("/api/v1/audit/verify", { headers: { Authorization: `Bearer ${editorToken.value.token}` } })).json();
    expect(report.headHash).toBe(head);
    expect(await latestAuditVerification(e2eDb())).toMatchObject({ source: "api", verifiedByName: DEMO.admin.name, headHash: head });
    await page.reload();
    await expect(page.getByLabel("Last verification")).toContainText(head!);
  });
});
