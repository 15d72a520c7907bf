"use client";

import { Bell, BellOff } from "lucide-react";
import { useState, useTransition } from "react";
import { buttonClass } from "@/app/_components/button";
import { setFollowAction } from "./follow-actions";

/** The follow switch: a toggle button (aria-pressed) that says what it does next. */
export function FollowToggle({ claimId, following: initial }: { claimId: number; following: boolean }) {
  const [following, setFollowing] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        aria-pressed={following}
        disabled={pending}
        className={buttonClass("secondary")}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await setFollowAction(claimId, !following);
            if (result.ok) setFollowing(result.value);
            else setError(result.error.message);
          })
        }
      >
        {following ? <BellOff aria-hidden className="size-4" /> : <Bell aria-hidden className="size-4" />}
        {following ? "Unfollow" : "Follow"}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-red-700">
        {error}
      </span>
    </span>
  );
}
