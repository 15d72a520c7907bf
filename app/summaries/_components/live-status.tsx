"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { Banner, ReReviewNotice } from "./summary-view";

/*
 * Summary pages are served from the cache and refreshed whenever a summary or one of its claims
 * changes through the product. A change made straight in the database (a script, a test) skips
 * that refresh, so the page also asks for the live state once loaded and corrects itself: the
 * "under re-review" marks and a notice when a newer version or a withdrawal has appeared.
 */

interface LiveState {
  reReview: ReadonlySet<number> | null;
  newerVersion: number | null;
  withdrawnSinceLoad: boolean;
}

const LiveContext = createContext<LiveState>({ reReview: null, newerVersion: null, withdrawnSinceLoad: false });

export function LiveSummaryProvider({ slug, version, withdrawn, children }: { slug: string; version: number; withdrawn: boolean; children: ReactNode }) {
  const [state, setState] = useState<LiveState>({ reReview: null, newerVersion: null, withdrawnSinceLoad: false });
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/summaries/${slug}/summary.json`, { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((live: { currentVersion: number; withdrawn: unknown; claims: { id: number; underReReview: boolean }[] } | null) => {
        if (!live) return;
        setState({
          reReview: new Set(live.claims.filter((c) => c.underReReview).map((c) => c.id)),
          newerVersion: live.currentVersion > version ? live.currentVersion : null,
          withdrawnSinceLoad: !withdrawn && live.withdrawn != null,
        });
      })
      .catch(() => {});
    return () => controller.abort();
  }, [slug, version, withdrawn]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

/** The claim's re-review notice: the cached state until the live state arrives, then the live one. */
export function LiveReReviewNotice({ claimId, initial }: { claimId: number; initial: boolean }) {
  const { reReview } = useContext(LiveContext);
  const flagged = reReview ? reReview.has(claimId) : initial;
  return <div aria-live="polite">{flagged ? <ReReviewNotice /> : null}</div>;
}

export function LiveUpdateNotice({ slug }: { slug: string }) {
  const { newerVersion, withdrawnSinceLoad } = useContext(LiveContext);
  if (!newerVersion && !withdrawnSinceLoad) return null;
  return (
    <Banner tone="blue" icon="history">
      {withdrawnSinceLoad ? "This fact-check has just been withdrawn. " : `Version ${newerVersion} of this fact-check has just been published. `}
      <a href={`/summaries/${slug}`} className="font-semibold underline">
        Reload to read it
      </a>
      .
    </Banner>
  );
}
