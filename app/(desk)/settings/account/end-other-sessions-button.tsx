"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { actionMessage, type ActionState } from "@/lib/actions/result";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export function EndOtherSessionsButton({ others }: { others: number }) {
  const [state, action, pending] = useActionState<ActionState>(endOtherSessionsAction, null);
  const message = actionMessage(state);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending || others === 0} className={buttonClass("secondary")}>
        {pending ? "Signing out…" : "Sign out other sessions"}
      </button>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
    </form>
  );
}

export function EndSessionButton({ sessionId, device }: { sessionId: number; device: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(endSessionAction, null);
  return (
    <form action={action} className="flex items-center justify-end gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm font-semibold text-red-700 hover:bg-red-50">
        Sign out<span className="sr-only"> {device} session</span>
      </button>
      {state?.ok === false && (
        <span role="status" className="text-xs text-red-700">
          {state.error.message}
        </span>
      )}
    </form>
  );
}
