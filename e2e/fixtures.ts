import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/seed-data";

export type DemoRole = "reporter" | "editor" | "editor2" | "admin";

export const DEMO: Record<DemoRole, { email: string; name: string; password: string }> = {
  reporter: { ...DEMO_USERS[0], password: DEMO_PASSWORD },
  editor: { ...DEMO_USERS[1], password: DEMO_PASSWORD },
  editor2: { ...DEMO_USERS[2], password: DEMO_PASSWORD },
  admin: { ...DEMO_USERS[3], password: DEMO_PASSWORD },
};

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: DemoRole): Promise<void> {
  await signIn(page, DEMO[role].email, DEMO[role].password);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** Serious and critical accessibility violations on the current page (axe-core). */
export async function seriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

let db: Db | undefined;

/** The same throwaway database the server under test uses, for arranging state directly. */
export function e2eDb(): Db {
  const file = process.env.FACTDESK_E2E_DATABASE;
  if (!file) throw new Error("FACTDESK_E2E_DATABASE is not set; run the e2e suite through playwright.config.ts");
  db ??= openDatabase(file);
  return db;
}

/** A demo user as the domain functions take them, for arranging state through the workflow itself. */
export function demoActor(role: DemoRole): Actor {
  const user = e2eDb().select().from(users).where(eq(users.email, DEMO[role].email)).get();
  if (!user) throw new Error(`Demo user ${role} missing`);
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** The value of a Result the arrangement needs; a refusal there is a broken test, so it throws. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@factdesk.test`;
}

export const test = base;
export { expect };
