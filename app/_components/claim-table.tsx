import Link from "next/link";
import type { ClaimState, Verdict } from "@/lib/core/vocabulary";
import { StateBadge, VerdictBadge } from "./badge";
import { verdictContrastFix } from "./contrast-fix";
import { DataTable, type Column } from "./data-table";
import { KeyboardList } from "./keyboard-list";

export interface ClaimRow {
  id: number;
  text: string;
  state: ClaimState;
  verdict: Verdict | null;
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
}

const muted = (text: string) => <span className="text-slate-500">{text}</span>;

const COLUMNS: Column<ClaimRow>[] = [
  {
    header: "Claim",
    width: "w-[32%]",
    cellClassName: "font-normal",
    cell: (row) => (
      <>
        <Link
          href={`/claims/${row.id}`}
          data-kb-link
          className="line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline focus-visible:outline-offset-4"
        >
          {row.text}
        </Link>
        <span className="text-xs text-slate-500">#{row.id}</span>
      </>
    ),
  },
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

/** The dense queue table; `j`/`k` move through rows, `Enter` opens one. */
export function ClaimTable({ rows, caption, showSubmitter = true }: { rows: ClaimRow[]; caption: string; showSubmitter?: boolean }) {
  return (
    <KeyboardList className={`overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 ${verdictContrastFix}`}>
      <DataTable
        caption={caption}
        density="dense"
        layout="fixed"
        className="min-w-[68rem]"
        columns={showSubmitter ? COLUMNS : COLUMNS.filter((column) => column.header !== "Submitter")}
        rows={rows}
        rowKey={(row) => row.id}
        rowProps={(row) => ({
          "data-kb-row": true,
          "data-claim-id": row.id,
          className:
            "group align-top hover:bg-slate-50 focus-within:bg-blue-50/60 data-[active]:bg-blue-50 data-[active]:shadow-[inset_3px_0_0_var(--color-accent)]",
        })}
      />
    </KeyboardList>
  );
}
