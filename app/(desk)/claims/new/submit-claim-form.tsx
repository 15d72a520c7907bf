"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { CitationFields } from "@/app/_components/citation-fields";
import { fromLocalInput, useTimeZoneName } from "@/app/_components/due-date";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { CLAIM_TEXT_MAX, submitClaimSchema } from "@/lib/validations/claims";
import { submitClaimAction } from "../actions";
import { MatchWarning } from "./match-warning";

type Values = z.input<typeof submitClaimSchema>;

export function SubmitClaimForm({ defaults, articles }: { defaults: Values; articles: { id: number; title: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const methods = useForm<Values, unknown, z.output<typeof submitClaimSchema>>({
    resolver: zodResolver(submitClaimSchema),
    defaultValues: defaults,
  });
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = methods;
  // useWatch subscribes this component alone, where watch() would defeat the React Compiler's memoizing.
  const text = useWatch({ control, name: "text" }) ?? "";
  const textLength = text.trim().length;
  const timeZone = useTimeZoneName();

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitClaimAction(values);
    if (!result.ok) {
      setMessage(serverErrorMessage(setError, result.error, ["text", "articleId", "note", "citations", "dueAt"]));
      return;
    }
    router.push(`/claims/${result.value.claimId}?submitted=1`);
  });

  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Submit a claim" className="space-y-6">
        <section aria-labelledby="claim-heading" className="space-y-4">
          <h2 id="claim-heading" className="text-base font-semibold text-slate-900">The claim</h2>
          <Field
            id="claim-text"
            label="Claim"
            hint={`One checkable statement, in your words or quoted. ${textLength}/${CLAIM_TEXT_MAX} characters.`}
            error={errors.text?.message}
          >
            <textarea {...register("text")} {...describedBy("claim-text", errors.text?.message, true)} rows={3} className={`${inputClass} font-serif text-base`} />
          </Field>
          <MatchWarning text={text} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="claim-article" label="Article" hint="The article the claim was made in, if it is on the desk." error={errors.articleId?.message}>
              <select
                {...register("articleId", { setValueAs: (value) => (value === "" || value == null ? null : Number(value)) })}
                {...describedBy("claim-article", errors.articleId?.message, true)}
                className={inputClass}
              >
                <option value="">No article</option>
                {articles.map((article) => (
                  <option key={article.id} value={article.id}>{article.title}</option>
                ))}
              </select>
            </Field>
            <Field id="claim-note" label="Note for the reviewers (optional)" error={errors.note?.message}>
              <input {...register("note")} {...describedBy("claim-note", errors.note?.message)} className={inputClass} autoComplete="off" />
            </Field>
            <Field
              id="claim-due"
              label="Due (optional)"
              hint={`When the check must be done${timeZone ? `, in your time (${timeZone})` : ""}. Without one, the desk's target time for each state applies.`}
              error={errors.dueAt?.message}
            >
              {/* The input's local time becomes an instant with its zone; the schema then checks it like the API's. */}
              <input
                type="datetime-local"
                {...register("dueAt", { setValueAs: (value: string) => fromLocalInput(value ?? "") })}
                {...describedBy("claim-due", errors.dueAt?.message, true)}
                className={inputClass}
              />
            </Field>
          </div>
        </section>

        <section aria-labelledby="citations-heading" className="space-y-3">
          <div>
            <h2 id="citations-heading" className="text-base font-semibold text-slate-900">Citations</h2>
            <p className="text-sm text-slate-600">
              Include the <strong>origin</strong>: where the claim was made. Add sources that support or refute it too.
            </p>
          </div>
          <CitationFields idPrefix="submit" minItems={1} />
        </section>

        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
            {isSubmitting ? "Submitting…" : "Submit claim"}
          </button>
          <span className="text-sm text-slate-600">It starts as a draft; another editor reviews it.</span>
        </div>
        {message && <FormMessage tone="error">{message}</FormMessage>}
      </form>
    </FormProvider>
  );
}
