import { ExternalLink, History } from "lucide-react";
import type { CandidateMatch } from "@/lib/match/types";

/**
 * "Checked before" beside an article candidate (issue #13): the earlier fact-checks above the matching
 * threshold, each with its fact-checker, verdict and a link. Renders nothing when there are none.
 */
export function CheckedBefore({ matches }: { matches: CandidateMatch[] }) {
  if (matches.length === 0) return null;
  return (
    <div className="mt-2 rounded-md bg-violet-50 p-2 text-xs text-violet-950 ring-1 ring-inset ring-violet-200">
      <p className="flex items-center gap-1 font-semibold">
        <History aria-hidden className="size-3.5" />
        Checked before
      </p>
      <ul className="mt-1 space-y-1">
        {matches.map((match) => (
          <li key={match.url}>
            <a href={match.url} className="inline-flex items-center gap-1 font-medium text-blue-800 underline" rel="noreferrer noopener" target="_blank">
              {match.headline ?? match.claimReviewed}
              <ExternalLink aria-hidden className="size-3" />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
            <span className="text-violet-900">
              {" "}
              — {match.author ?? "Unknown fact-checker"}
              {match.rating ? <>: <strong>{match.rating}</strong></> : null}
              {match.datePublished ? <>, {match.datePublished.slice(0, 10)}</> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
