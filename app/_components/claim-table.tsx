import Link from "next/link";
import type { ClaimState, Verdict } from "@/lib/core/vocabulary";
import { StateBadge, VerdictBadge } from "./badge";
import { verdictContrastFix } from "./contrast-fix";
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
  createdAt: string;
  /** Pre-computed on the server so the client renders the same words. */
  age: string;
  ageTitle: string;
}

/** The dense queue table; `j`/`k` move through rows, `Enter` opens one. */
export function ClaimTable({ rows, caption, showSubmitter = true }: { rows: ClaimRow[]; caption: string; showSubmitter?: boolean }) {
  return (
    <KeyboardList className={`overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 ${verdictContrastFix}`}>
      <table className="w-full min-w-[60rem] table-fixed divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-[40%]" />
          <col className="w-28" />
          <col className="w-32" />
          <col />
          {showSubmitter && <col className="w-32" />}
          <col className="w-32" />
          <col className="w-20" />
        </colgroup>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5">Claim</th>
            <th scope="col" className="px-3 py-2.5">State</th>
            <th scope="col" className="px-3 py-2.5">Verdict</th>
            <th scope="col" className="px-3 py-2.5">Article</th>
            {showSubmitter && <th scope="col" className="px-3 py-2.5">Submitter</th>}
            <th scope="col" className="px-3 py-2.5">Assignee</th>
            <th scope="col" className="px-3 py-2.5 text-right">Age</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-kb-row
              data-claim-id={row.id}
              className="group align-top hover:bg-slate-50 focus-within:bg-blue-50/60 data-[active]:bg-blue-50 data-[active]:shadow-[inset_3px_0_0_var(--color-accent)]"
            >
              <th scope="row" className="px-4 py-2.5 text-left font-normal">
                <Link
                  href={`/claims/${row.id}`}
                  data-kb-link
                  className="line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline focus-visible:outline-offset-4"
                >
                  {row.text}
                </Link>
                <span className="text-xs text-slate-500">#{row.id}</span>
              </th>
              <td className="px-3 py-2.5"><StateBadge state={row.state} /></td>
              <td className="px-3 py-2.5">{row.verdict ? <VerdictBadge verdict={row.verdict} /> : <span className="text-slate-500">—</span>}</td>
              <td className="truncate px-3 py-2.5 text-slate-700">
                {row.articleTitle ? <span title={row.articleTitle}>{row.articleTitle}</span> : <span className="text-slate-500">—</span>}
              </td>
              {showSubmitter && <td className="px-3 py-2.5 text-slate-700">{row.submitterName}</td>}
              <td className="px-3 py-2.5 text-slate-700">{row.assigneeName ?? <span className="text-slate-500">Unassigned</span>}</td>
              <td className="whitespace-nowrap px-3 py-2.5 text-right tabular-nums text-slate-600">
                <time dateTime={row.createdAt} title={row.ageTitle}>{row.age}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </KeyboardList>
  );
}
