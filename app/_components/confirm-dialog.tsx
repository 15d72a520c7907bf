"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "./button";

/**
 * A destructive action behind a confirmation: the trigger opens a dialog naming what will happen,
 * and only its confirm button submits the form (to the same server action, which authorizes as
 * ever). Radix gives focus trapping, Escape to cancel and focus return to the trigger.
 */
export function ConfirmDialog({
  trigger,
  triggerClassName,
  title,
  description,
  confirmLabel,
  action,
  fields,
  pending,
  onSubmit,
}: {
  trigger: ReactNode;
  triggerClassName?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  action: (formData: FormData) => void;
  fields: Record<string, string | number>;
  pending: boolean;
  onSubmit?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const submitted = useRef(false);
  useEffect(() => {
    if (submitted.current && !pending) {
      submitted.current = false;
      setOpen(false);
    }
  }, [pending]);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger type="button" className={triggerClassName}>
        {trigger}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(30rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 text-left shadow-xl">
          <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700">{description}</Dialog.Description>
          <form
            action={action}
            onSubmit={() => {
              submitted.current = true;
              onSubmit?.();
            }}
            className="mt-5 flex justify-end gap-2"
          >
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
            <button type="submit" disabled={pending} className={buttonClass("danger")}>
              {pending ? "Working…" : confirmLabel}
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
