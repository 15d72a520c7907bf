"use client";

import { History, RotateCw } from "lucide-react";
import { buttonClass } from "@/app/_components/button";
import { CLAIM_STATE_LABEL } from "@/lib/core/vocabulary";
import type { StaleRefusal } from "@/lib/actions/result";

/**
 * A claim form's answer when it was refused because someone changed the claim first: what changed
 * and who did it, that what was typed is kept, and — when the rules still allow it on the new
 * version — one button that applies the same action to it; otherwise why not. Shared by every
 * claim form (useClaimForm in claims/[id]/claim-outcome.ts).
 */
export function StaleRefusalNotice({
  stale,
  kept,
  applying,
  onApply,
}: {
  stale: StaleRefusal;
  /** What the form keeps, e.g. "Your note, verdict and citations are kept as you typed them." */
  kept: string;
  applying: boolean;
  onApply: () => void;
}) {
  const { changes, retry } = stale;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-3 py-2.5 text-sm text-amber-950 ring-1 ring-inset ring-amber-300" data-testid="stale-refusal">
      <p className="flex gap-2 font-semibold">
        <History aria-hidden className="mt-0.5 size-4 shrink-0" />
        Not saved: this claim changed after you opened this form.
      </p>
      {changes.length > 0 ? (
        <ul className="list-disc space-y-0.5 pl-9">
          {changes.map((change) => (
            <li key={change.eventId}>{change.text}</li>
          ))}
        </ul>
      ) : (
        <p className="pl-6">
          It is now {CLAIM_STATE_LABEL[stale.state]}, version {stale.currentVersion} (you saw version {stale.seenVersion}).
        </p>
      )}
      <p className="pl-6">{kept}</p>
      {retry.allowed ? (
        <div className="pl-6">
          <button type="button" onClick={onApply} disabled={applying} className={buttonClass("primary")}>
            <RotateCw aria-hidden className="size-4" />
            {applying ? "Applying…" : "Apply to the new version"}
          </button>
        </div>
      ) : (
        <p className="pl-6">
          <span className="font-semibold">You cannot apply it to the new version:</span> {retry.reason}.
        </p>
      )}
    </div>
  );
}
