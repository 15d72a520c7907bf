import { eq } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { hashToken } from "@/lib/tokens/tokens";
import { e2eDb, expect, seriousA11yViolations, signInAs, test } from "./fixtures";

/* The API tokens page and the API reference page, in a browser, against the production build. */

test.describe("API tokens page", () => {
  test("a reporter creates a token, sees it once, uses it, and revokes it", async ({ page, request }) => {
    await signInAs(page, "reporter");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");

    const name = `Newsroom CMS ${Date.now().toString(36)}`;
    await page.getByLabel("Token name").fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText(`Token “${name}” created`)).toBeVisible();
    const token = await page.getByLabel("New API token").inputValue();
    expect(token).toMatch(/^fd_/);
    await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();

    // Stored hashed: the secret itself is nowhere in the database.
    const row = e2eDb().select().from(apiTokens).where(eq(apiTokens.name, name)).get();
    expect(row?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const table = page.getByRole("table", { name: "Your API tokens" });
    const tokenRow = table.getByRole("row").filter({ hasText: name });
    await expect(tokenRow).toContainText(token.slice(0, 10));
    await expect(tokenRow).toContainText("Never");
    expect(await seriousA11yViolations(page)).toEqual([]);

    expect((await request.get("/api/v1/claims?limit=1", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
    await page.reload();
    await expect(page.getByLabel("New API token")).toHaveCount(0);
    await expect(table.getByRole("row").filter({ hasText: name })).not.toContainText("Never");

    await tokenRow.getByRole("button", { name: `Revoke ${name}` }).click();
    await tokenRow.getByRole("button", { name: `Confirm revoke ${name}` }).click();
    await expect(tokenRow).toContainText("Revoked");
    expect((await request.get("/api/v1/claims?limit=1", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  });
});

test.describe("API reference page", () => {
  test("documents every endpoint from the OpenAPI document", async ({ page, request }) => {
    // The whole reference is one long page: axe's full scan of it alone takes most of a minute on a loaded 2-core machine.
    test.slow();
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    await signInAs(page, "editor");
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { name: "Factdesk API", level: 1 })).toBeVisible();
    const endpoints = page.getByRole("navigation", { name: "API endpoints" });
    await expect(endpoints).toBeVisible();
    // One read of the whole navigation: a role query per endpoint walks the page's accessibility tree ~50 times.
    const listed = await endpoints
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => (link.textContent ?? "").replace(/\s+/g, " ").trim().toLowerCase()));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`.toLowerCase()),
    );
    expect(documented.length).toBeGreaterThan(20);
    const operations = listed.filter((name) => /^(get|put|post|patch|delete) \//.test(name));
    expect(operations.sort()).toEqual(documented.sort());
    await expect(page.getByRole("heading", { name: "SubmitClaim", exact: true })).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
