"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { assignClaimSchema } from "@/lib/validations/claims";
import { assignClaimAction } from "../actions";
import type { ClaimFormProps } from "./claim-outcome";

type AssignValues = z.input<typeof assignClaimSchema>;

export function AssignForm({ claim, editors, outcome, onStart }: ClaimFormProps & { editors: { id: number; name: string }[] }) {
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<AssignValues, unknown, z.output<typeof assignClaimSchema>>({
    resolver: zodResolver(assignClaimSchema),
    defaultValues: { assigneeId: claim.assigneeId, expectedVersion: claim.version },
  });
  const onSubmit = handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const name = editors.find((editor) => editor.id === values.assigneeId)?.name;
    const error = outcome.settle(await assignClaimAction(claim.id, values), () => (name ? `Assigned to ${name}.` : "The claim is unassigned."));
    if (error) setMessage(serverErrorMessage(setError, error, ["assigneeId"]));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Assign claim" className="space-y-3">
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
      <button type="submit" disabled={isSubmitting} className={buttonClass("secondary", "w-full")}>
        {isSubmitting ? "Saving…" : "Save assignee"}
      </button>
      {message && <FormMessage tone="error">{message}</FormMessage>}
    </form>
  );
}
