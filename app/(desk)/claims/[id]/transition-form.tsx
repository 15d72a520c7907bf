"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter, useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { CitationFields } from "@/app/_components/citation-fields";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { StaleRefusalNotice } from "@/app/_components/live/stale-refusal";
import { CLAIM_STATE_LABEL, VERDICT_LABEL, VERDICTS } from "@/lib/core/vocabulary";
import { transitionSchema, type TransitionAction } from "@/lib/validations/claims";
import { transitionClaimAction } from "../actions";
import { useClaimForm, type ClaimFormProps, type ClaimSummary } from "./claim-outcome";
import { viewNeighboursAction } from "./view-nav-actions";

const FORM_NAME: Record<TransitionAction, string> = { review: "Review claim", verify: "Verify claim", return: "Return claim to draft" };
const SUBMIT_LABEL: Record<TransitionAction, string> = { review: "Sign off as reviewed", verify: "Sign off as verified", return: "Return to draft" };
const NOTE_LABEL: Record<TransitionAction, string> = { review: "Review note", verify: "Verification note", return: "Reason for returning" };
/** The same sign-off, then straight on to the next claim of the queue view the person came from. */
const AND_NEXT_LABEL: Record<TransitionAction, string> = { review: "Sign off and next", verify: "Verify and next", return: "Return and next" };
const DONE: Record<TransitionAction, string> = { review: "Signed off as reviewed.", verify: "Signed off as verified.", return: "Returned to draft." };

const KEPT: Record<TransitionAction, string> = {
  review: "Your note and citations are kept as you typed them.",
  verify: "Your note, verdict and citations are kept as you typed them.",
  return: "Your reason and citations are kept as you typed them.",
};

type TransitionValues = z.input<typeof transitionSchema>;

const blankFor = (action: TransitionAction) => (claim: ClaimSummary): TransitionValues => ({
  action,
  note: "",
  verdict: null,
  citations: [],
  citationIds: [],
  expectedVersion: claim.version,
});
const BLANK: Record<TransitionAction, (claim: ClaimSummary) => TransitionValues> = { review: blankFor("review"), verify: blankFor("verify"), return: blankFor("return") };

export function TransitionForm({ action, ...props }: ClaimFormProps & { action: TransitionAction }) {
  const { claim, outcome } = props;
  const router = useRouter();
  // The queue view the person came from (the claim table links `?view=<its query>`): "and next" goes on in it.
  const view = useSearchParams().get("view");
  // Which button sent the form: a ref for the submission in flight, state for the button's label.
  const andNext = useRef(false);
  const [goingOn, setGoingOn] = useState(false);
  const choose = (next: boolean) => {
    andNext.current = next;
    setGoingOn(next);
  };
  const methods = useForm<TransitionValues, unknown, z.output<typeof transitionSchema>>({
    resolver: zodResolver(transitionSchema),
    defaultValues: BLANK[action](claim),
  });
  const { register, control, formState: { errors } } = methods;
  const id = (name: string) => `${action}-${name}`;
  const form = useClaimForm(props, methods, {
    defaults: BLANK[action],
    shown: ["note", "verdict", "citations", "citationIds"],
    send: (values) => transitionClaimAction(claim.id, values),
    success: ({ state, version }) => `${DONE[action]} The claim is now ${CLAIM_STATE_LABEL[state]} (version ${version}).`,
    then: async () => {
      if (view == null) return;
      const neighbours = await viewNeighboursAction(claim.id, view);
      if (!neighbours) return;
      const next = neighbours.next;
      if (next && andNext.current) router.push(next.href);
      else outcome.offerNext(next ? { href: next.href, label: `#${next.id}` } : { href: null, viewHref: neighbours.query ? `/queue?${neighbours.query}` : "/queue" });
    },
  });

  const citationIdsError = errors.citationIds?.message;
  return (
    <FormProvider {...methods}>
      <form onSubmit={form.onSubmit} noValidate aria-label={FORM_NAME[action]} className="space-y-3">
        <input type="hidden" {...register("expectedVersion", { valueAsNumber: true })} />
        {action === "verify" && (
          <Field id={id("verdict")} label="Verdict" error={errors.verdict?.message}>
            <select
              {...register("verdict", { setValueAs: (value) => (value === "" || value == null ? null : value) })}
              {...describedBy(id("verdict"), errors.verdict?.message)}
              className={inputClass}
              defaultValue=""
            >
              <option value="">Choose a verdict…</option>
              {VERDICTS.map((verdict) => (
                <option key={verdict} value={verdict}>{VERDICT_LABEL[verdict]}</option>
              ))}
            </select>
          </Field>
        )}
        <Field id={id("note")} label={NOTE_LABEL[action]} error={errors.note?.message}>
          <textarea {...register("note")} {...describedBy(id("note"), errors.note?.message)} rows={3} className={inputClass} />
        </Field>

        <Controller
          control={control}
          name="citationIds"
          render={({ field }) => {
            const chosen = field.value ?? [];
            return (
              <fieldset aria-describedby={citationIdsError ? id("citationIds-error") : undefined}>
                <legend className="mb-1.5 text-sm font-medium text-slate-800">Rests on these citations</legend>
                <ul className="space-y-1.5">
                  {claim.citations.map((citation) => {
                    const checked = chosen.includes(citation.id);
                    return (
                      <li key={citation.id}>
                        <label className="flex items-start gap-2 text-sm text-slate-800">
                          <input
                            type="checkbox"
                            className="mt-0.5 size-4 rounded border-slate-400 accent-blue-700"
                            checked={checked}
                            onChange={() => field.onChange(checked ? chosen.filter((c) => c !== citation.id) : [...chosen, citation.id])}
                          />
                          <span>
                            {citation.title} <span className="text-slate-600">({citation.kind})</span>
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
                {citationIdsError && <p id={id("citationIds-error")} className="mt-1 text-xs font-medium text-red-700">{citationIdsError}</p>}
              </fieldset>
            );
          }}
        />
        <CitationFields idPrefix={action} addLabel="Attach a new citation" />

        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            disabled={form.submitting}
            onClick={() => choose(false)}
            className={buttonClass(action === "return" ? "secondary" : "primary", "min-w-0 flex-1")}
          >
            {form.submitting && !goingOn ? "Signing off…" : SUBMIT_LABEL[action]}
          </button>
          {view != null && (
            <button
              type="submit"
              disabled={form.submitting}
              onClick={() => choose(true)}
              aria-describedby={id("and-next-hint")}
              className={buttonClass("secondary", "min-w-0 flex-1")}
            >
              {form.submitting && goingOn ? "Signing off…" : AND_NEXT_LABEL[action]}
            </button>
          )}
        </div>
        {view != null && (
          <p id={id("and-next-hint")} className="text-xs text-slate-600">
            Opens the next claim of the view you came from. After signing off, <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">j</kbd> goes
            to the next claim and <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono">k</kbd> to the previous one (not while typing in a field).
          </p>
        )}
        {form.stale && <StaleRefusalNotice stale={form.stale} kept={KEPT[action]} applying={form.submitting} onApply={form.applyToCurrent} />}
        {form.message && <FormMessage tone="error">{form.message}</FormMessage>}
      </form>
    </FormProvider>
  );
}
