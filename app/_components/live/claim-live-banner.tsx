"use client";

import { Radio, X } from "lucide-react";
import { useEffect, useState } from "react";
import type { LiveEvent } from "@/lib/live/payload";
import { changeSentence } from "@/lib/live/wording";
import { useLive } from "./live-provider";

/** How often "a moment ago" is worded again. */
const RETELL_MS = 30_000;

/**
 * Says, in a polite live region, when someone else changes or comments on the claim this page shows
 * ("Elena Marsh verified this claim a moment ago"); LiveProvider refreshes the page's actions
 * meanwhile. `version` is the one on screen: a change it already shows is no news.
 */
export function ClaimLiveBanner({ claimId, version }: { claimId: number; version: number }) {
  const { me, subscribe } = useLive();
  const [latest, setLatest] = useState<LiveEvent | null>(null);
  const [, setTick] = useState(0);

  useEffect(
    () =>
      subscribe((event) => {
        if (!("claimId" in event) || event.claimId !== claimId || event.actorId === me) return;
        // A claim change the page already shows (it was refreshed first) is no news.
        if (event.kind.startsWith("claim.") && "version" in event && event.version <= version) return;
        setLatest(event);
      }),
    [subscribe, claimId, me, version],
  );

  useEffect(() => {
    if (!latest) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), RETELL_MS);
    return () => clearInterval(timer);
  }, [latest]);

  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-claim-id={claimId} className="empty:hidden">
      {latest && (
        <div className="mb-4 flex items-start gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950 ring-1 ring-inset ring-sky-200">
          <Radio aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p className="grow">
            {changeSentence(latest.actorName, latest.description, latest.at)}.
          </p>
          <button
            type="button"
            onClick={() => setLatest(null)}
            className="-my-0.5 rounded p-0.5 text-sky-900 hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-sky-700"
          >
            <X aria-hidden className="size-4" />
            <span className="sr-only">Dismiss</span>
          </button>
        </div>
      )}
    </div>
  );
}
