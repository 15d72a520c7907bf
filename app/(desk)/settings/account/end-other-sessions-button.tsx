"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { endOtherSessionsAction, type AccountActionState } from "./actions";

export function EndOtherSessionsButton({ others }: { others: number }) {
  const [state, action, pending] = useActionState<AccountActionState>(endOtherSessionsAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending || others === 0} className={buttonClass("secondary")}>
        {pending ? "Signing out…" : "Sign out other sessions"}
      </button>
      {state.ok && <FormMessage tone="success">{state.ok}</FormMessage>}
      {state.error && <FormMessage tone="error">{state.error.message}</FormMessage>}
    </form>
  );
}
