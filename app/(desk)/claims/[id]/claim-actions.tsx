"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { AlertTriangle, CheckCircle2, Lock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { blankCitation, CitationFields } from "@/app/_components/citation-fields";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { applyServerErrors } from "@/app/_components/form-errors";
import { CLAIM_STATE_LABEL, VERDICT_LABEL, VERDICTS, type CitationKind, type ClaimState } from "@/lib/core/vocabulary";
import type { AppError } from "@/lib/core/result";
import { addCitationsSchema, assignClaimSchema, editClaimSchema, transitionSchema, type TransitionAction } from "@/lib/validations/claims";
import type { AllowedActions, ClaimAction } from "@/lib/workflow";
import { addCitationsAction, assignClaimAction, editClaimAction, transitionClaimAction, type ClaimActionResult } from "../actions";

export interface ClaimSummary {
  id: number;
  text: string;
  state: ClaimState;
  version: number;
  assigneeId: number | null;
  citations: { id: number; title: string; kind: CitationKind }[];
}

type Notice = { tone: "success" | "conflict"; text: string };


const ACTION_LABEL: Record<ClaimAction, string> = {
  review: "Review",
  verify: "Verify",
  return: "Return to draft",
  edit: "Edit text",
  addCitation: "Add citations",
  assign: "Assign",
};

/** The message for a refused, stale change: what the claim is now. */
export function conflictMessage(error: AppError): string {
  const state = error.details?.state as ClaimState | undefined;
  const version = error.details?.currentVersion as number | undefined;
  if (state && CLAIM_STATE_LABEL[state] && typeof version === "number") {
    return `This claim changed while you were looking at it: it is now ${CLAIM_STATE_LABEL[state]} (version ${version}). Review the latest version below.`;
  }
  return `This claim changed while you were looking at it. ${error.message} Review the latest version below.`;
}

interface Outcome {
  /** Shows the result for the whole panel; a conflict also reloads the claim. */
  settle: (result: ClaimActionResult, success: (state: ClaimState, version: number) => string) => AppError | null;
}

function useOutcome(setNotice: (notice: Notice | null) => void): Outcome {
  const router = useRouter();
  return {
    settle(result, success) {
      if (result.ok) {
        setNotice({ tone: "success", text: success(result.state, result.version) });
        router.refresh();
        return null;
      }
      if (result.error.code === "conflict") {
        setNotice({ tone: "conflict", text: conflictMessage(result.error) });
        router.refresh();
        return null;
      }
      setNotice(null);
      return result.error;
    },
  };
}

export function ClaimActions({ claim, permissions, editors }: { claim: ClaimSummary; permissions: AllowedActions; editors: { id: number; name: string }[] }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const outcome = useOutcome(setNotice);
  const allowed = (action: ClaimAction) => permissions[action].allowed;
  const refused = (Object.keys(ACTION_LABEL) as ClaimAction[]).flatMap((action) => {
    const permission = permissions[action];
    return permission.allowed ? [] : [{ action, reason: permission.reason }];
  });
  // Forms are keyed by version: after a refresh they start again from the version now on screen.
  const key = `${claim.id}-${claim.version}`;

  return (
    <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="actions-heading" className="text-base font-semibold text-slate-900">Actions</h2>

      <div aria-live="polite" role="status">
        {notice && (
          <div
            className={`flex gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset ${
              notice.tone === "conflict" ? "bg-amber-50 text-amber-950 ring-amber-300" : "bg-emerald-50 text-emerald-900 ring-emerald-200"
            }`}
          >
            {notice.tone === "conflict" ? <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" /> : <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />}
            <p>{notice.text}</p>
          </div>
        )}
      </div>

      {allowed("review") && (
        <ActionSection title="Review">
          <TransitionForm key={key} action="review" claim={claim} outcome={outcome} onStart={() => setNotice(null)} />
        </ActionSection>
      )}
      {allowed("verify") && (
        <ActionSection title="Verify">
          <TransitionForm key={key} action="verify" claim={claim} outcome={outcome} onStart={() => setNotice(null)} />
        </ActionSection>
      )}
      {allowed("return") && (
        <Disclosure title="Return to draft">
          <TransitionForm key={key} action="return" claim={claim} outcome={outcome} onStart={() => setNotice(null)} />
        </Disclosure>
      )}
      {allowed("edit") && (
        <Disclosure title="Edit text">
          <EditForm key={key} claim={claim} outcome={outcome} onStart={() => setNotice(null)} />
        </Disclosure>
      )}
      {allowed("addCitation") && (
        <Disclosure title="Add citations">
          <AddCitationsForm key={key} claim={claim} outcome={outcome} onStart={() => setNotice(null)} />
        </Disclosure>
      )}
      {allowed("assign") && (
        <Disclosure title="Assign">
          <AssignForm key={key} claim={claim} editors={editors} outcome={outcome} onStart={() => setNotice(null)} />
        </Disclosure>
      )}

      {refused.length > 0 && (
        <section aria-labelledby="refused-heading" className="border-t border-slate-200 pt-3">
          <h3 id="refused-heading" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Not available to you</h3>
          <ul className="space-y-2 text-sm">
            {refused.map(({ action, reason }) => (
              <li key={action} className="flex gap-2" data-action={action}>
                <Lock aria-hidden className="mt-0.5 size-3.5 shrink-0 text-slate-500" />
                <span>
                  <span className="font-medium text-slate-900">{ACTION_LABEL[action]}</span>
                  <span className="text-slate-600">: {reason}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ActionSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-md border border-slate-200 p-3">
      <h3 className="mb-3 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function Disclosure({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-slate-200 [&_summary::-webkit-details-marker]:hidden">
      <summary className="flex cursor-pointer items-center justify-between rounded-md px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50">
        {title}
        <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">›</span>
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}

type FormProps = { claim: ClaimSummary; outcome: Outcome; onStart: () => void };

const FORM_NAME: Record<TransitionAction, string> = { review: "Review claim", verify: "Verify claim", return: "Return claim to draft" };
const SUBMIT_LABEL: Record<TransitionAction, string> = { review: "Sign off as reviewed", verify: "Sign off as verified", return: "Return to draft" };
const NOTE_LABEL: Record<TransitionAction, string> = { review: "Review note", verify: "Verification note", return: "Reason for returning" };
const DONE: Record<TransitionAction, string> = { review: "Signed off as reviewed.", verify: "Signed off as verified.", return: "Returned to draft." };

type TransitionValues = z.input<typeof transitionSchema>;

function TransitionForm({ action, claim, outcome, onStart }: FormProps & { action: TransitionAction }) {
  const [message, setMessage] = useState<string | null>(null);
  const methods = useForm<TransitionValues, unknown, z.output<typeof transitionSchema>>({
    resolver: zodResolver(transitionSchema),
    defaultValues: { action, note: "", verdict: null, citations: [], citationIds: [], expectedVersion: claim.version },
  });
  const { register, handleSubmit, setError, control, formState: { errors, isSubmitting } } = methods;
  const id = (name: string) => `${action}-${name}`;

  const onSubmit = handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const error = outcome.settle(await transitionClaimAction(claim.id, values), (state, version) => `${DONE[action]} The claim is now ${CLAIM_STATE_LABEL[state]} (version ${version}).`);
    if (error) {
      const unshown = applyServerErrors(setError, error, (path) => /^(note|verdict|citations|citationIds)(\.|$)/.test(path));
      setMessage([error.message, ...unshown].join(" "));
    }
  });

  const citationIdsError = errors.citationIds?.message;
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label={FORM_NAME[action]} className="space-y-3">
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

        <button type="submit" disabled={isSubmitting} className={buttonClass(action === "return" ? "secondary" : "primary", "w-full")}>
          {isSubmitting ? "Signing off…" : SUBMIT_LABEL[action]}
        </button>
        {message && <FormMessage tone="error">{message}</FormMessage>}
      </form>
    </FormProvider>
  );
}

type EditValues = z.input<typeof editClaimSchema>;

function EditForm({ claim, outcome, onStart }: FormProps) {
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<EditValues, unknown, z.output<typeof editClaimSchema>>({
    resolver: zodResolver(editClaimSchema),
    defaultValues: { text: claim.text, expectedVersion: claim.version, note: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const error = outcome.settle(await editClaimAction(claim.id, values), (_state, version) => `Text saved as version ${version}.`);
    if (error) {
      const unshown = applyServerErrors(setError, error, (path) => path === "text" || path === "note");
      setMessage([error.message, ...unshown].join(" "));
    }
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

type AddCitationsValues = z.input<typeof addCitationsSchema>;

function AddCitationsForm({ claim, outcome, onStart }: FormProps) {
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
      (_state, version) => `Added ${count} ${count === 1 ? "citation" : "citations"} (version ${version}).`,
    );
    if (error) {
      const unshown = applyServerErrors(setError, error, (path) => /^citations(\.|$)/.test(path));
      setMessage([error.message, ...unshown].join(" "));
    }
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

type AssignValues = z.input<typeof assignClaimSchema>;

function AssignForm({ claim, editors, outcome, onStart }: FormProps & { editors: { id: number; name: string }[] }) {
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
    if (error) {
      const unshown = applyServerErrors(setError, error, (path) => path === "assigneeId");
      setMessage([error.message, ...unshown].join(" "));
    }
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
