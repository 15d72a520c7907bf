"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { blankCitation, CitationFields } from "@/app/_components/citation-fields";
import { FormMessage } from "@/app/_components/field";
import { StaleRefusalNotice } from "@/app/_components/live/stale-refusal";
import { addCitationsSchema } from "@/lib/validations/claims";
import { addCitationsAction } from "../actions";
import { useClaimForm, type ClaimFormProps, type ClaimSummary } from "./claim-outcome";

type AddCitationsValues = z.input<typeof addCitationsSchema>;

const blank = (claim: ClaimSummary): AddCitationsValues => ({ citations: [blankCitation("supports")], expectedVersion: claim.version });

export function AddCitationsForm(props: ClaimFormProps) {
  const { claim } = props;
  const methods = useForm<AddCitationsValues, unknown, z.output<typeof addCitationsSchema>>({ resolver: zodResolver(addCitationsSchema), defaultValues: blank(claim) });
  const form = useClaimForm(props, methods, {
    defaults: blank,
    shown: ["citations"],
    send: (values) => addCitationsAction(claim.id, values),
    success: ({ version }, values) => {
      const count = values.citations.length;
      return `Added ${count} ${count === 1 ? "citation" : "citations"} (version ${version}).`;
    },
  });
  return (
    <FormProvider {...methods}>
      <form onSubmit={form.onSubmit} noValidate aria-label="Add citations" className="space-y-3">
        <input type="hidden" {...methods.register("expectedVersion", { valueAsNumber: true })} />
        <CitationFields idPrefix="add" minItems={1} />
        <button type="submit" disabled={form.submitting} className={buttonClass("secondary", "w-full")}>
          {form.submitting ? "Adding…" : "Add citations"}
        </button>
        {form.stale && (
          <StaleRefusalNotice stale={form.stale} kept="Your citations are kept as you typed them." applying={form.submitting} onApply={form.applyToCurrent} />
        )}
        {form.message && <FormMessage tone="error">{form.message}</FormMessage>}
      </form>
    </FormProvider>
  );
}
