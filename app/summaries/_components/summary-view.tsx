import { AlertTriangle, BadgeCheck, ExternalLink, History, Link2, RotateCcw } from "lucide-react";
import type { ReactNode } from "react";
import { CITATION_KIND_SHORT_LABEL } from "@/lib/core/vocabulary";
import { claimAnchor } from "@/lib/publish/config";
import type { CorrectionEntry, PublicClaim, SnapshotCitation, SummarySnapshot, VersionRef } from "@/lib/publish/types";
import { hostOf, longDate } from "./format";
import { VerdictLabel } from "./verdict-label";

/*
 * The published summary, rendered the same way on the public page and in the editor's preview
 * (no hooks, no server-only imports). The live "under re-review" mark comes in through `reReview`
 * so the public page can swap in its self-updating version.
 */

export interface SummaryViewProps {
  title: string;
  introduction: string;
  article: SummarySnapshot["article"];
  claims: PublicClaim[];
  /** Anchor base for permalinks, e.g. "/summaries/slug"; omitted in previews. */
  pageHref?: string;
  /** Renders the re-review notice of a claim; defaults to the static one. */
  reReview?: (claim: PublicClaim) => ReactNode;
  headerExtra?: ReactNode;
}

export function SummaryHeader({ title, introduction, children }: { title: string; introduction: string; children?: ReactNode }) {
  return (
    <header className="space-y-4">
      <p className="text-xs font-bold uppercase tracking-[0.18em] text-red-800">Fact-check</p>
      <h1 className="font-serif text-3xl leading-tight font-bold tracking-tight text-slate-950 sm:text-[2.6rem] sm:leading-[1.1]">{title}</h1>
      <p className="font-serif text-lg leading-relaxed text-slate-700 sm:text-xl">{introduction}</p>
      {children}
    </header>
  );
}

export function VerdictTally({ claims }: { claims: ReadonlyArray<Pick<PublicClaim, "id" | "verdict" | "text">> }) {
  return (
    <nav aria-label="Claims in this fact-check" className="rounded-lg border border-slate-200 bg-white print:hidden">
      <h2 className="border-b border-slate-200 px-4 py-2 text-xs font-bold uppercase tracking-wider text-slate-500">
        {claims.length} claim{claims.length === 1 ? "" : "s"} checked
      </h2>
      <ol className="divide-y divide-slate-100">
        {claims.map((claim) => (
          <li key={claim.id}>
            <a href={`#${claimAnchor(claim.id)}`} className="flex items-start gap-3 px-4 py-2.5 text-sm hover:bg-slate-50">
              <span className="mt-0.5 w-28 shrink-0">
                <VerdictLabel verdict={claim.verdict} size="sm" />
              </span>
              <span className="text-slate-800">{claim.text}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function StaticReReviewNotice({ claim }: { claim: Pick<PublicClaim, "underReReview"> }) {
  return claim.underReReview ? <ReReviewNotice /> : null;
}

export function ReReviewNotice() {
  return (
    <div role="note" className="flex gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <RotateCcw aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        <strong className="font-semibold">Under re-review.</strong> Our editors reopened this claim after publication. The verdict
        below may change; any change will be listed in the corrections log.
      </p>
    </div>
  );
}

/** Where the claim was made: the article linked when it has an address, else named by publisher and date. */
export function Appearance({
  appearance,
  className = "mt-2 text-sm text-slate-600",
  newTab = false,
}: {
  appearance: NonNullable<PublicClaim["appearance"]>;
  className?: string;
  /** In an embed: links leave the frame. */
  newTab?: boolean;
}) {
  const where = [appearance.publisher, appearance.datePublished ? longDate(appearance.datePublished) : null].filter(Boolean).join(", ");
  return (
    <p className={className}>
      {appearance.url ? "Said in " : "Appeared in "}
      {appearance.url ? (
        <a href={appearance.url} rel="noopener noreferrer" target={newTab ? "_blank" : undefined} className="source-link underline underline-offset-2 hover:text-blue-800">
          {appearance.title}
        </a>
      ) : (
        <cite className="not-italic">{appearance.title}</cite>
      )}
      {where ? `, ${where}` : ""}
    </p>
  );
}

function Source({ citation }: { citation: SnapshotCitation }) {
  return (
    <li className="border-l-2 border-slate-200 pl-4 break-inside-avoid">
      <p className="text-xs font-bold uppercase tracking-wider text-slate-500">{CITATION_KIND_SHORT_LABEL[citation.kind]}</p>
      <p className="mt-0.5 text-sm">
        {citation.url ? (
          <a href={citation.url} rel="noopener noreferrer" className="source-link font-semibold text-blue-800 underline decoration-blue-200 underline-offset-2 hover:decoration-blue-800">
            {citation.title}
            <ExternalLink aria-hidden className="ml-1 inline size-3.5 align-[-2px] print:hidden" />
          </a>
        ) : (
          <span className="font-semibold text-slate-900">{citation.title}</span>
        )}
        <span className="text-slate-600">
          {citation.publisher ? ` — ${citation.publisher}` : citation.url ? ` — ${hostOf(citation.url)}` : ""}
          {citation.documentRef ? ` (${citation.documentRef})` : ""}
        </span>
      </p>
      <blockquote cite={citation.url ?? undefined} className="mt-1.5 font-serif text-[0.95rem] leading-relaxed text-slate-700 italic">
        “{citation.quote}”
      </blockquote>
      <p className="mt-1 text-xs text-slate-500">Accessed {longDate(citation.accessedAt)}</p>
    </li>
  );
}

export function ClaimEntry({ claim, index, pageHref, reReview }: { claim: PublicClaim; index: number; pageHref?: string; reReview?: ReactNode }) {
  const anchor = claimAnchor(claim.id);
  const sources = claim.citations.filter((c) => c.kind !== "origin");
  const origins = claim.citations.filter((c) => c.kind === "origin");
  return (
    <article id={anchor} aria-labelledby={`${anchor}-text`} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-7 print:break-inside-avoid print:border-slate-400 print:shadow-none" data-claim-id={claim.id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs font-bold uppercase tracking-wider text-slate-500">Claim {index + 1}</p>
        {pageHref && (
          <a href={`${pageHref}#${anchor}`} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-blue-800 print:hidden">
            <Link2 aria-hidden className="size-3.5" />
            Link to this claim
          </a>
        )}
      </div>
      {/* The claim as we checked it, in our words: a statement, not a quotation. Only a source's words (below) are set as quotes. */}
      <p id={`${anchor}-text`} className="mt-3 font-serif text-xl leading-snug font-semibold text-slate-950 sm:text-2xl">
        {claim.text}
      </p>
      {claim.appearance && <Appearance appearance={claim.appearance} />}

      <div className="mt-4 space-y-4">
        {reReview}
        <div className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4 sm:flex-row sm:items-start sm:gap-5 print:bg-white print:p-0">
          <div className="shrink-0">
            <p className="mb-1 text-[0.7rem] font-bold uppercase tracking-wider text-slate-500">Our verdict</p>
            <VerdictLabel verdict={claim.verdict} size="lg" />
          </div>
          <p className="text-[0.95rem] leading-relaxed text-slate-800">{claim.explanation}</p>
        </div>

        {(sources.length > 0 || origins.length > 0) && (
          <section aria-label={`Sources for claim ${index + 1}`}>
            <h3 className="mb-2 text-sm font-bold text-slate-900">Sources</h3>
            <ul className="space-y-4">
              {[...sources, ...origins].map((citation) => (
                <Source key={citation.id} citation={citation} />
              ))}
            </ul>
          </section>
        )}

        <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600">
          <BadgeCheck aria-hidden className="size-4 text-emerald-700" />
          {claim.reviewedBy && (
            <span>
              Reviewed by <strong className="font-semibold text-slate-800">{claim.reviewedBy.name}</strong> on {longDate(claim.reviewedBy.at)}
              <span aria-hidden> · </span>
            </span>
          )}
          <span>
            verified by <strong className="font-semibold text-slate-800">{claim.verifiedBy.name}</strong> on {longDate(claim.verifiedBy.at)}
          </span>
        </p>
      </div>
    </article>
  );
}

export function ClaimList({ claims, pageHref, reReview }: Pick<SummaryViewProps, "claims" | "pageHref" | "reReview">) {
  return (
    <div className="space-y-6">
      {claims.map((claim, index) => (
        <ClaimEntry
          key={claim.id}
          claim={claim}
          index={index}
          pageHref={pageHref}
          reReview={reReview ? reReview(claim) : <StaticReReviewNotice claim={claim} />}
        />
      ))}
    </div>
  );
}

export function CorrectionsLog({ entries, versionHref }: { entries: readonly CorrectionEntry[]; versionHref?: (version: number) => string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="corrections-heading" id="corrections" className="scroll-mt-6">
      <h2 id="corrections-heading" className="flex items-center gap-2 font-serif text-2xl font-bold text-slate-950">
        <History aria-hidden className="size-5 text-slate-500" />
        Corrections
      </h2>
      <ol className="mt-4 space-y-5 border-l-2 border-slate-300 pl-5">
        {entries.map((entry) => (
          <li key={entry.version} className="relative break-inside-avoid">
            <span aria-hidden className="absolute top-1.5 -left-[1.7rem] size-3 rounded-full border-2 border-white bg-slate-500" />
            <p className="text-sm font-semibold text-slate-900">
              <time dateTime={entry.publishedAt}>{longDate(entry.publishedAt)}</time>
              {" · "}
              {versionHref ? (
                <a href={versionHref(entry.version)} className="text-blue-800 underline underline-offset-2">
                  version {entry.version}
                </a>
              ) : (
                `version ${entry.version}`
              )}
            </p>
            <p className="mt-1 text-[0.95rem] text-slate-800">
              <span className="font-semibold">Why: </span>
              {entry.note}
            </p>
            {entry.changes.length > 0 && (
              <div className="mt-1 text-sm text-slate-700">
                <p className="font-semibold">What changed:</p>
                <ul className="mt-0.5 list-disc space-y-0.5 pl-5">
                  {entry.changes.map((change, i) => (
                    <li key={i}>{change.description}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function VersionList({ versions, current, shown, versionHref }: { versions: readonly VersionRef[]; current: number; shown: number; versionHref: (version: number) => string }) {
  if (versions.length < 2) return null;
  return (
    <section aria-labelledby="versions-heading" className="text-sm print:hidden">
      <h2 id="versions-heading" className="font-bold text-slate-900">
        Every version
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {versions.map((v) => (
          <li key={v.version}>
            <a
              href={versionHref(v.version)}
              aria-current={v.version === shown ? "page" : undefined}
              className="inline-block rounded-md border border-slate-300 bg-white px-2.5 py-1 text-slate-700 hover:border-slate-500 aria-[current=page]:border-slate-900 aria-[current=page]:font-semibold aria-[current=page]:text-slate-950"
            >
              Version {v.version} · {longDate(v.publishedAt)}
              {v.version === current ? " (current)" : ""}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Banner({ tone, icon, children }: { tone: "red" | "amber" | "blue"; icon?: "alert" | "history"; children: ReactNode }) {
  const tones = {
    red: "border-red-300 bg-red-50 text-red-950",
    amber: "border-amber-300 bg-amber-50 text-amber-950",
    blue: "border-sky-300 bg-sky-50 text-sky-950",
  };
  const Icon = icon === "history" ? History : AlertTriangle;
  return (
    <div role="note" className={`flex gap-3 rounded-lg border px-4 py-3 text-sm leading-relaxed ${tones[tone]}`}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
