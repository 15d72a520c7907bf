"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { buttonClass } from "@/app/_components/button";
import { describedBy, Field, FormMessage, inputClass } from "@/app/_components/field";
import { serverErrorMessage } from "@/lib/actions/field-errors";
import { withdrawSummarySchema } from "@/lib/validations/publish";
import { withdrawSummaryAction } from "./actions";

type FormValues = z.input<typeof withdrawSummarySchema>;

export function WithdrawForm({ articleId }: { articleId: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setErrorMessage] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ resolver: zodResolver(withdrawSummarySchema), defaultValues: { reason: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setErrorMessage(null);
    const result = await withdrawSummaryAction(articleId, values);
    if (!result.ok) {
      setErrorMessage(serverErrorMessage(setError, result.error, ["reason"]));
      return;
    }
    setOpen(false);
    router.refresh();
  });

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <Dialog.Trigger className={buttonClass("secondary", "text-red-800")}>Withdraw summary…</Dialog.Trigger>
        <span>The page stays up and tells readers why it was withdrawn.</span>
      </div>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Withdraw this summary?</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            Readers will see that it was withdrawn and your reason, instead of the verdicts standing. You can republish later as a new version.
          </Dialog.Description>
          <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
            <Field id="withdraw-reason" label="Public reason" error={errors.reason?.message}>
              <textarea {...register("reason")} {...describedBy("withdraw-reason", errors.reason?.message)} rows={3} className={inputClass} />
            </Field>
            {error && <FormMessage tone="error">{error}</FormMessage>}
            <div className="flex justify-end gap-2">
              <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
              <button type="submit" disabled={isSubmitting} className={buttonClass("danger")}>
                {isSubmitting ? "Withdrawing…" : "Withdraw summary"}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
