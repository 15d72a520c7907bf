import type { FieldErrors, Path, UseFormRegister } from "react-hook-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/users";
import { describedBy, Field, inputClass } from "./field";

type NewPassword = { password: string; confirmPassword: string };

/**
 * A new password typed twice, as every form that sets one asks for it (set by link, change in
 * settings): the length hint, new-password autocomplete so managers offer to save it, and errors
 * tied to each field. `passwordId` is the first field's id (pages that also ask for the current
 * password keep "new-password").
 */
export function NewPasswordFields<T extends NewPassword>({
  register,
  errors,
  passwordId = "password",
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  passwordId?: string;
}) {
  const passwordError = errors.password?.message as string | undefined;
  const confirmError = errors.confirmPassword?.message as string | undefined;
  return (
    <>
      <Field id={passwordId} label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.`} error={passwordError}>
        <input {...register("password" as Path<T>)} {...describedBy(passwordId, passwordError, true)} type="password" autoComplete="new-password" className={inputClass} />
      </Field>
      <Field id="confirm-password" label="New password again" error={confirmError}>
        <input {...register("confirmPassword" as Path<T>)} {...describedBy("confirm-password", confirmError)} type="password" autoComplete="new-password" className={inputClass} />
      </Field>
    </>
  );
}
