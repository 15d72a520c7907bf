"use client";

import { useEffect, useRef, useState } from "react";
import { AlertTriangle } from "lucide-react";
import { CLAIM_STATE_LABEL } from "@/lib/core/vocabulary";
import type { Match } from "@/lib/match/types";
import { lookupMatchesAction } from "@/app/(desk)/factchecks/actions";

const DEBOUNCE_MS = 400;

/**
 * Under the submit form's claim text (issue #13): while the reporter types, warns about earlier
 * fact-checks and claims already on the desk that match it (with their state and who has them), before
 * anything is submitted. Looks up at most once per pause in typing; an answer to older text is dropped.
 */
export function MatchWarning({ text }: { text: string }) {
  const [matches, setMatches] = useState<Match[]>([]);
  const [checkedText, setCheckedText] = useState("");
  const latest = useRef(0);

  useEffect(() => {
    const wanted = text.trim();
    const request = ++latest.current;
    if (wanted.length < 12) {
      const clear = setTimeout(() => {
        if (request === latest.current) setMatches([]);
      }, 0);
      return () => clearTimeout(clear);
    }
    const timer = setTimeout(async () => {
      const result = await lookupMatchesAction({ text: wanted }).catch(() => null);
      if (request !== latest.current || !result?.ok) return;
      setMatches(result.value);
      setCheckedText(wanted);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const archive = matches.filter((m) => m.source === "archive" || m.rating);
  const desk = matches.filter((m) => m.source === "desk" && !m.rating);
  return (
    <div aria-live="polite" data-checked-text={checkedText || undefined}>
      {matches.length > 0 && (
        <section aria-label="Possible matches" className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-300">
          <p className="flex items-center gap-1.5 font-semibold">
            <AlertTriangle aria-hidden className="size-4" />
            This may have been checked before
          </p>
          {archive.length > 0 && (
            <>
              <p className="mt-1.5 text-xs font-semibold uppercase tracking-wide text-amber-900">Earlier fact-checks</p>
              <ul className="mt-1 space-y-1">
                {archive.map((m) => (
                  <li key={m.url}>
                    <a href={m.url} target="_blank" rel="noreferrer noopener" className="font-medium text-blue-800 underline">
                      {m.headline ?? m.claimReviewed}
                      <span className="sr-only"> (opens in a new tab)</span>
                    </a>{" "}
                    — {m.author ?? "unknown fact-checker"}
                    {m.rating && <>: <strong>{m.rating}</strong></>}
                    {m.datePublished && <>, {m.datePublished.slice(0, 10)}</>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {desk.length > 0 && (
            <>
              <p className="mt-1.5 text-xs font-semibold uppercase tracking-wide text-amber-900">Already on the desk</p>
              <ul className="mt-1 space-y-1">
                {desk.map((m) => (
                  <li key={m.url}>
                    <a href={`/claims/${m.claimId}`} className="font-medium text-blue-800 underline">
                      Claim #{m.claimId}
                    </a>
                    : “{m.claimReviewed}” — {m.state ? CLAIM_STATE_LABEL[m.state] : ""}, {m.assignee ? `with ${m.assignee}` : "not assigned"}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
