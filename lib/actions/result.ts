import type { AppError } from "@/lib/core/result";

/**
 * What every server action answers, the one shape forms read: the value the form needs (never the
 * whole domain object) with an optional message to show, or the domain's refusal as it is (code,
 * message, field errors keyed by dotted path, details).
 */
export type ActionResult<T = null> = { ok: true; value: T; message?: string } | { ok: false; error: AppError };

/** `useActionState`'s state: null until the form was first submitted. */
export type ActionState<T = null> = ActionResult<T> | null;

/** The message an action state has to show, with its tone; null before the first answer. */
export function actionMessage(state: ActionState<unknown>): { tone: "error" | "success"; text: string } | null {
  if (!state) return null;
  if (!state.ok) return { tone: "error", text: state.error.message };
  return state.message ? { tone: "success", text: state.message } : null;
}
