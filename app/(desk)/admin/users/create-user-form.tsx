"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { createUserSchema } from "@/lib/validations/users";
import { createUserAction } from "./actions";

type FormValues = z.input<typeof createUserSchema>;

export function CreateUserForm() {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(createUserSchema), defaultValues: { role: "reporter" } });

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await createUserAction(values);
    if (result.error) {
      for (const [field, messages] of Object.entries(result.error.fields ?? {})) {
        setError(field as keyof FormValues, { message: messages.join(" ") });
      }
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    reset({ email: "", name: "", password: "", role: "reporter" });
    setMessage({ tone: "success", text: result.ok ?? "Created." });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create user">
      <Field id="new-name" label="Name" error={errors.name?.message}>
        <input {...register("name")} {...describedBy("new-name", errors.name?.message)} className={inputClass} autoComplete="off" />
      </Field>
      <Field id="new-email" label="Email address" error={errors.email?.message}>
        <input {...register("email")} {...describedBy("new-email", errors.email?.message)} type="email" className={inputClass} autoComplete="off" />
      </Field>
      <Field id="new-role" label="Role" error={errors.role?.message}>
        <select {...register("role")} {...describedBy("new-role", errors.role?.message)} className={inputClass}>
          <option value="reporter">Reporter</option>
          <option value="editor">Editor</option>
          <option value="admin">Admin</option>
        </select>
      </Field>
      <Field id="new-password" label="Initial password" hint="At least 8 characters; share it privately." error={errors.password?.message}>
        <input
          {...register("password")}
          {...describedBy("new-password", errors.password?.message, true)}
          type="password"
          className={inputClass}
          autoComplete="new-password"
        />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
          {isSubmitting ? "Creating…" : "Create user"}
        </button>
        {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      </div>
    </form>
  );
}
