"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { actionMessage } from "@/lib/actions/result";
import { markReadAction } from "./actions";

/** "Mark read" for one notification, or "Mark all read" (`all`). */
export function MarkReadButton({ id, all = false, label }: { id?: number; all?: boolean; label: string }) {
  const [state, action, pending] = useActionState(markReadAction, null);
  const shown = actionMessage(state);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      {all ? <input type="hidden" name="all" value="true" /> : <input type="hidden" name="id" value={id} />}
      <button type="submit" disabled={pending} className={buttonClass(all ? "secondary" : "ghost", all ? "" : "px-2 py-1 text-xs")}>
        {pending ? "Marking…" : label}
      </button>
      {shown?.tone === "error" && (
        <span role="status" className="text-xs text-red-700">
          {shown.text}
        </span>
      )}
    </form>
  );
}
