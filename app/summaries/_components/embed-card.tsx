import { BadgeCheck } from "lucide-react";
import type { ReactNode } from "react";
import { claimAnchor, orgName, summaryPath } from "@/lib/publish/config";
import type { PublicClaim, PublicSummary } from "@/lib/publish/types";
import { longDate } from "./format";
import { Appearance } from "./summary-view";
import { VerdictLabel } from "./verdict-label";

/*
 * The compact cards other sites frame (/summaries/{slug}/embed, …/embed/claim/{id}): no masthead,
 * no scripts needed, every link opens our page in a new tab (the frame is too small to read in).
 */

const out = { target: "_blank", rel: "noopener" } as const;

function Frame({ href, children }: { href: string; children: ReactNode }) {
  return (
    <main className="public-site min-h-screen bg-white p-4 text-slate-900">
      <div className="flex items-center justify-between gap-3 border-b-2 border-double border-slate-900 pb-2">
        <a href={href} {...out} className="font-serif text-lg font-black tracking-tight text-slate-950 hover:underline">
          {orgName()}
        </a>
        <span className="text-[0.65rem] font-semibold uppercase tracking-[0.2em] text-red-800">Fact-check</span>
      </div>
      {children}
    </main>
  );
}

export function SummaryEmbed({ summary, pageUrl }: { summary: PublicSummary; pageUrl: string }) {
  const shown = summary.claims.slice(0, 4);
  return (
    <Frame href={pageUrl}>
      <h1 className="mt-3 font-serif text-xl leading-snug font-bold">
        <a href={pageUrl} {...out} className="hover:underline">
          {summary.title}
        </a>
      </h1>
      <ol aria-label="Claims checked" className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200">
        {shown.map((claim) => (
          <li key={claim.id} className="flex items-start gap-3 px-3 py-2 text-sm">
            <span className="mt-0.5 w-28 shrink-0">
              <VerdictLabel verdict={claim.verdict} size="sm" />
            </span>
            <a href={`${pageUrl}#${claimAnchor(claim.id)}`} {...out} className="line-clamp-2 text-slate-800 hover:underline">
              {claim.text}
            </a>
          </li>
        ))}
      </ol>
      <p className="mt-3 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
        <span>
          {summary.claims.length} claim{summary.claims.length === 1 ? "" : "s"} checked · {longDate(summary.publishedAt)}
        </span>
        <a href={pageUrl} {...out} className="font-semibold text-blue-800 underline">
          Read the full fact-check<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
    </Frame>
  );
}

export function ClaimEmbed({ summary, claim, pageUrl }: { summary: PublicSummary; claim: PublicClaim; pageUrl: string }) {
  const claimUrl = `${pageUrl}#${claimAnchor(claim.id)}`;
  return (
    <Frame href={pageUrl}>
      <p className="mt-3 text-[0.7rem] font-bold uppercase tracking-wider text-slate-600">The claim</p>
      <h1 className="mt-1 font-serif text-lg leading-snug font-semibold">{claim.text}</h1>
      {claim.appearance && <Appearance appearance={claim.appearance} className="mt-1 text-xs text-slate-600" newTab />}
      <div className="mt-3 flex items-start gap-3 rounded-md bg-slate-50 p-3">
        <div className="shrink-0">
          <p className="mb-1 text-[0.65rem] font-bold uppercase tracking-wider text-slate-600">Our verdict</p>
          <VerdictLabel verdict={claim.verdict} size="md" />
        </div>
        <p className="line-clamp-4 text-sm leading-relaxed text-slate-800">{claim.explanation}</p>
      </div>
      <p className="mt-3 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span className="inline-flex items-center gap-1">
          <BadgeCheck aria-hidden className="size-4 text-emerald-700" />
          Verified by {claim.verifiedBy.name}, {longDate(claim.verifiedBy.at)}
        </span>
        <a href={claimUrl} {...out} className="font-semibold text-blue-800 underline">
          Sources and full fact-check<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
      <p className="mt-1 line-clamp-1 text-xs text-slate-600">From “{summary.title}”</p>
    </Frame>
  );
}

export function embedPageUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}${summaryPath(slug)}`;
}
