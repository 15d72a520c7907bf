"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { EMAIL_MODES, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS, type EmailMode } from "@/lib/notifications/kinds";
import { preferencesSchema, type Preferences } from "@/lib/notifications/schemas";
import { savePreferencesAction } from "./actions";

const EMAIL_LABEL: Record<EmailMode, { label: string; hint: string }> = {
  off: { label: "No email", hint: "Notifications stay in the inbox." },
  immediate: { label: "One email each", hint: "Sent as each notification is made." },
  daily: { label: "A daily digest", hint: "One email a day with what is unread." },
};

export function PreferencesForm({ initial, emailConfigured }: { initial: Preferences; emailConfigured: boolean }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, setError, formState: { isSubmitting } } = useForm<z.input<typeof preferencesSchema>, unknown, z.output<typeof preferencesSchema>>({
    resolver: zodResolver(preferencesSchema),
    defaultValues: initial,
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await savePreferencesAction(values);
    setMessage(result.ok ? { tone: "success", text: result.message ?? "Saved." } : { tone: "error", text: serverErrorMessage(setError, result.error, []) });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Notification choices" className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">Notify me when</legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" value={kind} {...register("enabled")} className="size-4 rounded border-slate-400" />
            {NOTIFICATION_KIND_LABELS[kind]}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold text-slate-900">Email</legend>
        <p className="text-xs text-slate-600">
          {emailConfigured
            ? "The inbox always has everything; email is a copy."
            : "Email is not set up on this server (FACTDESK_SMTP_URL); your choice applies once it is."}
        </p>
        {EMAIL_MODES.map((mode) => (
          <label key={mode} className="flex items-start gap-2 text-sm text-slate-800">
            <input type="radio" value={mode} {...register("emailMode")} className="mt-0.5 size-4 border-slate-400" />
            <span>
              {EMAIL_LABEL[mode].label} <span className="text-slate-500">— {EMAIL_LABEL[mode].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
        {isSubmitting ? "Saving…" : "Save choices"}
      </button>
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
    </form>
  );
}
