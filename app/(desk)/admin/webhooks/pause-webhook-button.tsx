"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/result";
import { setWebhookActiveAction } from "./actions";

/** Pause (new events are not recorded for it, pending deliveries wait) or resume a webhook. */
export function PauseWebhookButton({ webhookId, url, active }: { webhookId: number; url: string; active: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setWebhookActiveAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-end">
      <input type="hidden" name="webhookId" value={webhookId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-semibold text-slate-700 hover:bg-slate-100">
        {active ? "Pause" : "Resume"}
        <span className="sr-only"> webhook to {url}</span>
      </button>
      {state?.ok === false && (
        <p role="status" aria-live="polite" className="text-xs text-red-700">
          {state.error.message}
        </p>
      )}
    </form>
  );
}
