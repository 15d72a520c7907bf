import type { Page } from "@playwright/test";
import { assignClaim, getClaimDetail, submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import { createToken } from "@/lib/tokens/tokens";
import { DEMO, demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test } from "./fixtures";

/** A word no other spec's claims contain, so a search shows exactly this test's claims. */
function marker(): string {
  return `bulk${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 8)}`;
}

async function submit(text: string): Promise<ClaimDetail> {
  return must(
    await submitClaim(e2eDb(), demoActor("reporter"), {
      text,
      citations: [{ kind: "origin", title: "Desk notes", documentRef: "Interview notes, May 2024", quote: text }],
    }),
  );
}

const box = (page: Page, claim: ClaimDetail) => page.getByRole("checkbox", { name: `Select claim #${claim.id}` });

test.describe("bulk changes in the queue", () => {
  test("a bulk assign of three claims where one changed meanwhile: two done, one refused with its reason", async ({ page }) => {
    const word = marker();
    const claims = await Promise.all([1, 2, 3].map((n) => submit(`Claim ${n} for the ${word} bulk assignment check.`)));
    await signInAs(page, "editor");
    await page.goto(`/queue?q=${word}`);
    await expect(page.locator("tbody tr[data-kb-row]")).toHaveCount(3);

    // Oldest first: click the first box, shift-click the third for the range.
    await box(page, claims[0]!).click();
    await box(page, claims[2]!).click({ modifiers: ["Shift"] });
    for (const claim of claims) await expect(box(page, claim)).toBeChecked();
    await expect(page.getByText("3 selected")).toBeVisible();

    // Behind the page's back: Elena assigns the second claim to herself, so the page's version 1 is stale.
    const elena = demoActor("editor2");
    must(await assignClaim(e2eDb(), elena, claims[1]!.id, { assigneeId: elena.id, expectedVersion: 1 }));

    const bar = page.getByRole("form", { name: "Bulk change" });
    await bar.getByLabel("With the selected claims").selectOption("assign");
    await bar.getByLabel("Assignee").selectOption({ label: DEMO.editor.name });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await bar.getByRole("button", { name: "Apply to 3 claims" }).click();

    const outcome = page.getByRole("region", { name: "Bulk change outcome" });
    await expect(outcome).toContainText("2 done, 1 refused.");
    await expect(outcome.locator('[data-outcome="done"]')).toHaveCount(2);
    const refused = outcome.locator('[data-outcome="refused"]');
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText(`#${claims[1]!.id}`);
    await expect(refused).toContainText("This claim changed since you loaded it (you saw version 1, it is now version 2)");
    // The refused claim stays selected to be looked at again; the done ones are not.
    await expect(box(page, claims[1]!)).toBeChecked();
    await expect(box(page, claims[0]!)).not.toBeChecked();

    const editor = demoActor("editor");
    expect((await getClaimDetail(e2eDb(), claims[0]!.id))!.assigneeId).toBe(editor.id);
    expect((await getClaimDetail(e2eDb(), claims[1]!.id))!.assigneeId).toBe(elena.id);
    expect((await getClaimDetail(e2eDb(), claims[2]!.id))!.assigneeId).toBe(editor.id);
    // The page refreshed: the table shows the new assignee on the done claims.
    await expect(page.locator(`tbody tr[data-claim-id="${claims[0]!.id}"]`)).toContainText(DEMO.editor.name);
    await page.screenshot({ path: "/tmp/h7-queue-desktop.png", fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("x toggles the focused row and j/k still move; a bulk follow reports each claim", async ({ page }) => {
    const word = marker();
    const claims = await Promise.all([1, 2, 3].map((n) => submit(`Claim ${n} for the ${word} keyboard selection check.`)));
    await signInAs(page, "editor2");
    await page.goto(`/queue?q=${word}`);
    await expect(page.locator("tbody tr[data-kb-row]")).toHaveCount(3);

    await page.locator("body").press("j");
    await expect(page.getByRole("link", { name: claims[0]!.text })).toBeFocused();
    await page.keyboard.press("x");
    await expect(box(page, claims[0]!)).toBeChecked();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect(page.locator(`tbody tr[data-claim-id="${claims[2]!.id}"]`)).toHaveAttribute("data-active", "");
    await page.keyboard.press("x");
    await expect(box(page, claims[2]!)).toBeChecked();
    await expect(box(page, claims[1]!)).not.toBeChecked();
    await page.keyboard.press("x");
    await expect(box(page, claims[2]!)).not.toBeChecked();
    await page.keyboard.press("k");
    await page.keyboard.press("x");
    await expect(box(page, claims[1]!)).toBeChecked();
    await expect(page.getByText("2 selected")).toBeVisible();

    const bar = page.getByRole("form", { name: "Bulk change" });
    await bar.getByLabel("With the selected claims").selectOption("follow");
    await bar.getByRole("button", { name: "Apply to 2 claims" }).click();
    const outcome = page.getByRole("region", { name: "Bulk change outcome" });
    await expect(outcome.getByText("2 claims done.")).toBeVisible();
    await expect(outcome.locator('[data-outcome="done"]')).toHaveCount(2);
  });

  test("on a phone (390 px) each claim is a card with its state and verdict", async ({ page }) => {
    const word = marker();
    const [draft, checked] = await Promise.all([1, 2].map((n) => submit(`Claim ${n} for the ${word} phone card check.`)));
    const reviewed = must(
      await transitionClaim(e2eDb(), demoActor("editor"), checked!.id, { action: "review", note: "Matches the notes", citationIds: [checked!.citations[0]!.id], expectedVersion: 1 }),
    );
    must(
      await transitionClaim(e2eDb(), demoActor("editor2"), checked!.id, {
        action: "verify", note: "Confirmed", verdict: "misleading", citationIds: [checked!.citations[0]!.id], expectedVersion: reviewed.version,
      }),
    );

    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "editor");
    await page.goto(`/queue?q=${word}`);
    const cards = page.locator("li[data-claim-card]");
    await expect(cards).toHaveCount(2);
    await expect(page.locator("tbody tr[data-kb-row]").first()).toBeHidden();
    const draftCard = cards.filter({ hasText: draft!.text });
    await expect(draftCard.getByText("Draft", { exact: true })).toBeVisible();
    await expect(draftCard.getByText("No verdict")).toBeVisible();
    const verifiedCard = cards.filter({ hasText: checked!.text });
    await expect(verifiedCard.getByText("Verified", { exact: true })).toBeVisible();
    await expect(verifiedCard.getByText("Misleading", { exact: true })).toBeVisible();
    await expect(verifiedCard.getByText("Unassigned")).toBeVisible();
    await page.screenshot({ path: "/tmp/h7-queue-390.png", fullPage: true });
    // Nothing of a card is clipped sideways: each lies within the phone's width.
    for (const card of await cards.all()) {
      const bounds = (await card.boundingBox())!;
      expect(bounds.x).toBeGreaterThanOrEqual(0);
      expect(bounds.x + bounds.width).toBeLessThanOrEqual(390);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  test("POST /api/v1/claims/bulk answers 200 with each claim's outcome; 'due' without a date and too many claims are 422", async ({ request }) => {
    const word = marker();
    const claims = await Promise.all([1, 2].map((n) => submit(`Claim ${n} for the ${word} bulk API check.`)));
    const editor = demoActor("editor");
    const token = must(await createToken(e2eDb(), editor.id, { name: `bulk e2e ${word}` })).token;
    const headers = { Authorization: `Bearer ${token}`, "Idempotency-Key": `bulk-${word}` };
    const body = {
      action: "return",
      note: "Back to the reporter",
      claims: [{ id: claims[0]!.id, expectedVersion: 1 }, { id: claims[1]!.id, expectedVersion: 1 }, { id: 999999, expectedVersion: 1 }],
    };
    // Both are drafts: returning one is the rule's conflict, for each claim; an unknown id is a 404.
    const response = await request.post("/api/v1/claims/bulk", { headers, data: body });
    expect(response.status()).toBe(200);
    const answer = await response.json();
    expect(answer.results.map((r: { status: number }) => r.status)).toEqual([409, 409, 404]);
    expect(answer.results[0]).toMatchObject({ ok: false, error: "This claim is already a draft" });
    // The same key and body answers the same again without a second attempt.
    const again = await request.post("/api/v1/claims/bulk", { headers, data: body });
    expect(again.status()).toBe(200);
    expect(await again.json()).toEqual(answer);

    const assign = await request.post("/api/v1/claims/bulk", {
      headers: { Authorization: `Bearer ${token}` },
      data: { action: "assign", assigneeId: editor.id, claims: claims.map((c) => ({ id: c.id, expectedVersion: 1 })) },
    });
    expect((await assign.json()).results).toEqual(claims.map((c) => ({ claimId: c.id, ok: true, status: 200, version: 2 })));

    // "due" without a date is malformed (422, naming dueAt); with one, each claim is set through its own versioned change.
    const undated = await request.post("/api/v1/claims/bulk", { headers: { Authorization: `Bearer ${token}` }, data: { action: "due", claims: [{ id: claims[0]!.id, expectedVersion: 2 }] } });
    expect(undated.status()).toBe(422);
    expect((await undated.json()).error.fields.dueAt).toEqual(["Give the due date (or null to clear it)"]);
    const due = await request.post("/api/v1/claims/bulk", {
      headers: { Authorization: `Bearer ${token}` },
      data: { action: "due", dueAt: "2030-03-01T09:00:00+01:00", claims: [{ id: claims[0]!.id, expectedVersion: 2 }, { id: claims[1]!.id, expectedVersion: 1 }] },
    });
    expect(due.status()).toBe(200);
    expect((await due.json()).results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([[true, 200], [false, 409]]);
    expect((await getClaimDetail(e2eDb(), claims[0]!.id))!.dueAt).toBe("2030-03-01T08:00:00.000Z");
    const many = await request.post("/api/v1/claims/bulk", {
      headers: { Authorization: `Bearer ${token}` },
      data: { action: "follow", claims: Array.from({ length: 201 }, (_, i) => ({ id: i + 1 })) },
    });
    expect(many.status()).toBe(422);
  });

  test("the issue's claimIds form: each claim at its current version; claims and claimIds together are a 422", async ({ request }) => {
    const word = marker();
    const claims = await Promise.all([1, 2].map((n) => submit(`Claim ${n} for the ${word} bulk claimIds check.`)));
    const editor = demoActor("editor");
    const editor2 = demoActor("editor2");
    const headers = { Authorization: `Bearer ${must(await createToken(e2eDb(), editor.id, { name: `bulk ids ${word}` })).token}` };
    // Someone else changed the second claim first: without a version seen, claimIds changes it as it now is.
    must(await assignClaim(e2eDb(), editor2, claims[1]!.id, { assigneeId: editor2.id, expectedVersion: 1 }));
    const response = await request.post("/api/v1/claims/bulk", { headers, data: { action: "assign", assigneeId: editor.id, claimIds: claims.map((c) => c.id) } });
    expect(response.status()).toBe(200);
    expect((await response.json()).results).toEqual([
      { claimId: claims[0]!.id, ok: true, status: 200, version: 2 },
      { claimId: claims[1]!.id, ok: true, status: 200, version: 3 },
    ]);
    expect(await Promise.all(claims.map(async (c) => (await getClaimDetail(e2eDb(), c.id))!.assigneeId))).toEqual([editor.id, editor.id]);

    const both = await request.post("/api/v1/claims/bulk", { headers, data: { action: "unassign", claimIds: [claims[0]!.id], claims: [{ id: claims[0]!.id, expectedVersion: 2 }] } });
    expect(both.status()).toBe(422);
    expect((await both.json()).error.fields).toEqual({ claimIds: ["Send either claims or claimIds, not both"] });
    const neither = await request.post("/api/v1/claims/bulk", { headers, data: { action: "unassign" } });
    expect(neither.status()).toBe(422);
    expect(Object.keys((await neither.json()).error.fields)).toEqual(["claims"]);
    expect((await getClaimDetail(e2eDb(), claims[0]!.id))!.assigneeId).toBe(editor.id);
  });
});
