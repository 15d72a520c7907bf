"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { clearThrottleAction, verifyAuditAction, type AdminActionState } from "./actions";

export function ClearThrottleButton({ email, clientAddress, label }: { email: string | null; clientAddress: string | null; label: string }) {
  const [state, action, pending] = useActionState<AdminActionState, FormData>(clearThrottleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      {email ? <input type="hidden" name="email" value={email} /> : <input type="hidden" name="clientAddress" value={clientAddress ?? ""} />}
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50">
        Clear<span className="sr-only"> {label}</span>
      </button>
      {state.error && (
        <span role="status" className="text-xs text-red-700">
          {state.error.message}
        </span>
      )}
    </form>
  );
}

export function VerifyAuditButton() {
  const [state, action, pending] = useActionState<AdminActionState>(verifyAuditAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Verifying…" : "Verify now"}
      </button>
      {state.ok && <FormMessage tone="success">{state.ok}</FormMessage>}
      {state.error && <FormMessage tone="error">{state.error.message}</FormMessage>}
    </form>
  );
}
