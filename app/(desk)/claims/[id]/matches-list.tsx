"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ExternalLink } from "lucide-react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { CLAIM_STATE_LABEL } from "@/lib/core/vocabulary";
import type { Match } from "@/lib/match/types";
import { attachMatchAction } from "@/app/(desk)/factchecks/actions";

type ListedMatch = Match & { cited: boolean };
const KINDS = [
  { value: "context", label: "Context" },
  { value: "supports", label: "Supports" },
  { value: "refutes", label: "Refutes" },
] as const;

function likelihood(score: number): string {
  return `${Math.round(score * 100)}% likely the same claim`;
}

function MatchItem({ match, index, claimId, version, canAttach }: { match: ListedMatch; index: number; claimId: number; version: number; canAttach: boolean }) {
  const router = useRouter();
  const [kind, setKind] = useState<(typeof KINDS)[number]["value"]>("context");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const title = match.headline ?? (match.source === "desk" ? `Claim #${match.claimId}` : match.claimReviewed);
  const selectId = `match-${index}-kind`;
  const attach = () =>
    startTransition(async () => {
      const result = await attachMatchAction(claimId, { url: match.url, kind, expectedVersion: version });
      if (result.ok) {
        setMessage({ tone: "success", text: `Attached as ${kind} (version ${result.value.version}).` });
        router.refresh();
      } else {
        setMessage({ tone: "error", text: result.stale ? "The claim changed since you opened it; the page now shows its current version. Try again." : result.error.message });
        if (result.stale) router.refresh();
      }
    });
  return (
    <li className="rounded-md p-3 ring-1 ring-inset ring-slate-200">
      <p className="font-medium text-slate-900">
        <a href={match.url} className="inline-flex items-center gap-1 text-blue-800 hover:underline" rel="noreferrer noopener" target={match.source === "archive" ? "_blank" : undefined}>
          {title}
          {match.source === "archive" && (
            <>
              <ExternalLink aria-hidden className="size-3.5" />
              <span className="sr-only">(opens in a new tab)</span>
            </>
          )}
        </a>
      </p>
      <p className="mt-0.5 text-xs text-slate-600">
        {match.source === "archive" ? (match.author ?? "Unknown fact-checker") : "On this desk"}
        {match.rating && <> · rated <strong className="text-slate-800">{match.rating}</strong></>}
        {match.state && <> · {CLAIM_STATE_LABEL[match.state]}{match.assignee ? `, with ${match.assignee}` : ", not assigned"}</>}
        {match.datePublished && <> · {match.datePublished.slice(0, 10)}</>} · {likelihood(match.score)}
      </p>
      {match.headline && <p className="mt-1 text-sm text-slate-800">“{match.claimReviewed}”</p>}
      {match.cited ? (
        <p className="mt-2 text-xs font-medium text-emerald-800">Already cited on this claim.</p>
      ) : (
        canAttach && (
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <label htmlFor={selectId} className="text-xs font-medium text-slate-700">
              Attach as
              <select id={selectId} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className="ml-2 rounded-md border border-slate-300 px-2 py-1 text-sm">
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>{k.label}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={attach} disabled={pending} className={buttonClass("secondary")} aria-label={`Attach “${title}” as a citation`}>
              {pending ? "Attaching…" : "Attach as citation"}
            </button>
          </div>
        )
      )}
      {message && <div className="mt-2"><FormMessage tone={message.tone}>{message.text}</FormMessage></div>}
    </li>
  );
}

export function MatchesList({ claimId, version, matches, canAttach, whyNot }: { claimId: number; version: number; matches: ListedMatch[]; canAttach: boolean; whyNot: string | null }) {
  return (
    <>
      {!canAttach && whyNot && <p className="mt-2 text-xs text-slate-600">{whyNot}</p>}
      <ul className="mt-3 space-y-2">
        {matches.map((match, index) => (
          <MatchItem key={match.url} match={match} index={index} claimId={claimId} version={version} canAttach={canAttach} />
        ))}
      </ul>
    </>
  );
}
