import { useRouter } from "next/navigation";
import { CLAIM_STATE_LABEL, type CitationKind, type ClaimState } from "@/lib/core/vocabulary";
import type { AppError } from "@/lib/core/result";
import type { ActionResult } from "@/lib/actions/result";
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

/** The panel's one message: the last change made, or the conflict that reloaded the claim. */
export type Notice = { tone: "success" | "conflict"; text: string };

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
}

export function useOutcome(setNotice: (notice: Notice | null) => void): Outcome {
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
  };
}

/** What every form in the panel is given. */
export type ClaimFormProps = { claim: ClaimSummary; outcome: Outcome; onStart: () => void };
