"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/app/_components/confirm-dialog";
import type { ActionState } from "@/lib/actions/result";
import { deleteWebhookAction } from "./actions";

export function DeleteWebhookButton({ webhookId, url }: { webhookId: number; url: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteWebhookAction, null);
  return (
    <div className="inline-flex flex-col items-end">
      <ConfirmDialog
        trigger={
          <>
            Delete<span className="sr-only"> webhook to {url}</span>
          </>
        }
        triggerClassName="rounded-md px-2 py-1 text-sm font-semibold text-red-700 hover:bg-red-50"
        title="Delete this webhook?"
        description={`Nothing more is sent to ${url}, and its delivery log is deleted with it.`}
        confirmLabel="Delete webhook"
        action={action}
        fields={{ webhookId }}
        pending={pending}
      />
      {state?.ok === false && (
        <p role="status" aria-live="polite" className="text-xs text-red-700">
          {state.error.message}
        </p>
      )}
    </div>
  );
}
