"use client";

import { useActionState, useId } from "react";
import { Bookmark } from "lucide-react";
import { buttonClass } from "@/app/_components/button";
import { inputClass } from "@/app/_components/field";
import type { ActionState } from "@/lib/actions/result";
import { saveViewAction, type SavedViewLink } from "@/app/(desk)/views/actions";

/**
 * Saves the queue view `search` (the queue's query string without "?") under a name; it then shows
 * under Views in the navigation. A plain form with a server action, so it works without JavaScript;
 * the server re-validates the query (lib/views) and drops the page position.
 */
export function SaveViewForm({ search }: { search: string }) {
  const [state, action, pending] = useActionState<ActionState<SavedViewLink>, FormData>(saveViewAction, null);
  const id = useId();
  const nameError = state && !state.ok ? (state.error.fields?.name?.join(" ") ?? state.error.message) : undefined;
  return (
    <form action={action} aria-label="Save this view" className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="query" value={search} />
      <div>
        <label htmlFor={`${id}-name`} className="sr-only">Name of the view</label>
        <input
          id={`${id}-name`}
          name="name"
          required
          maxLength={80}
          placeholder="Name this view"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`${id}-status`}
          className={`${inputClass} w-44`}
        />
      </div>
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        <Bookmark aria-hidden className="size-4" />
        Save view
      </button>
      <p id={`${id}-status`} role="status" aria-live="polite" className={`basis-full text-xs font-medium ${nameError ? "text-red-700" : "text-emerald-800"}`}>
        {nameError ?? (state?.ok ? state.message : "")}
      </p>
    </form>
  );
}
