"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import type { OneTimeLinkKind } from "@/lib/core/vocabulary";
import { setPasswordSchema } from "@/lib/validations/users";
import { redeemLinkAction } from "./link-actions";

type FormValues = z.input<typeof setPasswordSchema>;

export function SetPasswordForm({ kind, token, email }: { kind: OneTimeLinkKind; token: string; email: string }) {
  const [error, setErrorMessage] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(setPasswordSchema), defaultValues: { password: "", confirmPassword: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setErrorMessage(null);
    const result = await redeemLinkAction(kind, token, values);
    // Success redirects to the sign-in page; only a refusal comes back.
    if (result && !result.ok) setErrorMessage(serverErrorMessage(setError, result.error, ["password", "confirmPassword"]));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a password">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields register={register} errors={errors} />
      {error && <FormMessage tone="error">{error}</FormMessage>}
      <button type="submit" disabled={isSubmitting} className={buttonClass("primary", "w-full")}>
        {isSubmitting ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
