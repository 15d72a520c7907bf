import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { AppError } from "@/lib/core/result";

/**
 * Puts a server refusal's field errors back onto the form's fields (keys are dotted paths such as
 * `citations.0.quote`, the same as the zod schema's). Returns messages for fields the form does not
 * show, so the caller can display them with the summary.
 */
export function applyServerErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: AppError,
  shownFields: (path: string) => boolean,
): string[] {
  const unshown: string[] = [];
  for (const [path, messages] of Object.entries(error.fields ?? {})) {
    const message = messages.join(" ");
    if (path !== "_" && shownFields(path)) setError(path as Path<T>, { type: "server", message });
    else unshown.push(message);
  }
  return unshown;
}
