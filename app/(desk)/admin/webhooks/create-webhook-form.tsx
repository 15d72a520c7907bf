"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { ShownOnceSecret } from "@/app/_components/shown-once-secret";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { EVENT_KINDS } from "@/lib/events/kinds";
import { createWebhookSchema } from "@/lib/webhooks/schema";
import { createWebhookAction, type CreatedWebhook } from "./actions";

type FormValues = z.input<typeof createWebhookSchema>;

export function CreateWebhookForm() {
  const [error, setErrorMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(createWebhookSchema), defaultValues: { url: "", description: "", eventTypes: [], active: true } });

  const onSubmit = handleSubmit(async (values) => {
    setErrorMessage(null);
    setCreated(null);
    const result = await createWebhookAction(values);
    if (!result.ok) {
      setErrorMessage(serverErrorMessage(setError, result.error, ["url", "description", "eventTypes"]));
      return;
    }
    reset({ url: "", description: "", eventTypes: [], active: true });
    setCreated(result.value);
  });

  const eventsError = errors.eventTypes?.message ?? errors.eventTypes?.root?.message;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Register webhook">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="webhook-url" label="Endpoint URL" hint="https:// only; the receiver gets a signed POST for each event." error={errors.url?.message}>
            <input {...register("url")} {...describedBy("webhook-url", errors.url?.message, true)} type="url" inputMode="url" className={inputClass} autoComplete="off" placeholder="https://chat.example.org/hooks/factdesk" />
          </Field>
          <Field id="webhook-description" label="Description" hint="What it feeds, e.g. “#factcheck channel”." error={errors.description?.message}>
            <input {...register("description")} {...describedBy("webhook-description", errors.description?.message, true)} className={inputClass} autoComplete="off" maxLength={200} />
          </Field>
        </div>
        <fieldset aria-describedby={eventsError ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Event types</legend>
          <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-3">
            {EVENT_KINDS.map((kind) => (
              <label key={kind} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" value={kind} {...register("eventTypes")} className="size-4 rounded border-slate-300" />
                <code className="font-mono text-xs">{kind}</code>
              </label>
            ))}
          </div>
          <p id="webhook-events-error" className="mt-1 text-xs font-medium text-red-700" aria-live="polite">
            {eventsError}
          </p>
        </fieldset>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={isSubmitting} className={buttonClass("primary")}>
            {isSubmitting ? "Registering…" : "Register webhook"}
          </button>
        </div>
      </form>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      {created && <NewSecret {...created} />}
    </div>
  );
}

function NewSecret({ url, secret }: CreatedWebhook) {
  return (
    <ShownOnceSecret
      id="new-webhook-secret"
      label="Signing secret"
      value={secret}
      copyLabel="Copy secret"
      hint={
        <>
          Verify each delivery: <code className="font-mono">Factdesk-Signature: t=…,v1=…</code> is the hex HMAC-SHA256 of <code className="font-mono">{"<t>.<body>"}</code> with this secret.
        </>
      }
    >
      Webhook to {url} registered. Copy its signing secret now: it is shown only once.
    </ShownOnceSecret>
  );
}
