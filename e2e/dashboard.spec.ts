import { parseCsv } from "@/lib/export/parse-csv";
import type { APIRequestContext, Page } from "@playwright/test";
import { withDemoClock } from "@/lib/demo/clock";
import { createToken } from "@/lib/tokens/tokens";
import { submitClaim, transitionClaim, type ClaimDetail } from "@/lib/workflow";
import type { DeskStats } from "@/lib/stats/stats";
import { countClaimsByState } from "@/lib/workflow/queries";
import { demoActor, e2eDb, expect, must, seriousA11yViolations, signInAs, test, type DemoRole } from "./fixtures";

/*
 * The dashboard shows what GET /api/v1/stats answers for the same period (both come from lib/stats),
 * and a claim this test moves changes the numbers by exactly what it did. The suite shares one
 * database and runs serially, so nothing else moves claims between the two readings.
 */

const STATES = ["draft", "reviewed", "verified"] as const;

async function reporterClaim(label: string): Promise<ClaimDetail> {
  const text = `${label} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return must(await submitClaim(e2eDb(), demoActor("reporter"), { text, citations: [{ kind: "origin", title: "Desk notes", documentRef: "Interview notes, June 2018", quote: text }] }));
}

async function move(claim: ClaimDetail, by: DemoRole, action: "review" | "verify" | "return"): Promise<ClaimDetail> {
  return must(
    await transitionClaim(e2eDb(), demoActor(by), claim.id, {
      action,
      note: action === "return" ? "The quote needs its source" : "Checked against the court record",
      ...(action === "verify"
        ? { verdict: "true" as const, citations: [{ kind: "supports" as const, title: "Court record", url: "https://court.example/case/1", quote: "Sentenced to life." }] }
        : { citationIds: [claim.citations[0]!.id] }),
      expectedVersion: claim.version,
    }),
  );
}

async function apiStats(request: APIRequestContext, role: DemoRole, query = ""): Promise<DeskStats> {
  const token = must(await createToken(e2eDb(), demoActor(role).id, { name: `dashboard ${Date.now()}` })).token;
  const response = await request.get(`/api/v1/stats${query}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as DeskStats;
}

const cells = async (page: Page, testId: string, key: string | number) =>
  (await page.getByTestId(testId).locator(`tr[data-key="${key}"]`).locator("td").allTextContents()).map((text) => text.trim());

/** The numbers the page shows, read from its tables. */
async function pageFigures(page: Page, date: string) {
  const counts = Object.fromEntries(
    await Promise.all(STATES.map(async (state) => [state, Number((await page.getByTestId("state-counts").locator(`[data-state="${state}"] dd`).textContent())!.replace(/\D/g, ""))])),
  );
  const timeInState = Object.fromEntries(await Promise.all(STATES.map(async (state) => [state, await cells(page, "time-in-state", state)])));
  await page.getByText("Table: per day and per week").click();
  const day = (await page.getByRole("table", { name: "Per day" }).locator(`tr[data-key="${date}"] td`).allTextContents()).map(Number);
  return { counts, timeInState, day };
}

function expectedFigures(stats: DeskStats, date: string) {
  const hours = (value: number | null) => (value == null ? "—" : String(value));
  const day = stats.perDay.find((row) => row.date === date)!;
  return {
    counts: stats.counts,
    timeInState: Object.fromEntries(STATES.map((state) => [state, [hours(stats.timeInState[state].medianHours), hours(stats.timeInState[state].p90Hours), String(stats.timeInState[state].n)]])),
    day: [day.submitted, day.verified, day.published],
  };
}

test.describe("Dashboard", () => {
  test("an editor's dashboard shows the stats API's numbers, and a claim moved by the test changes them by exactly that", async ({ page, request }) => {
    const today = new Date().toISOString().slice(0, 10);
    const before = await apiStats(request, "editor");
    expect(before.scope).toBe("desk");
    expect(before.overdue.count).toBeGreaterThanOrEqual(1); // the demo's draft past its due date, at least

    await signInAs(page, "editor");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByText("The whole desk")).toBeVisible();
    expect(await pageFigures(page, today)).toEqual(expectedFigures(before, today));
    await expect(page.getByRole("heading", { name: `Overdue now (${before.overdue.count})` })).toBeVisible();

    // Submit two claims, take one through review and verify.
    const moved = await move(await move(await reporterClaim("Dashboard moved claim"), "editor", "review"), "editor2", "verify");
    await reporterClaim("Dashboard waiting claim");

    const after = await apiStats(request, "editor");
    expect(after.counts).toEqual({ draft: before.counts.draft + 1, reviewed: before.counts.reviewed, verified: before.counts.verified + 1 });
    const todayOf = (stats: DeskStats) => stats.perDay.find((row) => row.date === today)!;
    expect(todayOf(after)).toEqual({ ...todayOf(before), submitted: todayOf(before).submitted + 2, verified: todayOf(before).verified + 1 });
    expect(after.timeInState.draft.n).toBe(before.timeInState.draft.n + 1);
    expect(after.timeInState.reviewed.n).toBe(before.timeInState.reviewed.n + 1);
    expect(moved.state).toBe("verified");

    await page.reload();
    expect(await pageFigures(page, today)).toEqual(expectedFigures(after, today));
    // The per-person table is the API's load, person by person.
    for (const person of after.perPerson) {
      expect(await cells(page, "per-person", person.userId)).toEqual([person.assigned, person.awaitingReview, person.awaitingVerify].map(String));
    }
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The longest-waiting list links to its claims.
    const first = after.longestWaiting[0]!;
    await page.getByTestId("longest-waiting").getByRole("link", { name: first.text }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Claim #${first.claimId}` })).toBeVisible();
  });

  test("the dashboard's numbers match a desk built by the test: hand-computed stays, days and returns for a past week", async ({ page, request }, testInfo) => {
    // A week of 2019 (long before the demo's history; a retry takes the next week), built through the domain
    // functions under the demo clock, so every sign-off carries the time written here.
    const monday = new Date(Date.UTC(2019, 5, 3 + 7 * testInfo.retry));
    const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const query = `?from=${day(0)}&to=${day(6)}`;
    expect((await apiStats(request, "editor", query)).timeInState.draft.n).toBe(0);
    const end = monday.getTime() + 7 * 86_400_000;
    await withDemoClock(async (at) => {
      const hour = (dayOffset: number, h: number) => at((end - (monday.getTime() + dayOffset * 86_400_000 + h * 3_600_000)) / 3_600_000);
      // A: submitted Monday 09:00, reviewed 11:00 (2 h a draft), verified Tuesday 11:00 (24 h reviewed).
      hour(0, 9);
      let a = await reporterClaim("Dashboard built claim A");
      hour(0, 11);
      a = await move(a, "editor", "review");
      hour(1, 11);
      await move(a, "editor2", "verify");
      // B: submitted Tuesday 08:00, reviewed 12:00 (4 h), returned 18:00 (6 h reviewed, round 1 ends), reviewed
      // again Wednesday 18:00 (24 h a draft), verified 20:00 (2 h reviewed).
      hour(1, 8);
      let b = await reporterClaim("Dashboard built claim B");
      hour(1, 12);
      b = await move(b, "editor", "review");
      hour(1, 18);
      b = await move(b, "editor2", "return");
      hour(2, 18);
      b = await move(b, "editor", "review");
      hour(2, 20);
      await move(b, "editor2", "verify");
      // C: submitted Wednesday 10:00 and still a draft: an open stay is in no figure.
      hour(2, 10);
      await reporterClaim("Dashboard built claim C");
    }, end);

    // Draft stays 2, 4, 24 h; reviewed 24, 6, 2 h (PERCENTILE.INC: p90 of three is 80% of the way from the 2nd to the 3rd).
    const expected = {
      timeInState: { draft: ["4", "20", "3"], reviewed: ["6", "20.4", "3"], verified: ["—", "—", "0"] },
      perDay: [day(0), day(1), day(2), day(3)].map((date, index) => [date, [[1, 0, 0], [1, 1, 0], [1, 1, 0], [0, 0, 0]][index]!]),
    };
    const stats = await apiStats(request, "editor", query);
    expect(stats.timeInState).toEqual({
      draft: { medianHours: 4, p90Hours: 20, n: 3 },
      reviewed: { medianHours: 6, p90Hours: 20.4, n: 3 },
      verified: { medianHours: null, p90Hours: null, n: 0 },
    });
    expect(stats.returnsPerRound).toEqual([{ round: 1, returns: 1 }]);
    expect(stats.perDay.slice(0, 4).map((row) => [row.date, [row.submitted, row.verified, row.published]])).toEqual(expected.perDay);
    expect(stats.perWeek).toEqual([{ weekStart: day(0), submitted: 3, verified: 2, published: 0 }]);

    await signInAs(page, "editor");
    await page.goto(`/dashboard${query}`);
    for (const state of STATES) expect(await cells(page, "time-in-state", state)).toEqual(expected.timeInState[state]);
    expect(await cells(page, "returns-per-round", 1)).toEqual(["1"]);
    await page.getByText("Table: per day and per week").click();
    for (const [date, figures] of expected.perDay) {
      expect((await page.getByRole("table", { name: "Per day" }).locator(`tr[data-key="${date}"] td`).allTextContents()).map(Number)).toEqual(figures);
    }
  });

  test("each table downloads as CSV with the API's numbers for the same period, accents intact", async ({ page, request }) => {
    await signInAs(page, "editor");
    await page.goto("/dashboard?from=2024-03-01&to=2024-03-14");
    // The link the page offers, fetched with the page's session (a download event is not needed to read the file).
    const href = await page.getByRole("link", { name: /^CSV\s*: Load per person$/ }).getAttribute("href");
    expect(href).toContain("table=");
    const answer = await page.request.get(href!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-disposition"]).toContain("factdesk-dashboard-per-person-2024-03-01-to-2024-03-14.csv");
    const bytes = await answer.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const stats = await apiStats(request, "editor", "?from=2024-03-01&to=2024-03-14");
    const people = parseCsv(bytes.toString("utf8").slice(1));
    expect(people[0]).toEqual(["Person", "Role", "Assigned", "To review", "To verify"]);
    expect(people.slice(1).map((row) => [row[0], ...row.slice(2).map(Number)])).toEqual(stats.perPerson.map((person) => [person.name, person.assigned, person.awaitingReview, person.awaitingVerify]));

    const perDay = await page.request.get("/dashboard/export?table=per-day&from=2024-03-01&to=2024-03-14");
    expect(perDay.headers()["content-type"]).toContain("text/csv");
    const days = parseCsv((await perDay.text()).replace(/^\uFEFF/, ""));
    expect(days.slice(1)).toEqual(stats.perDay.map((day) => [day.date, String(day.submitted), String(day.verified), String(day.published)]));
    expect((await page.request.get("/dashboard/export?table=nope")).status()).toBe(422);
  });

  test("the period lives in the URL, matches the API for it, and a reversed one is explained", async ({ page, request }) => {
    await signInAs(page, "editor");
    await page.goto("/dashboard");
    await page.getByLabel("From", { exact: true }).fill("2024-03-01");
    await page.getByLabel("To", { exact: true }).fill("2024-03-14");
    await page.getByRole("button", { name: "Show period" }).click();
    await expect(page).toHaveURL(/\/dashboard\?from=2024-03-01&to=2024-03-14$/);
    await expect(page.getByText("(14 days, UTC)")).toBeVisible();
    const stats = await apiStats(request, "editor", "?from=2024-03-01&to=2024-03-14");
    expect(await pageFigures(page, "2024-03-05")).toEqual(expectedFigures(stats, "2024-03-05"));
    await expect(page.getByRole("table", { name: "Per day" }).locator("tbody tr")).toHaveCount(14);

    await page.goto("/dashboard?from=2024-03-14&to=2024-03-01");
    await expect(page.getByRole("status")).toContainText("`from` must be on or before `to`. Showing the last 30 days instead.");
    await expect(page.getByText("(30 days, UTC)")).toBeVisible();
  });

  test("a reporter sees the same figures for their own claims", async ({ page, request }) => {
    await reporterClaim("Dashboard reporter claim");
    const stats = await apiStats(request, "reporter");
    expect(stats.scope).toBe("own");
    await signInAs(page, "reporter");
    await page.goto("/dashboard");
    await expect(page.getByText("The claims you submitted")).toBeVisible();
    const today = new Date().toISOString().slice(0, 10);
    expect(await pageFigures(page, today)).toEqual(expectedFigures(stats, today));
    const { total: _total, ...own } = await countClaimsByState(e2eDb(), { submitterId: demoActor("reporter").id });
    expect(stats.counts).toEqual(own);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
