"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { StaleRefusalNotice } from "@/app/_components/live/stale-refusal";
import { assignClaimSchema } from "@/lib/validations/claims";
import { assignClaimAction } from "../actions";
import { useClaimForm, type ClaimFormProps, type ClaimSummary } from "./claim-outcome";

type AssignValues = z.input<typeof assignClaimSchema>;

const blank = (claim: ClaimSummary): AssignValues => ({ assigneeId: claim.assigneeId, expectedVersion: claim.version });

export function AssignForm({ editors, ...props }: ClaimFormProps & { editors: { id: number; name: string }[] }) {
  const { claim } = props;
  const methods = useForm<AssignValues, unknown, z.output<typeof assignClaimSchema>>({ resolver: zodResolver(assignClaimSchema), defaultValues: blank(claim) });
  const { register, formState: { errors } } = methods;
  const form = useClaimForm(props, methods, {
    defaults: blank,
    shown: ["assigneeId"],
    send: (values) => assignClaimAction(claim.id, values),
    success: (_done, values) => {
      const name = editors.find((editor) => editor.id === values.assigneeId)?.name;
      return name ? `Assigned to ${name}.` : "The claim is unassigned.";
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate aria-label="Assign claim" className="space-y-3">
      <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
      <Field id="assign-assignee" label="Assignee" error={errors.assigneeId?.message}>
        <select
          {...register("assigneeId", { setValueAs: (value) => (value === "" || value == null ? null : Number(value)) })}
          {...describedBy("assign-assignee", errors.assigneeId?.message)}
          className={inputClass}
        >
          <option value="">Unassigned</option>
          {editors.map((editor) => (
            <option key={editor.id} value={editor.id}>{editor.name}</option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={form.submitting} className={buttonClass("secondary", "w-full")}>
        {form.submitting ? "Saving…" : "Save assignee"}
      </button>
      {form.stale && (
        <StaleRefusalNotice stale={form.stale} kept="Your choice of assignee is kept." applying={form.submitting} onApply={form.applyToCurrent} />
      )}
      {form.message && <FormMessage tone="error">{form.message}</FormMessage>}
    </form>
  );
}
