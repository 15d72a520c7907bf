import type { Verdict } from "@/lib/core/vocabulary";
import { VERDICT_LABEL } from "@/lib/core/vocabulary";

const TONE: Record<Verdict, string> = {
  true: "bg-emerald-700 text-white",
  "mostly-true": "bg-emerald-100 text-emerald-950 ring-1 ring-inset ring-emerald-400",
  mixed: "bg-amber-100 text-amber-950 ring-1 ring-inset ring-amber-400",
  misleading: "bg-orange-700 text-white",
  false: "bg-red-700 text-white",
  unsupported: "bg-slate-200 text-slate-900 ring-1 ring-inset ring-slate-400",
};

/** The verdict as readers see it on public pages: a solid label, legible in print (border kept). */
export function VerdictLabel({ verdict, size = "md" }: { verdict: Verdict; size?: "sm" | "md" | "lg" }) {
  const sizes = {
    sm: "px-2 py-0.5 text-xs",
    md: "px-2.5 py-1 text-xs",
    lg: "px-3 py-1.5 text-sm",
  };
  return (
    <span
      data-verdict={verdict}
      className={`inline-flex items-center rounded font-bold uppercase tracking-wide whitespace-nowrap print:border print:border-current print:bg-white print:text-black ${sizes[size]} ${TONE[verdict]}`}
    >
      {VERDICT_LABEL[verdict]}
    </span>
  );
}
