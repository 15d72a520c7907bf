"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { replayDeliveryAction } from "../actions";

export function ReplayButton({ webhookId, deliveryId }: { webhookId: number; deliveryId: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(replayDeliveryAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50">
        {pending ? "Queuing…" : "Replay"}
        <span className="sr-only"> delivery {deliveryId}</span>
      </button>
      {state && (
        <p role="status" aria-live="polite" className={`text-xs ${state.ok ? "text-emerald-800" : "text-red-700"}`}>
          {state.ok ? state.message : state.error.message}
        </p>
      )}
    </form>
  );
}
