"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { inviteUserSchema } from "@/lib/validations/users";
import { inviteUserAction, type LinkShown } from "./actions";
import { OneTimeLink } from "./one-time-link";

type FormValues = z.input<typeof inviteUserSchema>;

export function InviteUserForm() {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [link, setLink] = useState<LinkShown>();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(inviteUserSchema), defaultValues: { role: "reporter" } });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    setLink(undefined);
    const result = await inviteUserAction(values);
    if (!result.ok) {
      setMessage({ tone: "error", text: serverErrorMessage(setError, result.error, ["name", "email", "role"]) });
      return;
    }
    reset({ email: "", name: "", role: "reporter" });
    setMessage({ tone: "success", text: result.message ?? "Invited." });
    setLink(result.value);
  });

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3" aria-label="Invite user">
        <Field id="new-name" label="Name" error={errors.name?.message}>
          <input {...register("name")} {...describedBy("new-name", errors.name?.message)} className={inputClass} autoComplete="off" />
        </Field>
        <Field id="new-email" label="Email address" hint="Their sign-in name; nothing is mailed." error={errors.email?.message}>
          <input {...register("email")} {...describedBy("new-email", errors.email?.message, true)} type="email" className={inputClass} autoComplete="off" />
        </Field>
        <Field id="new-role" label="Role" error={errors.role?.message}>
          <select {...register("role")} {...describedBy("new-role", errors.role?.message)} className={inputClass}>
            <option value="reporter">Reporter</option>
            <option value="editor">Editor</option>
            <option value="admin">Admin</option>
          </select>
        </Field>
        <div className="flex items-center gap-3 sm:col-span-3">
          <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
            {isSubmitting ? "Inviting…" : "Invite user"}
          </button>
          {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
        </div>
      </form>
      {link && <OneTimeLink id="invite-link" {...link} />}
    </div>
  );
}
