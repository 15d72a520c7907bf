import { loginAttempts } from "@/db/schema";
import { throttleFor } from "@/lib/auth/lockout";
import { createUser, setDisabled } from "@/lib/users/users";
import { DEMO, e2eDb, expect, seriousA11yViolations, signIn, signInAs, test, uniqueEmail } from "./fixtures";

test.describe("signing in", () => {
  test("each role signs in and sees the navigation that fits it", async ({ browser }) => {
    const expected = {
      reporter: { has: ["My work", "Queue", "Articles", "New claim", "API tokens"], lacks: ["Fact-checks", "Users", "System"] },
      editor: { has: ["My work", "Queue", "Articles", "Fact-checks", "New claim", "API tokens"], lacks: ["Users", "Deadlines", "System"] },
      admin: { has: ["My work", "Queue", "Articles", "Fact-checks", "Users", "Webhooks", "Deadlines", "System", "API tokens"], lacks: [] },
    } as const;
    for (const [role, links] of Object.entries(expected)) {
      // A fresh browser per role: clearing cookies in one page races the session refresh of requests
      // still in flight from the previous sign-in, which can set the cookie straight back.
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, role as keyof typeof expected);
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const name of links.has) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
      for (const name of links.lacks) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
      await expect(page.getByRole("banner").getByText(DEMO[role as keyof typeof expected].name, { exact: true })).toBeVisible();
      await context.close();
    }
  });

  test("a wrong password shows one generic error and keeps the visitor signed out", async ({ page }) => {
    await signIn(page, DEMO.editor.email, "not-the-password");
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await signIn(page, "nobody@factdesk.test", "whatever-password");
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("failures from one address slow that address down, even with the right password, without locking the account", async ({ page }) => {
    const email = uniqueEmail("throttled");
    const created = await createUser(e2eDb(), null, { email, name: "Throttle Test", role: "reporter", password: "right-password" });
    expect(created.ok).toBe(true);
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(page, email, `wrong-${attempt}`);
      await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    }
    // Five more failures from this same address, all just now: the next attempt owes 32 seconds.
    const now = new Date().toISOString();
    for (let i = 0; i < 5; i++) e2eDb().insert(loginAttempts).values({ email, succeeded: false, attemptedAt: now, clientAddress: "127.0.0.1" }).run();
    await signIn(page, email, "right-password");
    await expect(page.getByText(/Too many failed sign-in attempts\. Wait (3[0-2]|2\d) seconds before trying again\./)).toBeVisible();
    // The account itself is not locked: from any other address the right password works.
    expect(await throttleFor(e2eDb(), email, "198.51.100.20")).toBeNull();
  });

  test("a disabled user cannot sign in, and an open session stops working", async ({ browser }) => {
    const email = uniqueEmail("disabled");
    const created = await createUser(e2eDb(), null, { email, name: "Soon Disabled", role: "editor", password: "editor-password" });
    if (!created.ok) throw new Error(created.error.message);

    const page = await (await browser.newContext()).newPage();
    await signIn(page, email, "editor-password");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    const admin = { id: 0, name: "e2e", email: "e2e", role: "admin" as const };
    expect((await setDisabled(e2eDb(), admin, { userId: created.value.id, disabled: true })).ok).toBe(true);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, email, "editor-password");
    await expect(page.getByText("This account is disabled. Ask an administrator to re-enable it.")).toBeVisible();
  });

  test("the sign-in page passes axe checks", async ({ page }) => {
    await page.goto("/sign-in");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

test.describe("roles", () => {
  test("a reporter opening the admin page gets a 403 page", async ({ page }) => {
    await signInAs(page, "reporter");
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  });

  test("an admin invites a user, changes their role and disables them (after confirming); the last admin is protected", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    const email = uniqueEmail("new-reporter");
    const form = page.getByRole("form", { name: "Invite user" });
    await form.getByLabel("Name").fill("Nadia New");
    await form.getByLabel("Email address").fill("not-an-email");
    await form.getByRole("button", { name: "Invite user" }).click();
    await expect(form.getByText("Enter a valid email address.")).toBeVisible();
    await form.getByLabel("Email address").fill(email);
    await form.getByRole("button", { name: "Invite user" }).click();
    await expect(page.getByText("Invited Nadia New (reporter).")).toBeVisible();

    const row = page.getByRole("row", { name: /Nadia New/ });
    await row.getByLabel("Role for Nadia New").selectOption("editor");
    await row.getByRole("button", { name: "Change role for Nadia New" }).click();
    await expect(row.getByText("Nadia New is now an editor.")).toBeVisible();
    await row.getByRole("button", { name: "Disable Nadia New" }).click();
    await page.getByRole("dialog", { name: "Disable Nadia New?" }).getByRole("button", { name: "Disable Nadia New" }).click();
    await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
    // The row speaks of the last action taken, not the earlier role change.
    await expect(row.getByRole("status")).toHaveText("Nadia New is disabled.");

    const self = page.getByRole("row", { name: new RegExp(DEMO.admin.name) });
    await self.getByRole("button", { name: `Disable ${DEMO.admin.name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: `Disable ${DEMO.admin.name}` }).click();
    await expect(self.getByText("This is the last active admin; make someone else an admin first.")).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
