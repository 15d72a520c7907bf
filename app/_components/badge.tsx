import { CLAIM_STATE_LABEL, VERDICT_LABEL, type ClaimState, type Verdict } from "@/lib/core/vocabulary";

const STATE_STYLE: Record<ClaimState, string> = {
  draft: "bg-amber-50 text-amber-900 ring-amber-300",
  reviewed: "bg-sky-50 text-sky-900 ring-sky-300",
  verified: "bg-emerald-50 text-emerald-900 ring-emerald-300",
};

const VERDICT_STYLE: Record<Verdict, string> = {
  true: "bg-emerald-600 text-white ring-emerald-700",
  "mostly-true": "bg-emerald-100 text-emerald-900 ring-emerald-300",
  mixed: "bg-yellow-100 text-yellow-900 ring-yellow-300",
  misleading: "bg-orange-100 text-orange-900 ring-orange-300",
  false: "bg-red-600 text-white ring-red-700",
  unsupported: "bg-slate-200 text-slate-800 ring-slate-300",
};

const BASE = "inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset whitespace-nowrap";

export function StateBadge({ state }: { state: ClaimState }) {
  return (
    <span className={`${BASE} ${STATE_STYLE[state]}`} data-state={state}>
      <span aria-hidden className="size-1.5 rounded-full bg-current opacity-70" />
      {CLAIM_STATE_LABEL[state]}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`${BASE} ${VERDICT_STYLE[verdict]}`} data-verdict={verdict}>
      {VERDICT_LABEL[verdict]}
    </span>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return <span className={`${BASE} bg-slate-100 text-slate-700 ring-slate-300 capitalize`}>{role}</span>;
}

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "red" | "amber" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 ring-slate-300",
    red: "bg-red-50 text-red-800 ring-red-300",
    amber: "bg-amber-50 text-amber-900 ring-amber-300",
  };
  return <span className={`${BASE} ${tones[tone]}`}>{children}</span>;
}
