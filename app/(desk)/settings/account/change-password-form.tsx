"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { changePasswordSchema } from "@/lib/validations/users";
import { changePasswordAction } from "./actions";

type FormValues = z.input<typeof changePasswordSchema>;

export function ChangePasswordForm() {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(changePasswordSchema), defaultValues: { currentPassword: "", password: "", confirmPassword: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await changePasswordAction(values);
    if (!result.ok) {
      setMessage({ tone: "error", text: serverErrorMessage(setError, result.error, ["currentPassword", "password", "confirmPassword"]) });
      return;
    }
    reset({ currentPassword: "", password: "", confirmPassword: "" });
    setMessage({ tone: "success", text: result.message ?? "Password changed." });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-md gap-4" aria-label="Change password">
      <Field id="current-password" label="Current password" error={errors.currentPassword?.message}>
        <input
          {...register("currentPassword")}
          {...describedBy("current-password", errors.currentPassword?.message)}
          type="password"
          autoComplete="current-password"
          className={inputClass}
        />
      </Field>
      <NewPasswordFields register={register} errors={errors} passwordId="new-password" />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
          {isSubmitting ? "Changing…" : "Change password"}
        </button>
        {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      </div>
    </form>
  );
}
