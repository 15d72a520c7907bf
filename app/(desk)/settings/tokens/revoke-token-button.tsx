"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { revokeTokenAction } from "./actions";

/** Two steps, so a stray click does not cut off an integration. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revokeTokenAction, null);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {confirming ? (
        <form action={action} className="flex items-center gap-2">
          <input type="hidden" name="tokenId" value={tokenId} />
          <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-2 py-1 text-sm font-semibold text-white hover:bg-red-800">
            Confirm revoke<span className="sr-only"> {name}</span>
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2 py-1 text-sm font-semibold text-slate-700 hover:bg-slate-100">
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md px-2 py-1 text-sm font-semibold text-red-700 hover:bg-red-50">
          Revoke<span className="sr-only"> {name}</span>
        </button>
      )}
      {state?.ok === false && (
        <p role="status" aria-live="polite" className="w-full text-right text-xs text-red-700">
          {state.error.message}
        </p>
      )}
    </div>
  );
}
