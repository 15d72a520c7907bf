"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { StaleRefusalNotice } from "@/app/_components/live/stale-refusal";
import { editClaimSchema } from "@/lib/validations/claims";
import { editClaimAction } from "../actions";
import { useClaimForm, type ClaimFormProps, type ClaimSummary } from "./claim-outcome";

type EditValues = z.input<typeof editClaimSchema>;

const blank = (claim: ClaimSummary): EditValues => ({ text: claim.text, expectedVersion: claim.version, note: "" });

export function EditForm(props: ClaimFormProps) {
  const { claim } = props;
  const methods = useForm<EditValues, unknown, z.output<typeof editClaimSchema>>({ resolver: zodResolver(editClaimSchema), defaultValues: blank(claim) });
  const { register, formState: { errors } } = methods;
  const form = useClaimForm(props, methods, {
    defaults: blank,
    shown: ["text", "note"],
    send: (values) => editClaimAction(claim.id, values),
    success: ({ version }) => `Text saved as version ${version}.`,
  });
  return (
    <form onSubmit={form.onSubmit} noValidate aria-label="Edit claim text" className="space-y-3">
      <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
      <Field id="edit-text" label="Claim text" error={errors.text?.message}>
        <textarea {...register("text")} {...describedBy("edit-text", errors.text?.message)} rows={4} className={`${inputClass} font-serif`} />
      </Field>
      <Field id="edit-note" label="Why this edit (optional)" hint="Shown with the change on the claim's timeline." error={errors.note?.message}>
        <textarea {...register("note")} {...describedBy("edit-note", errors.note?.message, true)} rows={2} className={inputClass} />
      </Field>
      <button type="submit" disabled={form.submitting} className={buttonClass("secondary", "w-full")}>
        {form.submitting ? "Saving…" : "Save text"}
      </button>
      {form.stale && (
        <StaleRefusalNotice
          stale={form.stale}
          kept="Your text and note are kept as you typed them; the claim's current text is shown above."
          applying={form.submitting}
          onApply={form.applyToCurrent}
        />
      )}
      {form.message && <FormMessage tone="error">{form.message}</FormMessage>}
    </form>
  );
}
