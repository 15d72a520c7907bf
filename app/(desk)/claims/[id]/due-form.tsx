"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { DeadlineBadge, fromLocalInput, LocalDateTime, toLocalInput, useTimeZoneName } from "@/app/_components/due-date";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { StaleRefusalNotice } from "@/app/_components/live/stale-refusal";
import { Card } from "@/app/_components/page-header";
import type { ClaimDeadline } from "@/lib/deadlines/status";
import { expectedVersionSchema } from "@/lib/validations/claims";
import { useClaimForm, useOutcome, type ClaimSummary, type Notice } from "./claim-outcome";
import { setDueDateAction } from "./due-actions";

/** The form's own values: the date input's local time (the browser's zone); the server checks the instant it becomes. */
const dueFormSchema = z.object({
  dueAt: z.string().refine((value) => value === "" || !Number.isNaN(new Date(value).getTime()), { message: "Enter a date and time" }),
  expectedVersion: expectedVersionSchema,
});
type DueValues = z.input<typeof dueFormSchema>;

type DueClaim = ClaimSummary & { dueAt: string | null };

const blank = (current: ClaimSummary): DueValues => ({ dueAt: toLocalInput((current as DueClaim).dueAt ?? null), expectedVersion: current.version });

/**
 * The claim's due date, in the reader's time zone, with its deadline badge; an editor sets, moves or
 * clears it here (a versioned change like an assignment: a stale form says what changed and keeps the date typed).
 */
export function DueDateCard({ claim, canChange, reason, deadline, targetNote }: { claim: DueClaim; canChange: boolean; reason: string | null; deadline: ClaimDeadline | null; targetNote: string | null }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const outcome = useOutcome(setNotice);
  const methods = useForm<DueValues, unknown, z.output<typeof dueFormSchema>>({ resolver: zodResolver(dueFormSchema), defaultValues: blank(claim) });
  const { register, setValue, formState: { errors } } = methods;
  const timeZone = useTimeZoneName();
  const form = useClaimForm({ claim, outcome, onStart: () => setNotice(null) }, methods, {
    defaults: blank,
    shown: ["dueAt"],
    send: (values) => setDueDateAction(claim.id, { dueAt: values.dueAt === "" ? null : fromLocalInput(values.dueAt), expectedVersion: values.expectedVersion }),
    success: (_done, values) => (values.dueAt === "" ? "The due date is cleared." : "Due date saved."),
  });

  return (
    <Card>
      <h2 id="due-heading" className="text-base font-semibold text-slate-900">Due date</h2>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-800" data-testid="due-date">
        {claim.dueAt ? <LocalDateTime iso={claim.dueAt} className="font-medium" /> : <span className="text-slate-600">No due date</span>}
        <DeadlineBadge deadline={deadline} />
      </div>
      {targetNote && <p className="mt-1 text-xs text-slate-600">{targetNote}</p>}
      {canChange ? (
        <form onSubmit={form.onSubmit} noValidate aria-labelledby="due-heading" className="mt-3 space-y-3">
          <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
          <Field id="due-at" label={`Due${timeZone ? ` (${timeZone} time)` : ""}`} error={errors.dueAt?.message}>
            <input type="datetime-local" {...register("dueAt")} {...describedBy("due-at", errors.dueAt?.message)} className={inputClass} />
          </Field>
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={form.submitting} className={buttonClass("secondary")}>
              {form.submitting ? "Saving…" : "Save due date"}
            </button>
            {claim.dueAt && (
              <button
                type="button"
                disabled={form.submitting}
                onClick={() => {
                  setValue("dueAt", "", { shouldDirty: true });
                  void form.onSubmit();
                }}
                className={buttonClass("ghost")}
              >
                Clear due date
              </button>
            )}
          </div>
          {form.stale && <StaleRefusalNotice stale={form.stale} kept="The date you typed is kept." applying={form.submitting} onApply={form.applyToCurrent} />}
          {form.message && <FormMessage tone="error">{form.message}</FormMessage>}
        </form>
      ) : (
        reason && <p className="mt-2 text-xs text-slate-600">{reason}</p>
      )}
      <div role="status" aria-live="polite">
        {notice && <p className={`mt-2 text-sm ${notice.tone === "success" ? "text-emerald-800" : "text-amber-900"}`}>{notice.text}</p>}
      </div>
    </Card>
  );
}
