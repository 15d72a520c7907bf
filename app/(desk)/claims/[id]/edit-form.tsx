"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { editClaimSchema } from "@/lib/validations/claims";
import { editClaimAction } from "../actions";
import type { ClaimFormProps } from "./claim-outcome";

type EditValues = z.input<typeof editClaimSchema>;

export function EditForm({ claim, outcome, onStart }: ClaimFormProps) {
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<EditValues, unknown, z.output<typeof editClaimSchema>>({
    resolver: zodResolver(editClaimSchema),
    defaultValues: { text: claim.text, expectedVersion: claim.version, note: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const error = outcome.settle(await editClaimAction(claim.id, values), ({ version }) => `Text saved as version ${version}.`);
    if (error) setMessage(serverErrorMessage(setError, error, ["text", "note"]));
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Edit claim text" className="space-y-3">
      <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
      <Field id="edit-text" label="Claim text" error={errors.text?.message}>
        <textarea {...register("text")} {...describedBy("edit-text", errors.text?.message)} rows={4} className={`${inputClass} font-serif`} />
      </Field>
      <Field id="edit-note" label="Why this edit (optional)" hint="Shown with the change on the claim's timeline." error={errors.note?.message}>
        <textarea {...register("note")} {...describedBy("edit-note", errors.note?.message, true)} rows={2} className={inputClass} />
      </Field>
      <button type="submit" disabled={isSubmitting} className={buttonClass("secondary", "w-full")}>
        {isSubmitting ? "Saving…" : "Save text"}
      </button>
      {message && <FormMessage tone="error">{message}</FormMessage>}
    </form>
  );
}
