"use client";

import Link from "next/link";
import type { MouseEvent } from "react";
import type { ClaimState, Verdict } from "@/lib/core/vocabulary";
import type { ClaimDeadline } from "@/lib/deadlines/status";
import { StateBadge, VerdictBadge } from "./badge";
import { DeadlineBadge, LocalDateTime } from "./due-date";
import { verdictContrastFix } from "./contrast-fix";
import { DataTable, type Column } from "./data-table";
import { KeyboardList } from "./keyboard-list";

export interface ClaimRow {
  id: number;
  text: string;
  state: ClaimState;
  verdict: Verdict | null;
  /** The version the page shows: a bulk change sends it, so a claim changed meanwhile is refused, not overwritten. */
  version: number;
  articleId: number | null;
  articleTitle: string | null;
  submitterName: string;
  assigneeName: string | null;
  /** Who reviewed the current round; null before a review. */
  reviewerName: string | null;
  createdAt: string;
  /** Pre-computed on the server so the client renders the same words. */
  age: string;
  ageTitle: string;
  /** When the claim entered its current state (its latest sign-off), and how long ago in words. */
  stateSince: string;
  inState: string;
  inStateTitle: string;
  /** When the check is due (UTC); null: none set. */
  dueAt: string | null;
  /** Its deadline now (due date or the state's target), judged on the server; null: none. */
  deadline: ClaimDeadline | null;
  /** Where the row's link goes: the claim page, in the view the list shows (`?view=`), when there is one. */
  href?: string;
}

/** Rows picked for a bulk change; `toggle` with `range` (shift-click) extends from the last row toggled. */
export interface RowSelection {
  /** Selected claim ids (with the version each had when it was ticked). */
  selected: ReadonlyMap<number, number>;
  toggle: (id: number, range: boolean) => void;
  toggleAll: (on: boolean) => void;
}

const muted = (text: string) => <span className="text-slate-600">{text}</span>;

function SelectBox({ row, selection }: { row: ClaimRow; selection: RowSelection }) {
  return (
    <input
      type="checkbox"
      data-kb-select
      aria-label={`Select claim #${row.id}`}
      checked={selection.selected.has(row.id)}
      // onClick sees shiftKey; onChange would not. The state comes from `selected`, so React keeps it in step.
      onClick={(event: MouseEvent<HTMLInputElement>) => selection.toggle(row.id, event.shiftKey)}
      onChange={() => {}}
      className="size-4 rounded border-slate-400"
    />
  );
}

const claimCell = (row: ClaimRow) => (
  <>
    <Link
      href={row.href ?? `/claims/${row.id}`}
      data-kb-link
      className="line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline focus-visible:outline-offset-4"
    >
      {row.text}
    </Link>
    <span className="text-xs text-slate-600">#{row.id}</span>
  </>
);

const inStateCell = (row: ClaimRow) => (
  <time dateTime={row.stateSince} title={row.inStateTitle}>
    {row.inState}
  </time>
);

const dueCell = (row: ClaimRow) => (
  <span data-due-cell className="flex flex-col items-start gap-1">
    {row.dueAt ? <LocalDateTime iso={row.dueAt} /> : muted("—")}
    <DeadlineBadge deadline={row.deadline} />
  </span>
);

const COLUMNS: Column<ClaimRow>[] = [
  { header: "Claim", width: "w-[30%]", cellClassName: "font-normal", cell: claimCell },
  { header: "State", width: "w-28", cell: (row) => <StateBadge state={row.state} /> },
  { header: "Verdict", width: "w-28", cell: (row) => (row.verdict ? <VerdictBadge verdict={row.verdict} /> : muted("—")) },
  {
    header: "Article",
    cellClassName: "truncate text-slate-700",
    cell: (row) => (row.articleTitle ? <span title={row.articleTitle}>{row.articleTitle}</span> : muted("—")),
  },
  { header: "Submitter", width: "w-28", cellClassName: "text-slate-700", cell: (row) => row.submitterName },
  { header: "Reviewer", width: "w-28", cellClassName: "text-slate-700", cell: (row) => row.reviewerName ?? muted("—") },
  { header: "Assignee", width: "w-28", cellClassName: "text-slate-700", cell: (row) => row.assigneeName ?? muted("Unassigned") },
  { header: "Due", width: "w-36", cellClassName: "text-slate-700", cell: dueCell },
  {
    header: "In state",
    width: "w-24",
    className: "text-right",
    cellClassName: "whitespace-nowrap tabular-nums text-slate-700",
    cell: inStateCell,
  },
  {
    header: "Age",
    width: "w-20",
    className: "text-right",
    cellClassName: "whitespace-nowrap tabular-nums text-slate-600",
    cell: (row) => (
      <time dateTime={row.createdAt} title={row.ageTitle}>
        {row.age}
      </time>
    ),
  },
];

const ROW_CLASS =
  "group align-top hover:bg-slate-50 focus-within:bg-blue-50/60 data-[active]:bg-blue-50 data-[active]:shadow-[inset_3px_0_0_var(--color-accent)]";

/**
 * The dense queue table; `j`/`k` move through rows, `Enter` opens one, `x` toggles its selection.
 * Below the `md` breakpoint (a phone) the same rows are cards: state, verdict, deadline, text, article, assignee, due date.
 */
export function ClaimTable({
  rows,
  caption,
  showSubmitter = true,
  selection,
}: {
  rows: ClaimRow[];
  caption: string;
  showSubmitter?: boolean;
  selection?: RowSelection;
}) {
  const shown = showSubmitter ? COLUMNS : COLUMNS.filter((column) => column.header !== "Submitter");
  const allSelected = selection != null && rows.length > 0 && rows.every((row) => selection.selected.has(row.id));
  const columns: Column<ClaimRow>[] = selection
    ? [
        {
          header: (
            <input
              type="checkbox"
              aria-label="Select all claims on this page"
              checked={allSelected}
              onChange={(event) => selection.toggleAll(event.target.checked)}
              className="size-4 rounded border-slate-400"
            />
          ),
          width: "w-10",
          cell: (row) => <SelectBox row={row} selection={selection} />,
        },
        ...shown,
      ]
    : shown;

  return (
    <KeyboardList className={verdictContrastFix}>
      <div className="hidden overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 md:block">
        <DataTable
          caption={caption}
          density="dense"
          layout="fixed"
          className="min-w-[80rem]"
          columns={columns}
          rowHeader={selection ? 1 : 0}
          rows={rows}
          rowKey={(row) => row.id}
          rowProps={(row) => ({ "data-kb-row": true, "data-claim-id": row.id, className: ROW_CLASS })}
        />
      </div>
      <ul aria-label={caption} className="space-y-2 md:hidden">
        {rows.map((row) => (
          <li
            key={row.id}
            data-kb-row
            data-claim-card={row.id}
            className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 data-[active]:ring-2 data-[active]:ring-blue-500"
          >
            <div className="mb-2 flex flex-wrap items-center gap-2">
              {selection && <SelectBox row={row} selection={selection} />}
              <StateBadge state={row.state} />
              {row.verdict ? <VerdictBadge verdict={row.verdict} /> : <span className="text-xs text-slate-600">No verdict</span>}
              <DeadlineBadge deadline={row.deadline} />
              <span className="ml-auto text-xs text-slate-700">
                in state {inStateCell(row)}
              </span>
            </div>
            {claimCell(row)}
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              <dt className="text-slate-600">Article</dt>
              <dd className="truncate text-slate-800">{row.articleTitle ?? "—"}</dd>
              <dt className="text-slate-600">Assignee</dt>
              <dd className="text-slate-800">{row.assigneeName ?? "Unassigned"}</dd>
              <dt className="text-slate-600">Due</dt>
              <dd className="text-slate-800">{row.dueAt ? <LocalDateTime iso={row.dueAt} /> : "No due date"}</dd>
              {row.reviewerName && (
                <>
                  <dt className="text-slate-600">Reviewer</dt>
                  <dd className="text-slate-800">{row.reviewerName}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </KeyboardList>
  );
}
