"use client";

import { useActionState } from "react";
import { buttonClass } from "@/app/_components/button";
import { inputClass } from "@/app/_components/field";
import type { ActionState } from "@/lib/actions/result";
import { deleteViewAction, renameViewAction, type SavedViewLink } from "./actions";

/** Rename (a name field and a button) and delete one saved view; each answer is announced beside it. */
export function ViewForms({ viewId, name }: { viewId: number; name: string }) {
  const [renamed, rename, renaming] = useActionState<ActionState<SavedViewLink>, FormData>(renameViewAction, null);
  const [deleted, remove, deleting] = useActionState<ActionState, FormData>(deleteViewAction, null);
  const fieldId = `view-${viewId}-name`;
  const error = renamed && !renamed.ok ? (renamed.error.fields?.name?.join(" ") ?? renamed.error.message) : deleted && !deleted.ok ? deleted.error.message : undefined;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={rename} className="flex items-start gap-2">
        <input type="hidden" name="viewId" value={viewId} />
        <label htmlFor={fieldId} className="sr-only">New name for {name}</label>
        <input id={fieldId} name="name" defaultValue={name} required maxLength={80} aria-invalid={error ? true : undefined} aria-describedby={`${fieldId}-status`} className={`${inputClass} w-48`} />
        <button type="submit" disabled={renaming} className={buttonClass("secondary")} aria-label={`Rename ${name}`}>Rename</button>
      </form>
      <form action={remove}>
        <input type="hidden" name="viewId" value={viewId} />
        <button type="submit" disabled={deleting} className={buttonClass("danger")} aria-label={`Delete ${name}`}>Delete</button>
      </form>
      <p id={`${fieldId}-status`} role="status" aria-live="polite" className={`basis-full text-xs font-medium ${error ? "text-red-700" : "text-emerald-800"}`}>
        {error ?? (renamed?.ok ? renamed.message : "")}
      </p>
    </div>
  );
}
