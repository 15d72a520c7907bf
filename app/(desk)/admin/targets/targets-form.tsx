"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { deadlineSettingsSchema, type DeadlineSettingsValues } from "@/lib/deadlines/schemas";
import { saveTargetsAction } from "./actions";

type Values = z.input<typeof deadlineSettingsSchema>;

/** An empty box is "no target" (null); anything else is read as a number and checked by the schema. */
const hoursOrNull = (value: unknown) => (value === "" || value == null ? null : Number(value));

export function TargetsForm({ initial }: { initial: DeadlineSettingsValues }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values, unknown, z.output<typeof deadlineSettingsSchema>>({ resolver: zodResolver(deadlineSettingsSchema), defaultValues: initial });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveTargetsAction(values);
    setMessage(
      result.ok
        ? { tone: "success", text: result.message ?? "Saved." }
        : { tone: "error", text: serverErrorMessage(setError, result.error, ["targets.draft", "targets.reviewed", "dueSoonHours", "dueSoonPercent"]) },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Desk targets" className="space-y-6">
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Target time in each state</legend>
        <p className="text-sm text-slate-600">How long a claim without a due date may wait in a state before it is overdue. Leave a box empty for no target.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <WholeNumberField id="target-draft" label="Draft → reviewed (hours)" hint="From the submit (or a return) to the review." error={errors.targets?.draft?.message}
            registration={register("targets.draft", { setValueAs: hoursOrNull })} />
          <WholeNumberField id="target-reviewed" label="Reviewed → verified (hours)" hint="From the review to the verify (or a return)." error={errors.targets?.reviewed?.message}
            registration={register("targets.reviewed", { setValueAs: hoursOrNull })} />
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Due soon</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <WholeNumberField id="due-soon-hours" label="Warn this many hours before (hours)" hint="Before a due date, and at most this long before a target." error={errors.dueSoonHours?.message}
            registration={register("dueSoonHours", { valueAsNumber: true })} />
          <WholeNumberField id="due-soon-percent" label="…but at most this share of a target (%)" max={100}
            hint="So a short target is not due soon from its start: 20 % of a 4-hour target is its last 48 minutes." error={errors.dueSoonPercent?.message}
            registration={register("dueSoonPercent", { valueAsNumber: true })} />
        </div>
      </fieldset>
      <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
        {isSubmitting ? "Saving…" : "Save targets"}
      </button>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
    </form>
  );
}

/** A labelled whole-number box (hours or a percentage), its error announced beside it. */
function WholeNumberField({ id, label, hint, error, max, registration }: { id: string; label: string; hint: string; error?: string; max?: number; registration: UseFormRegisterReturn }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input type="number" min={1} max={max} step={1} inputMode="numeric" {...registration} {...describedBy(id, error, true)} className={inputClass} />
    </Field>
  );
}
