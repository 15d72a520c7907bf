"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { formatDateTime } from "@/app/_components/relative-time";
import { ShownOnceSecret } from "@/app/_components/shown-once-secret";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { createTokenSchema, TOKEN_EXPIRY_CHOICES } from "@/lib/tokens/tokens";
import { createTokenAction } from "./actions";

const formSchema = createTokenSchema.extend({ password: z.string().optional() });
type FormValues = { name: string; expiresInDays: string; password?: string };

/** `needsPassword`: the page saw a sign-in older than 5 minutes; the server decides either way. */
export function CreateTokenForm({ needsPassword: initiallyNeedsPassword }: { needsPassword: boolean }) {
  const [created, setCreated] = useState<{ token: string; name: string; expiresAt: string | null } | null>(null);
  const [error, setErrorMessage] = useState<string | null>(null);
  const [needsPassword, setNeedsPassword] = useState(initiallyNeedsPassword);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    resolver: zodResolver(formSchema) as never,
    defaultValues: { name: "", expiresInDays: "90", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setErrorMessage(null);
    setCreated(null);
    const result = await createTokenAction(values);
    if (!result.ok) {
      // The server asks for the password again; the field must exist before its error can be shown.
      const askedForPassword = result.error.details?.needsPassword === true;
      if (askedForPassword) setNeedsPassword(true);
      setErrorMessage(serverErrorMessage(setError, result.error, askedForPassword || needsPassword ? ["name", "expiresInDays", "password"] : ["name", "expiresInDays"]));
      return;
    }
    setNeedsPassword(false);
    reset({ name: "", expiresInDays: values.expiresInDays, password: "" });
    const { token, summary } = result.value;
    setCreated({ token, name: summary.name, expiresAt: summary.expiresAt });
  });

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Create API token">
        <div className="min-w-64 flex-1">
          <Field id="token-name" label="Token name" hint="What will use it, e.g. “CMS integration”." error={errors.name?.message}>
            <input
              {...register("name")}
              {...describedBy("token-name", errors.name?.message, true)}
              className={inputClass}
              autoComplete="off"
              maxLength={80}
            />
          </Field>
        </div>
        <div className="w-40">
          <Field id="token-expires" label="Expires after" hint="Shorter is safer." error={errors.expiresInDays?.message}>
            <select {...register("expiresInDays")} {...describedBy("token-expires", errors.expiresInDays?.message, true)} className={inputClass}>
              {TOKEN_EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {needsPassword && (
          <div className="w-56">
            <Field id="token-password" label="Your password" hint="You signed in over 5 minutes ago." error={errors.password?.message}>
              <input
                {...register("password")}
                {...describedBy("token-password", errors.password?.message, true)}
                type="password"
                autoComplete="current-password"
                className={inputClass}
              />
            </Field>
          </div>
        )}
        <button type="submit" disabled={isSubmitting} className={buttonClass("primary", "mb-5")}>
          {isSubmitting ? "Creating…" : "Create token"}
        </button>
      </form>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      {created && <NewToken token={created.token} name={created.name} expiresAt={created.expiresAt} />}
    </div>
  );
}

function NewToken({ token, name, expiresAt }: { token: string; name: string; expiresAt: string | null }) {
  return (
    <ShownOnceSecret
      id="new-token"
      label="New API token"
      value={token}
      copyLabel="Copy token"
      hint={
        <>
          Try it: <code className="break-all font-mono">curl -H &quot;Authorization: Bearer {token.slice(0, 10)}…&quot; {"<this site>"}/api/v1/claims</code>
        </>
      }
    >
      Token “{name}” created. Copy it now: it is shown only once and cannot be recovered.
      {expiresAt ? ` It stops working ${formatDateTime(expiresAt)}.` : " It does not expire."}
    </ShownOnceSecret>
  );
}
