"use client";

import * as Slider from "@radix-ui/react-slider";
import { AlertTriangle, CheckCircle2, FilePlus2 } from "lucide-react";
import Link from "next/link";
import { Fragment, useMemo, useState } from "react";
import { StateBadge } from "@/app/_components/badge";
import { buttonClass } from "@/app/_components/button";
import type { ArticleCandidate, CandidateConflict } from "@/lib/articles/candidates";
import type { CandidateMatch } from "@/lib/match/types";
import { CheckedBefore } from "./checked-before";

// Bounds in whole percent, as scores are shown, so a sentence labelled 70% is never in the 50–69% band.
const BANDS = [
  { min: 70, max: 100, label: "Strong", className: "bg-amber-300/90", swatch: "bg-amber-300" },
  { min: 50, max: 69, label: "Likely", className: "bg-amber-200", swatch: "bg-amber-200" },
  { min: 0, max: 49, label: "Possible", className: "bg-amber-100", swatch: "bg-amber-100" },
] as const;

const KIND_LABEL: Record<CandidateConflict["kind"], string> = {
  age: "age",
  year: "year",
  date: "date",
  number: "number",
  action: "kind of clemency",
};

const percent = (score: number) => Math.round(score * 100);
const pct = (score: number) => `${percent(score)}%`;

function band(score: number) {
  return BANDS.find((b) => percent(score) >= b.min) ?? BANDS[BANDS.length - 1];
}

/**
 * The legend for what is highlighted at this minimum score: each band cut at the threshold, and bands
 * wholly below it left out (at 60%: "Strong ≥ 70%", "Likely 60–69%", no "Possible").
 */
export function legendBands(threshold: number): Array<(typeof BANDS)[number] & { range: string }> {
  return BANDS.flatMap((b) => {
    const from = Math.max(b.min, threshold);
    if (from > b.max) return [];
    const range = b.max === 100 ? `≥ ${from}%` : from === b.max ? `${from}%` : `${from}–${b.max}%`;
    return [{ ...b, range }];
  });
}

export function makeClaimHref(articleId: number, c: Pick<ArticleCandidate, "start" | "end" | "text">): string {
  const params = new URLSearchParams({ articleId: String(articleId), start: String(c.start), end: String(c.end), quote: c.text });
  return `/claims/new?${params.toString()}`;
}

function ConflictNote({ conflict }: { conflict: CandidateConflict }) {
  return (
    <p className="flex gap-1.5 rounded-md bg-red-50 px-2.5 py-2 text-xs text-red-900 ring-1 ring-inset ring-red-200">
      <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0 text-red-700" />
      <span>
        <span className="font-semibold">
          Conflict on the {KIND_LABEL[conflict.kind]}: {conflict.values[0]} here, {conflict.values[1]} in{" "}
        </span>
        <Link href={`/articles/${conflict.otherArticleId}#s-${conflict.otherStart}`} className="font-semibold underline">
          {conflict.otherArticleTitle}
        </Link>
        : <q className="italic">{conflict.otherText}</q>
      </span>
    </p>
  );
}

export function ArticleReader({
  articleId,
  body,
  candidates,
  defaultThreshold,
  checkedBefore = {},
}: {
  articleId: number;
  body: string;
  /** Best first, as the API lists them. */
  candidates: ArticleCandidate[];
  defaultThreshold: number;
  /** Earlier fact-checks of a candidate, by the candidate's start offset (lib/match matchCandidates). */
  checkedBefore?: Record<number, CandidateMatch[]>;
}) {
  const [threshold, setThreshold] = useState(Math.round(defaultThreshold * 100));
  const inReadingOrder = useMemo(() => [...candidates].sort((a, b) => a.start - b.start), [candidates]);
  const offered = candidates.filter((c) => !c.boilerplate && percent(c.score) >= threshold);
  const boilerplateCount = candidates.filter((c) => c.boilerplate).length;
  const conflictCount = candidates.filter((c) => c.conflicts.length > 0).length;
  const highlighted = (c: ArticleCandidate) => !c.boilerplate && percent(c.score) >= threshold;

  const segments: React.ReactNode[] = [];
  let at = 0;
  for (const c of inReadingOrder) {
    if (c.start < at) continue;
    if (c.start > at) segments.push(body.slice(at, c.start));
    const text = body.slice(c.start, c.end);
    const claimMarks = c.claims.map((claim) => (
      <Link
        key={claim.id}
        href={`/claims/${claim.id}`}
        className="ml-1 inline-flex translate-y-[-1px] items-center gap-0.5 rounded-full bg-emerald-100 px-1.5 py-px align-middle font-sans text-[11px] font-semibold text-emerald-900 ring-1 ring-inset ring-emerald-300 hover:bg-emerald-200"
      >
        <CheckCircle2 aria-hidden className="size-3" />
        Claim #{claim.id}
      </Link>
    ));
    const conflictMark = c.conflicts.length > 0 && !c.boilerplate;
    const common = `scroll-mt-24 rounded-sm target:outline-2 target:outline-offset-2 target:outline-blue-600 ${conflictMark ? "underline decoration-red-600 decoration-wavy decoration-[1.5px] underline-offset-4" : ""}`;
    if (c.boilerplate) {
      segments.push(
        <span key={c.start} id={`s-${c.start}`} data-boilerplate="true" title="Boilerplate: page chrome, never offered as a claim" className={`${common} text-slate-500`}>
          {text}
        </span>,
      );
    } else if (highlighted(c)) {
      segments.push(
        <Fragment key={c.start}>
          <mark id={`s-${c.start}`} data-score={c.score.toFixed(2)} title={`Check-worthiness ${pct(c.score)}`} className={`${common} ${band(c.score).className} box-decoration-clone px-0.5 text-slate-950`}>
            {text}
          </mark>
          {claimMarks}
        </Fragment>,
      );
    } else {
      segments.push(
        <Fragment key={c.start}>
          <span id={`s-${c.start}`} className={common}>
            {text}
          </span>
          {claimMarks}
        </Fragment>,
      );
    }
    at = c.end;
  }
  if (at < body.length) segments.push(body.slice(at));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <section aria-labelledby="article-text-heading" className="min-w-0">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
          <h2 id="article-text-heading" className="sr-only">
            Article text
          </h2>
          <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs text-slate-700">
            {legendBands(threshold).map((b) => (
              <li key={b.label} className="flex items-center gap-1.5">
                <span aria-hidden className={`inline-block h-3.5 w-5 rounded-sm ring-1 ring-inset ring-amber-400/50 ${b.swatch}`} />
                {b.label} {b.range}
              </li>
            ))}
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block w-5 text-center font-serif text-red-600 underline decoration-red-600 decoration-wavy">
                ab
              </span>
              Conflicts with another article
            </li>
            <li className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block w-5 text-center font-serif text-slate-500">ab</span>
              Grey: boilerplate, never offered
            </li>
            <li className="flex items-center gap-1.5">
              <CheckCircle2 aria-hidden className="size-3.5 text-emerald-700" />
              Claim made
            </li>
          </ul>
        </div>
        <article className="rounded-lg bg-white px-6 py-6 shadow-sm ring-1 ring-slate-200 sm:px-10 sm:py-8">
          <div className="max-w-[68ch] whitespace-pre-wrap font-serif text-[1.0625rem] leading-8 text-slate-900" data-testid="article-body">
            {segments}
          </div>
        </article>
      </section>

      <aside aria-labelledby="candidates-heading" className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <div className="border-b border-slate-200 px-4 py-3">
            <h2 id="candidates-heading" className="text-base font-semibold text-slate-900">
              Check-worthy sentences
            </h2>
            <p className="mt-0.5 text-xs text-slate-600" aria-live="polite">
              {offered.length} of {candidates.length - boilerplateCount} sentences at or above {threshold}%
              {boilerplateCount > 0 && ` · ${boilerplateCount} boilerplate hidden`}
              {conflictCount > 0 && ` · ${conflictCount} in conflict`}
            </p>
            <div className="mt-3 flex items-center gap-3">
              <label id="threshold-label" htmlFor="threshold-thumb" className="shrink-0 text-xs font-medium text-slate-700">
                Minimum score
              </label>
              <Slider.Root
                className="relative flex h-5 flex-1 touch-none items-center select-none"
                min={0}
                max={95}
                step={1}
                value={[threshold]}
                onValueChange={([value]) => setThreshold(value)}
              >
                <Slider.Track className="relative h-1.5 grow rounded-full bg-gradient-to-r from-amber-50 via-amber-200 to-amber-400 ring-1 ring-inset ring-amber-400/40">
                  <Slider.Range className="absolute h-full rounded-full" />
                </Slider.Track>
                <Slider.Thumb
                  id="threshold-thumb"
                  aria-labelledby="threshold-label"
                  aria-valuetext={`${threshold}%`}
                  className="block size-4 rounded-full border-2 border-blue-700 bg-white shadow focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2"
                />
              </Slider.Root>
              <output htmlFor="threshold-thumb" className="w-10 shrink-0 text-right text-xs font-semibold tabular-nums text-slate-900">
                {threshold}%
              </output>
            </div>
          </div>
          {offered.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600">No sentence scores {threshold}% or more. Lower the minimum score to see more.</p>
          ) : (
            <ol aria-label="Ranked candidates" className="divide-y divide-slate-100">
              {offered.map((c, rank) => (
                <li key={c.start} className="px-4 py-3" data-testid="candidate">
                  <div className="flex items-start gap-3">
                    <span
                      className={`mt-0.5 inline-flex w-11 shrink-0 justify-center rounded-md py-0.5 text-xs font-bold tabular-nums text-slate-950 ring-1 ring-inset ring-amber-400/60 ${band(c.score).swatch}`}
                    >
                      <span className="sr-only">Rank {rank + 1}, score </span>
                      {pct(c.score)}
                    </span>
                    <div className="min-w-0 flex-1 space-y-2">
                      <a href={`#s-${c.start}`} className="block font-serif text-sm leading-snug text-slate-900 hover:text-blue-800 hover:underline">
                        {c.text}
                      </a>
                      {c.conflicts.map((conflict) => (
                        <ConflictNote key={`${conflict.otherArticleId}-${conflict.otherStart}-${conflict.kind}`} conflict={conflict} />
                      ))}
                      <CheckedBefore matches={checkedBefore[c.start] ?? []} />
                      <div className="flex flex-wrap items-center gap-2">
                        <Link href={makeClaimHref(articleId, c)} className={buttonClass("secondary", "px-2.5 py-1 text-xs text-blue-800")}>
                          <FilePlus2 aria-hidden className="size-3.5" />
                          Make claim
                        </Link>
                        {c.claims.map((claim) => (
                          <Link key={claim.id} href={`/claims/${claim.id}`} className="inline-flex items-center gap-1.5 text-xs text-slate-700 hover:underline">
                            <CheckCircle2 aria-hidden className="size-3.5 text-emerald-700" />
                            Claim #{claim.id}
                            <StateBadge state={claim.state} />
                          </Link>
                        ))}
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      </aside>
    </div>
  );
}
