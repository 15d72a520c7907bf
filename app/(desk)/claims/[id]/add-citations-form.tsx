"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { blankCitation, CitationFields } from "@/app/_components/citation-fields";
import { FormMessage } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { addCitationsSchema } from "@/lib/validations/claims";
import { addCitationsAction } from "../actions";
import type { ClaimFormProps } from "./claim-outcome";

type AddCitationsValues = z.input<typeof addCitationsSchema>;

export function AddCitationsForm({ claim, outcome, onStart }: ClaimFormProps) {
  const [message, setMessage] = useState<string | null>(null);
  const methods = useForm<AddCitationsValues, unknown, z.output<typeof addCitationsSchema>>({
    resolver: zodResolver(addCitationsSchema),
    defaultValues: { citations: [blankCitation("supports")], expectedVersion: claim.version },
  });
  const { register, handleSubmit, setError, formState: { isSubmitting } } = methods;
  const onSubmit = handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const count = values.citations.length;
    const error = outcome.settle(
      await addCitationsAction(claim.id, values),
      ({ version }) => `Added ${count} ${count === 1 ? "citation" : "citations"} (version ${version}).`,
    );
    if (error) setMessage(serverErrorMessage(setError, error, ["citations"]));
  });
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Add citations" className="space-y-3">
        <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
        <CitationFields idPrefix="add" minItems={1} />
        <button type="submit" disabled={isSubmitting} className={buttonClass("secondary", "w-full")}>
          {isSubmitting ? "Adding…" : "Add citations"}
        </button>
        {message && <FormMessage tone="error">{message}</FormMessage>}
      </form>
    </FormProvider>
  );
}
