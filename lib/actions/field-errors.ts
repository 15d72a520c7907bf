import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { AppError } from "@/lib/core/result";

/** The fields a form shows: their names (a path is shown when its first segment is one), or a test. */
export type ShownFields = readonly string[] | ((path: string) => boolean);

function isShown(shown: ShownFields, path: string): boolean {
  if (path === "_") return false;
  return typeof shown === "function" ? shown(path) : shown.includes(path.split(".")[0]!);
}

/**
 * Puts a server refusal's field errors back onto the form's fields (keys are dotted paths such as
 * `citations.0.quote`, the same as the zod schema's). Returns the messages of fields the form does not
 * show, so the caller can display them with the summary instead of losing them.
 */
export function applyServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: AppError, shown: ShownFields): string[] {
  const unshown: string[] = [];
  for (const [path, messages] of Object.entries(error.fields ?? {})) {
    const message = messages.join(" ");
    if (isShown(shown, path)) setError(path as Path<T>, { type: "server", message });
    else unshown.push(message);
  }
  return unshown;
}

/** applyServerErrors, then the one line the form shows under its button: the refusal and what no field shows. */
export function serverErrorMessage<T extends FieldValues>(setError: UseFormSetError<T>, error: AppError, shown: ShownFields): string {
  return [error.message, ...applyServerErrors(setError, error, shown)].join(" ");
}
