import { BOM, csvRecords, spreadsheetSafe } from "@/lib/export/claims-csv";
import { CLAIM_STATE_LABEL, CLAIM_STATES, ROLE_LABEL } from "@/lib/core/vocabulary";
import type { DeskStats } from "./stats";

/*
 * The dashboard's tables as CSV (issue #12 item 7): each table of the page, the same numbers
 * (deskStats for the same period and viewer), written like the queue export (csv-stringify, RFC 4180,
 * CRLF, a UTF-8 byte order mark, typed text made spreadsheet-safe).
 */

export const DASHBOARD_TABLES = ["counts", "per-day", "per-week", "time-in-state", "returns-per-round", "per-person", "longest-waiting", "overdue"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export const DASHBOARD_TABLE_LABEL: Record<DashboardTable, string> = {
  counts: "Claims in each state now",
  "per-day": "Activity per day",
  "per-week": "Activity per week",
  "time-in-state": "Time in each state",
  "returns-per-round": "Returns per round",
  "per-person": "Load per person",
  "longest-waiting": "Waiting longest",
  overdue: "Overdue now",
};

const STAY_LABEL = { draft: "Draft → reviewed", reviewed: "Reviewed → verified", verified: "Verified → published" } as const;
const number = (value: number | null) => (value == null ? "" : String(value));

/** One table of the dashboard: its header, then its rows. */
export function dashboardRecords(stats: DeskStats, table: DashboardTable): string[][] {
  switch (table) {
    case "counts":
      return [["State", "Claims"], ...CLAIM_STATES.map((state) => [CLAIM_STATE_LABEL[state], String(stats.counts[state])])];
    case "per-day":
      return [["Day", "Submitted", "Verified", "Published"], ...stats.perDay.map((day) => [day.date, String(day.submitted), String(day.verified), String(day.published)])];
    case "per-week":
      return [["Week of", "Submitted", "Verified", "Published"], ...stats.perWeek.map((week) => [week.weekStart, String(week.submitted), String(week.verified), String(week.published)])];
    case "time-in-state":
      return [
        ["Stay", "Median (h)", "90th percentile (h)", "Stays"],
        ...CLAIM_STATES.map((state) => [STAY_LABEL[state], number(stats.timeInState[state].medianHours), number(stats.timeInState[state].p90Hours), String(stats.timeInState[state].n)]),
      ];
    case "returns-per-round":
      return [["Round", "Returns"], ...stats.returnsPerRound.map((row) => [String(row.round), String(row.returns)])];
    case "per-person":
      return [
        ["Person", "Role", "Assigned", "To review", "To verify"],
        ...stats.perPerson.map((person) => [spreadsheetSafe(person.name), ROLE_LABEL[person.role], String(person.assigned), String(person.awaitingReview), String(person.awaitingVerify)]),
      ];
    case "longest-waiting":
      return [
        ["ID", "State", "Claim", "Since", "Waiting (h)", "Assignee"],
        ...stats.longestWaiting.map((claim) => [String(claim.claimId), CLAIM_STATE_LABEL[claim.state], spreadsheetSafe(claim.text), claim.since, String(claim.waitingHours), spreadsheetSafe(claim.assigneeName ?? "")]),
      ];
    case "overdue":
      return [
        ["ID", "State", "Claim", "Deadline", "From", "Hours late", "Assignee"],
        ...stats.overdue.claims.map((claim) => [
          String(claim.id),
          CLAIM_STATE_LABEL[claim.state],
          spreadsheetSafe(claim.text),
          claim.deadline,
          claim.source === "due" ? "Due date" : "Desk target",
          String(claim.hoursLate),
          spreadsheetSafe(claim.assigneeName ?? ""),
        ]),
      ];
  }
}

/** The whole file: BOM, header, rows. */
export function dashboardCsv(stats: DeskStats, table: DashboardTable): string {
  return BOM + csvRecords(dashboardRecords(stats, table));
}

/** `factdesk-dashboard-per-day-2026-11-03-to-2026-12-02.csv` (own figures say so). */
export function dashboardFileName(stats: DeskStats, table: DashboardTable): string {
  return `factdesk-dashboard-${table}${stats.scope === "own" ? "-own" : ""}-${stats.period.from}-to-${stats.period.to}.csv`;
}
