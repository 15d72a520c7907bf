"use client";

import { useActionState, useState } from "react";
import type { Role } from "@/db/schema";
import { changeRoleAction, setDisabledAction, type AdminActionState } from "./actions";

export function UserRowActions({ userId, name, role, disabled, isSelf }: { userId: number; name: string; role: Role; disabled: boolean; isSelf: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<AdminActionState, FormData>(changeRoleAction, {});
  const [disableState, disableAction, disablePending] = useActionState<AdminActionState, FormData>(setDisabledAction, {});
  // Each form keeps its own last answer; show the one for the form used last, not an older one from the other.
  const [lastUsed, setLastUsed] = useState<"role" | "disable">("role");
  const shown = lastUsed === "role" ? roleState : disableState;
  const message = shown.error?.message ?? shown.ok;
  const isError = Boolean(shown.error);
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} onSubmit={() => setLastUsed("role")} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <label htmlFor={`role-${userId}`} className="sr-only">
          Role for {name}
        </label>
        <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300">
          <option value="reporter">Reporter</option>
          <option value="editor">Editor</option>
          <option value="admin">Admin</option>
        </select>
        <button type="submit" disabled={rolePending} className="rounded-md px-2 py-1 text-sm font-semibold text-blue-700 hover:bg-blue-50">
          Change role<span className="sr-only"> for {name}</span>
        </button>
      </form>
      <form action={disableAction} onSubmit={() => setLastUsed("disable")}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
        <button
          type="submit"
          disabled={disablePending}
          className={`rounded-md px-2 py-1 text-sm font-semibold ${disabled ? "text-emerald-700 hover:bg-emerald-50" : "text-red-700 hover:bg-red-50"}`}
          title={isSelf && !disabled ? "You are disabling your own account" : undefined}
        >
          {disabled ? "Enable" : "Disable"}
          <span className="sr-only"> {name}</span>
        </button>
      </form>
      {message && (
        <p role="status" aria-live="polite" className={`w-full text-right text-xs ${isError ? "text-red-700" : "text-emerald-700"}`}>
          {message}
        </p>
      )}
    </div>
  );
}
