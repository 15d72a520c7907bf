import type { AppError } from "@/lib/core/result";
import type { ClaimState } from "@/lib/core/vocabulary";
import type { Permission } from "@/lib/workflow/rules";
import type { ClaimChange } from "@/lib/workflow/changes-since";

/**
 * A change refused because the claim moved on since the form was filled in (a stale version): what
 * changed and who did it, and whether the rules let this person do the same on the version now
 * current. The form keeps everything typed and offers to apply it again (StaleRefusalNotice).
 */
export interface StaleRefusal {
  /** The version the form was filled in against. */
  seenVersion: number;
  /** The version to apply it to now. */
  currentVersion: number;
  state: ClaimState;
  /** Oldest first, from the claim's history. */
  changes: ClaimChange[];
  /** Decided by the rule functions (allowedActions) on the current version, never a copy of them. */
  retry: Permission;
}

/**
 * What every server action answers, the one shape forms read: the value the form needs (never the
 * whole domain object) with an optional message to show, or the domain's refusal as it is (code,
 * message, field errors keyed by dotted path, details), with `stale` when it was refused because
 * the claim changed since the form saw it.
 */
export type ActionResult<T = null> = { ok: true; value: T; message?: string } | { ok: false; error: AppError; stale?: StaleRefusal };

/** `useActionState`'s state: null until the form was first submitted. */
export type ActionState<T = null> = ActionResult<T> | null;

/** The message an action state has to show, with its tone; null before the first answer. */
export function actionMessage(state: ActionState<unknown>): { tone: "error" | "success"; text: string } | null {
  if (!state) return null;
  if (!state.ok) return { tone: "error", text: state.error.message };
  return state.message ? { tone: "success", text: state.message } : null;
}
