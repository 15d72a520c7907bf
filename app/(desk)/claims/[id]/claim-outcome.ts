import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { DefaultValues, FieldValues, Path, PathValue, UseFormReturn } from "react-hook-form";
import { CLAIM_STATE_LABEL, type CitationKind, type ClaimState } from "@/lib/core/vocabulary";
import type { AppError } from "@/lib/core/result";
import { serverErrorMessage, type ShownFields } from "@/lib/actions/field-errors";
import type { ActionResult, StaleRefusal } from "@/lib/actions/result";
import type { ClaimOutcome } from "../actions";

/** What the claim's forms need of it: the version they expect and the citations a sign-off may rest on. */
export interface ClaimSummary {
  id: number;
  text: string;
  state: ClaimState;
  version: number;
  assigneeId: number | null;
  citations: { id: number; title: string; kind: CitationKind }[];
}

/** Where the person can go on to after a sign-off: the next claim of the queue view they came from. */
export type NextInView = { href: string; label: string } | { href: null; viewHref: string };

/** The panel's one message: the last change made, or the conflict that reloaded the claim. */
export type Notice = { tone: "success" | "conflict"; text: string; next?: NextInView };

/** The message for a refused, stale change: what the claim is now. */
export function conflictMessage(error: AppError): string {
  const state = error.details?.state as ClaimState | undefined;
  const version = error.details?.currentVersion as number | undefined;
  if (state && CLAIM_STATE_LABEL[state] && typeof version === "number") {
    return `This claim changed while you were looking at it: it is now ${CLAIM_STATE_LABEL[state]} (version ${version}). Review the latest version below.`;
  }
  return `This claim changed while you were looking at it. ${error.message} Review the latest version below.`;
}

export interface Outcome {
  /**
   * Shows the result for the whole panel; a conflict also reloads the claim. Returns the refusal the
   * form itself shows (field errors and message), or null when the panel showed the answer.
   */
  settle: (result: ActionResult<ClaimOutcome>, success: (outcome: ClaimOutcome) => string) => AppError | null;
  /** Reloads the claim on screen (router.refresh keeps what the forms hold). */
  refresh: () => void;
  /** Adds "next claim in this view" to the success shown. */
  offerNext: (next: NextInView) => void;
}

export function useOutcome(setNotice: (notice: Notice | null | ((was: Notice | null) => Notice | null)) => void): Outcome {
  const router = useRouter();
  return {
    settle(result, success) {
      if (result.ok) {
        setNotice({ tone: "success", text: success(result.value) });
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
    refresh() {
      setNotice(null);
      router.refresh();
    },
    offerNext(next) {
      setNotice((was) => (was?.tone === "success" ? { ...was, next } : was));
    },
  };
}

/** What every form in the panel is given. */
export type ClaimFormProps = {
  claim: ClaimSummary;
  outcome: Outcome;
  onStart: () => void;
  /** Told whether the form holds something of the person's (typed input, a stale refusal): the panel then keeps it shown. */
  onEngaged?: (engaged: boolean) => void;
};

type Versioned = FieldValues & { expectedVersion: number };

export interface ClaimForm {
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  /** The refusal to show under the button (field errors are on their fields). */
  message: string | null;
  /** Set when the claim changed first: shown with StaleRefusalNotice, everything typed kept. */
  stale: StaleRefusal | null;
  /** The same submission again, against the version now current. */
  applyToCurrent: () => void;
  submitting: boolean;
}

/**
 * The one mechanism every claim form shares so that nothing typed is lost: the form sends the
 * version it was filled in against; while nothing is typed it follows the claim on screen (live
 * refreshes included); once something is, it keeps it, and a refusal because the claim changed
 * meanwhile becomes `stale` (what changed, who, whether the same may be applied now) with
 * `applyToCurrent` re-sending the same values against the current version. A success clears the form.
 */
export function useClaimForm<TValues extends Versioned, TOutput>(
  { claim, outcome, onStart, onEngaged }: ClaimFormProps,
  methods: UseFormReturn<TValues, unknown, TOutput>,
  {
    defaults,
    shown,
    send,
    success,
    then,
  }: {
    /** The blank form for a claim (module-level, so it is stable). */
    defaults: (claim: ClaimSummary) => DefaultValues<TValues>;
    shown: ShownFields;
    send: (values: TOutput) => Promise<ActionResult<ClaimOutcome>>;
    success: (outcome: ClaimOutcome, values: TOutput) => string;
    /** After a success has been shown (and the form cleared). */
    then?: (outcome: ClaimOutcome) => void | Promise<void>;
  },
): ClaimForm {
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<StaleRefusal | null>(null);
  const { isDirty, isSubmitting } = methods.formState;
  const engaged = isDirty || stale !== null;

  useEffect(() => onEngaged?.(engaged), [engaged, onEngaged]);

  // A new version on screen: an untouched form starts again from it; a touched one keeps what it holds.
  const followed = useRef(claim.version);
  useEffect(() => {
    if (followed.current === claim.version) return;
    followed.current = claim.version;
    if (!engaged) methods.reset(defaults(claim));
  }, [claim, engaged, methods, defaults]);

  const onSubmit = methods.handleSubmit(async (values) => {
    onStart();
    setMessage(null);
    const result = await send(values);
    if (!result.ok && result.stale) {
      setStale(result.stale);
      outcome.refresh();
      return;
    }
    setStale(null);
    const error = outcome.settle(result, (done) => success(done, values));
    if (result.ok) {
      methods.reset(defaults({ ...claim, version: result.value.version }));
      await then?.(result.value);
    } else if (error) setMessage(serverErrorMessage(methods.setError, error, shown));
  });

  const applyToCurrent = () => {
    if (!stale) return;
    methods.setValue("expectedVersion" as Path<TValues>, stale.currentVersion as PathValue<TValues, Path<TValues>>);
    void onSubmit();
  };

  return { onSubmit, message, stale, applyToCurrent, submitting: isSubmitting };
}
