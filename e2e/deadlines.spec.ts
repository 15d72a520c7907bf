import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { claims } from "@/db/schema";
import { updateDeadlineSettings, DEFAULT_DEADLINE_SETTINGS } from "@/lib/deadlines/settings";
import { getClaimDetail, submitClaim, type ClaimDetail } from "@/lib/workflow";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/*
 * Deadlines (issue #12 item 2): an editor gives a claim a due date in their own time zone, the queue
 * shows it with its badge and the overdue filter finds it; an admin's target makes an undated claim
 * overdue; a bulk "due" sets two claims at once. The browser runs in Berlin time to prove the dates are
 * entered and shown in the reader's terms and stored in UTC.
 */
test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

function marker(): string {
  return `due${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 8)}`;
}

async function submit(text: string): Promise<ClaimDetail> {
  return must(await submitClaim(e2eDb(), demoActor("reporter"), { text, citations: [{ kind: "origin", title: "Desk notes", documentRef: "Call notes", quote: text }] }));
}

const row = (page: Page, claim: ClaimDetail) => page.locator(`tbody tr[data-claim-id="${claim.id}"]`);
const dueCell = (page: Page, claim: ClaimDetail) => row(page, claim).locator("[data-due-cell]");

/** A `datetime-local` value `hours` from now in Berlin time, and the UTC instant it means. */
function berlinLocal(hours: number): { local: string; iso: string } {
  const at = new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { local: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`, iso: at.toISOString() };
}

test.describe("deadlines", () => {
  test("an editor sets a due date on the claim page; the queue shows it and the overdue filter finds the overdue claim", async ({ page }) => {
    const word = marker();
    const late = await submit(`The ${word} claim that missed its deadline yesterday.`);
    const other = await submit(`The ${word} claim with time to spare before anyone checks it.`);
    await signInAs(page, "editor");

    await page.goto(`/claims/${late.id}`);
    const card = page.getByRole("form", { name: "Due date" });
    await expect(card.getByLabel("Due (Europe/Berlin time)")).toBeVisible();
    const yesterday = berlinLocal(-26);
    await card.getByLabel("Due (Europe/Berlin time)").fill(yesterday.local);
    await card.getByRole("button", { name: "Save due date" }).click();
    await expect(page.getByText("Due date saved.")).toBeVisible();
    // Stored in UTC, one version up, on the timeline, and overdue.
    await expect.poll(async () => (await getClaimDetail(e2eDb(), late.id))!.dueAt).toBe(yesterday.iso);
    expect((await getClaimDetail(e2eDb(), late.id))!.version).toBe(2);
    await expect(page.getByTestId("due-change")).toContainText(`${demoActor("editor").name} set the due date to`);
    await expect(page.getByTestId("due-date").locator('[data-deadline="overdue"]')).toContainText("Overdue");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(`/queue?q=${word}`);
    await expect(page.locator("tbody tr[data-kb-row]")).toHaveCount(2);
    await expect(dueCell(page, late).locator(`time[datetime="${yesterday.iso}"]`)).toBeVisible();
    await expect(dueCell(page, late).locator('[data-deadline="overdue"]')).toContainText("late");
    await expect(dueCell(page, other)).toContainText("—");

    const filters = page.getByRole("search", { name: "Filter claims" });
    await filters.getByLabel("Deadline").selectOption("overdue");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/deadline=overdue/);
    await expect(page.locator("tbody tr[data-kb-row]")).toHaveCount(1);
    await expect(row(page, late)).toBeVisible();
    // Its link keeps the view for the claim page's previous/next.
    await expect(row(page, late).getByRole("link", { name: late.text })).toHaveAttribute("href", new RegExp(`^/claims/${late.id}\\?view=.*deadline%3Doverdue`));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On a phone the card shows the due date too.
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneCard = page.locator(`[data-claim-card="${late.id}"]`);
    await expect(phoneCard.locator(`time[datetime="${yesterday.iso}"]`)).toBeVisible();
    await expect(phoneCard.locator('[data-deadline="overdue"]')).toBeVisible();
  });

  test("an admin changes the draft target on Admin → Targets and an undated draft past it becomes overdue", async ({ page }) => {
    const word = marker();
    const waiting = await submit(`The ${word} draft that has waited three hours for a review.`);
    e2eDb().update(claims).set({ enteredStateAt: new Date(Date.now() - 3 * 3_600_000).toISOString() }).where(eq(claims.id, waiting.id)).run();
    try {
      await signInAs(page, "admin");
      await page.goto(`/queue?q=${word}&deadline=overdue`);
      await expect(page.getByText("No claims match these filters")).toBeVisible();

      await page.goto("/admin/targets");
      const form = page.getByRole("form", { name: "Desk targets" });
      await expect(form.getByLabel("Draft → reviewed (hours)")).toHaveValue(String(DEFAULT_DEADLINE_SETTINGS.targets.draft));
      expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByLabel("Draft → reviewed (hours)").fill("0");
      await form.getByRole("button", { name: "Save targets" }).click();
      await expect(form.getByText("A target is at least 1 hour")).toBeVisible();
      await form.getByLabel("Draft → reviewed (hours)").fill("2");
      await form.getByRole("button", { name: "Save targets" }).click();
      await expect(page.getByText("The desk's targets are saved.")).toBeVisible();

      await page.goto(`/queue?q=${word}&deadline=overdue`);
      await expect(row(page, waiting)).toBeVisible();
      await expect(dueCell(page, waiting).locator('[data-deadline="overdue"]')).toContainText("1 h late");
    } finally {
      // The suite shares one desk: put the defaults back for the specs after this one.
      must(await updateDeadlineSettings(e2eDb(), demoActor("admin"), DEFAULT_DEADLINE_SETTINGS));
    }
  });

  test("bulk due: two selected claims get one due date, each its own versioned change", async ({ page }) => {
    const word = marker();
    const two = await Promise.all([1, 2].map((n) => submit(`Claim ${n} of the ${word} bulk due date check.`)));
    await signInAs(page, "editor");
    await page.goto(`/queue?q=${word}`);
    await expect(page.locator("tbody tr[data-kb-row]")).toHaveCount(2);
    for (const claim of two) await page.getByRole("checkbox", { name: `Select claim #${claim.id}` }).click();

    const bar = page.getByRole("form", { name: "Bulk change" });
    await bar.getByLabel("With the selected claims").selectOption("due");
    const soon = berlinLocal(5);
    await bar.getByLabel(/^Due date/).fill(soon.local);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await bar.getByRole("button", { name: "Apply to 2 claims" }).click();

    const outcome = page.getByRole("region", { name: "Bulk change outcome" });
    await expect(outcome).toContainText("2 claims done.");
    await expect(outcome.locator('[data-outcome="done"]')).toHaveCount(2);
    for (const claim of two) {
      expect(await getClaimDetail(e2eDb(), claim.id)).toMatchObject({ dueAt: soon.iso, version: 2 });
      await expect(dueCell(page, claim).locator(`time[datetime="${soon.iso}"]`)).toBeVisible();
      await expect(dueCell(page, claim).locator('[data-deadline="due_soon"]')).toContainText("Due soon");
    }
  });
});
