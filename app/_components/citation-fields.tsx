"use client";

import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useFormContext, type FieldErrors } from "react-hook-form";
import type { CitationInput } from "@/lib/validations/claims";
import { CITATION_KIND_LABEL } from "@/lib/core/vocabulary";
import { describedBy, Field, inputClass } from "./field";

type CitationsForm = { citations: CitationInput[] };


export function blankCitation(kind: CitationInput["kind"] = "supports"): CitationInput {
  return { kind, title: "", url: "", documentRef: "", publisher: "", quote: "", accessedAt: "" };
}

/** The message zod or the server put on the citation list itself (not on one citation). */
export function citationListError(errors: FieldErrors<CitationsForm>): string | undefined {
  const list = errors.citations as { message?: string; root?: { message?: string } } | undefined;
  return list?.message ?? list?.root?.message;
}

/**
 * Several citations at once (react-hook-form field array) inside a form wrapped in <FormProvider>
 * whose values have `citations: CitationInput[]`. Offsets and article ids set by the caller
 * (e.g. prefilled from an article) are kept and shown read-only.
 */
export function CitationFields({
  idPrefix,
  minItems = 0,
  addLabel = "Add another citation",
  newKind = "supports",
}: {
  idPrefix: string;
  minItems?: number;
  addLabel?: string;
  newKind?: CitationInput["kind"];
}) {
  const {
    register,
    control,
    getValues,
    formState: { errors },
  } = useFormContext<CitationsForm>();
  const { fields, append, remove } = useFieldArray({ control, name: "citations" });
  const listError = citationListError(errors);

  return (
    <div className="space-y-3 @container">
      {fields.map((field, index) => {
        const id = (name: string) => `${idPrefix}-citation-${index}-${name}`;
        const error = errors.citations?.[index];
        const fromArticle = getValues(`citations.${index}.articleId`);
        const start = getValues(`citations.${index}.quoteStart`);
        const end = getValues(`citations.${index}.quoteEnd`);
        return (
          <fieldset key={field.id} className="rounded-md border border-slate-200 bg-slate-50/60 p-3">
            <legend className="px-1 text-sm font-semibold text-slate-800">Citation {index + 1}</legend>
            <div className="grid gap-3 @lg:grid-cols-2">
              <Field id={id("kind")} label="Kind" error={error?.kind?.message}>
                <select {...register(`citations.${index}.kind`)} {...describedBy(id("kind"), error?.kind?.message)} className={inputClass}>
                  {Object.entries(CITATION_KIND_LABEL).map(([value, label]) => (
                    <option key={value} value={value}>{label}</option>
                  ))}
                </select>
              </Field>
              <Field id={id("title")} label="Title" error={error?.title?.message}>
                <input {...register(`citations.${index}.title`)} {...describedBy(id("title"), error?.title?.message)} className={inputClass} autoComplete="off" />
              </Field>
              <Field id={id("url")} label="Web address" hint="Or a document reference below" error={error?.url?.message}>
                <input {...register(`citations.${index}.url`)} {...describedBy(id("url"), error?.url?.message, true)} type="url" inputMode="url" placeholder="https://" className={inputClass} autoComplete="off" />
              </Field>
              <Field id={id("documentRef")} label="Document reference" hint="Court docket, report number, interview notes…" error={error?.documentRef?.message}>
                <input {...register(`citations.${index}.documentRef`)} {...describedBy(id("documentRef"), error?.documentRef?.message, true)} className={inputClass} autoComplete="off" />
              </Field>
              <Field id={id("publisher")} label="Publisher or author" error={error?.publisher?.message}>
                <input {...register(`citations.${index}.publisher`)} {...describedBy(id("publisher"), error?.publisher?.message)} className={inputClass} autoComplete="off" />
              </Field>
              <Field id={id("accessedAt")} label="Accessed on" hint="Leave blank for today" error={error?.accessedAt?.message}>
                <input {...register(`citations.${index}.accessedAt`)} {...describedBy(id("accessedAt"), error?.accessedAt?.message, true)} type="date" className={inputClass} />
              </Field>
              <div className="@lg:col-span-2">
                <Field
                  id={id("quote")}
                  label="Quoted passage"
                  hint={fromArticle != null && start != null && end != null ? `From article #${fromArticle}, characters ${start}–${end}. Keep it word for word.` : "The exact words this citation relies on."}
                  error={error?.quote?.message ?? error?.quoteStart?.message ?? error?.quoteEnd?.message ?? error?.articleId?.message}
                >
                  <textarea
                    {...register(`citations.${index}.quote`)}
                    {...describedBy(id("quote"), error?.quote?.message ?? error?.quoteStart?.message ?? error?.quoteEnd?.message ?? error?.articleId?.message, true)}
                    rows={3}
                    className={inputClass}
                  />
                </Field>
              </div>
            </div>
            {fields.length > minItems && (
              <div className="mt-2 flex justify-end">
                <button type="button" onClick={() => remove(index)} className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-semibold text-red-700 hover:bg-red-50">
                  <Trash2 aria-hidden className="size-3.5" />
                  Remove citation {index + 1}
                </button>
              </div>
            )}
          </fieldset>
        );
      })}
      {listError && (
        <p className="text-xs font-medium text-red-700" role="status" aria-live="polite">
          {listError}
        </p>
      )}
      <button
        type="button"
        onClick={() => append(blankCitation(fields.length === 0 && minItems > 0 ? "origin" : newKind))}
        className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-semibold text-blue-700 hover:bg-blue-50"
      >
        <Plus aria-hidden className="size-4" />
        {addLabel}
      </button>
    </div>
  );
}
