"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { actionMessage, type ActionState } from "@/lib/actions/result";
import { clearThrottleAction, verifyAuditAction } from "./actions";

export function ClearThrottleButton({ email, clientAddress, label }: { email: string | null; clientAddress: string | null; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(clearThrottleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      {email ? <input type="hidden" name="email" value={email} /> : <input type="hidden" name="clientAddress" value={clientAddress ?? ""} />}
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50">
        Clear<span className="sr-only"> {label}</span>
      </button>
      {state?.ok === false && (
        <span role="status" className="text-xs text-red-700">
          {state.error.message}
        </span>
      )}
    </form>
  );
}

export function VerifyAuditButton() {
  const [state, action, pending] = useActionState<ActionState>(verifyAuditAction, null);
  const message = actionMessage(state);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Verifying…" : "Verify now"}
      </button>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
    </form>
  );
}
