"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { buttonClass } from "@/app/_components/button";
import { ClaimTable, type ClaimRow, type RowSelection } from "@/app/_components/claim-table";
import { fromLocalInput, useTimeZoneName } from "@/app/_components/due-date";
import { describedBy, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { bulkBarSchema, type BulkBarValues } from "@/lib/workflow/bulk-schema";
import type { BulkItemResult } from "@/lib/workflow/bulk";
import { bulkChangeAction } from "./actions";

type Outcome = { summary: string; tone: "success" | "partial" | "error"; items: (BulkItemResult & { text: string })[] };

const ACTION_LABEL: Record<BulkBarValues["action"], string> = {
  assign: "Assign to…",
  unassign: "Unassign",
  due: "Set due date…",
  follow: "Follow",
  unfollow: "Unfollow",
  return: "Return to draft",
};

/**
 * The queue's rows with a selection (checkboxes, shift-click for a range, `x` on the focused row) and
 * a bulk bar: one action for every selected claim, each claim's outcome listed above the table, done
 * or refused and why. Refused claims stay selected so they can be looked at and tried again.
 */
export function BulkQueue({
  rows,
  caption,
  showSubmitter,
  isEditor,
  editors,
}: {
  rows: ClaimRow[];
  caption: string;
  showSubmitter: boolean;
  isEditor: boolean;
  editors: { id: number; name: string }[];
}) {
  const router = useRouter();
  // Each selected claim with the version it had when it was ticked: the change the person chose was
  // for what they saw then, so a claim changed since (even if the page refreshed live) is refused as stale.
  const [selected, setSelected] = useState<ReadonlyMap<number, number>>(new Map());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const anchor = useRef<number | null>(null);

  const toggle = useCallback(
    (id: number, range: boolean) => {
      setSelected((current) => {
        const next = new Map(current);
        const versions = new Map(rows.map((row) => [row.id, row.version]));
        const ids = rows.map((row) => row.id);
        const from = anchor.current == null ? -1 : ids.indexOf(anchor.current);
        const to = ids.indexOf(id);
        if (range && from >= 0 && to >= 0) {
          // A range takes the state the anchor row has, like a file manager.
          const on = current.has(anchor.current!);
          for (const rangeId of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (!on) next.delete(rangeId);
            else if (!next.has(rangeId)) next.set(rangeId, versions.get(rangeId)!);
          }
        } else if (next.has(id)) next.delete(id);
        else next.set(id, versions.get(id)!);
        return next;
      });
      if (!range) anchor.current = id;
    },
    [rows],
  );
  const toggleAll = useCallback((on: boolean) => setSelected(on ? new Map(rows.map((row) => [row.id, row.version])) : new Map()), [rows]);
  const selection: RowSelection = useMemo(() => ({ selected, toggle, toggleAll }), [selected, toggle, toggleAll]);
  // Selected ids of claims no longer on the page (a refresh after the change) are dropped.
  const chosen = rows.filter((row) => selected.has(row.id));

  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<BulkBarValues>({
    resolver: zodResolver(bulkBarSchema),
    defaultValues: { action: isEditor ? "assign" : "follow", assigneeId: "", note: "", dueAt: "" },
  });
  const action = useWatch({ control, name: "action" });
  const timeZone = useTimeZoneName();

  const onSubmit = handleSubmit(async (values) => {
    const texts = new Map(chosen.map((row) => [row.id, row.text]));
    const result = await bulkChangeAction({
      action: values.action,
      claims: chosen.map((row) => ({ id: row.id, expectedVersion: selected.get(row.id) ?? row.version })),
      assigneeId: values.action === "assign" ? Number(values.assigneeId) : null,
      note: values.action === "return" ? values.note : null,
      // The input's local time as an instant; blank clears the due dates.
      ...(values.action === "due" && { dueAt: values.dueAt === "" ? null : fromLocalInput(values.dueAt) }),
    });
    if (!result.ok) {
      setOutcome({ summary: serverErrorMessage(setError, result.error, ["action", "assigneeId", "note", "dueAt"]), tone: "error", items: [] });
      return;
    }
    const { results, refused } = result.value;
    setOutcome({
      summary: result.message ?? "",
      tone: refused === 0 ? "success" : "partial",
      items: results.map((item) => ({ ...item, text: texts.get(item.claimId) ?? `Claim #${item.claimId}` })),
    });
    // Refused claims stay selected, now at the version on screen, to be looked at and tried again.
    const onScreen = new Map(rows.map((row) => [row.id, row.version]));
    setSelected(new Map(results.filter((item) => !item.ok && onScreen.has(item.claimId)).map((item) => [item.claimId, onScreen.get(item.claimId)!])));
    router.refresh();
  });

  const actions = (isEditor ? (["assign", "unassign", "due", "follow", "unfollow", "return"] as const) : (["follow", "unfollow"] as const));

  return (
    <div className="space-y-3">
      <div role="status" aria-live="polite" aria-atomic="false">
        {outcome && (
          <section
            aria-label="Bulk change outcome"
            className={`rounded-lg px-4 py-3 text-sm ring-1 ring-inset ${
              outcome.tone === "success" ? "bg-emerald-50 text-emerald-950 ring-emerald-200" : outcome.tone === "partial" ? "bg-amber-50 text-amber-950 ring-amber-300" : "bg-red-50 text-red-950 ring-red-200"
            }`}
          >
            <p className="font-semibold">{outcome.summary}</p>
            {outcome.items.length > 0 && (
              <ul className="mt-2 space-y-1">
                {outcome.items.map((item) => (
                  <li key={item.claimId} data-outcome={item.ok ? "done" : "refused"} className="flex gap-2">
                    <span className={`shrink-0 font-semibold ${item.ok ? "text-emerald-800" : "text-red-800"}`}>{item.ok ? "Done" : "Refused"}</span>
                    <span className="min-w-0">
                      <span className="line-clamp-1">#{item.claimId} {item.text}</span>
                      {!item.ok && <span className="block">{item.error}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>

      <form
        onSubmit={onSubmit}
        noValidate
        aria-label="Bulk change"
        className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
      >
        <p className="self-center text-sm font-medium text-slate-800" aria-live="polite">
          {chosen.length === 0 ? "Select claims to change several at once" : `${chosen.length} selected`}
        </p>
        <div className="min-w-40">
          <label htmlFor="bulk-action" className="mb-1 block text-xs font-medium text-slate-700">With the selected claims</label>
          <select {...register("action")} {...describedBy("bulk-action", errors.action?.message)} className={inputClass}>
            {actions.map((value) => (
              <option key={value} value={value}>{ACTION_LABEL[value]}</option>
            ))}
          </select>
        </div>
        {action === "assign" && (
          <div className="min-w-44">
            <label htmlFor="bulk-assignee" className="mb-1 block text-xs font-medium text-slate-700">Assignee</label>
            <select {...register("assigneeId")} {...describedBy("bulk-assignee", errors.assigneeId?.message)} className={inputClass}>
              <option value="">Choose an editor</option>
              {editors.map((editor) => (
                <option key={editor.id} value={String(editor.id)}>{editor.name}</option>
              ))}
            </select>
            <p id="bulk-assignee-error" className="text-xs font-medium text-red-700">{errors.assigneeId?.message}</p>
          </div>
        )}
        {action === "due" && (
          <div className="min-w-56">
            <label htmlFor="bulk-due" className="mb-1 block text-xs font-medium text-slate-700">
              Due date{timeZone ? ` (${timeZone})` : ""}; empty clears it
            </label>
            <input type="datetime-local" {...register("dueAt")} {...describedBy("bulk-due", errors.dueAt?.message)} className={inputClass} />
            <p id="bulk-due-error" className="text-xs font-medium text-red-700">{errors.dueAt?.message}</p>
          </div>
        )}
        {action === "return" && (
          <div className="min-w-64 flex-1">
            <label htmlFor="bulk-note" className="mb-1 block text-xs font-medium text-slate-700">Reason for returning (one for all)</label>
            <input {...register("note")} {...describedBy("bulk-note", errors.note?.message)} className={inputClass} />
            <p id="bulk-note-error" className="text-xs font-medium text-red-700">{errors.note?.message}</p>
          </div>
        )}
        <button type="submit" disabled={isSubmitting || chosen.length === 0} className={buttonClass("primary")}>
          {isSubmitting ? "Applying…" : `Apply to ${chosen.length} ${chosen.length === 1 ? "claim" : "claims"}`}
        </button>
        {chosen.length > 0 && (
          <button type="button" onClick={() => setSelected(new Map())} className={buttonClass("ghost")}>Clear selection</button>
        )}
      </form>

      <ClaimTable rows={rows} caption={caption} showSubmitter={showSubmitter} selection={selection} />
    </div>
  );
}
