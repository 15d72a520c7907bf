"use client";

import { Check, Copy } from "lucide-react";
import { useRef, useState } from "react";
import { buttonClass } from "@/app/_components/button";
import { inputClass } from "@/app/_components/field";

/**
 * A secret the server shows exactly once (an API token, a webhook's signing secret): announced,
 * selectable, with a copy button that falls back to selecting it when the clipboard is refused.
 */
export function ShownOnceSecret({
  id,
  label,
  value,
  copyLabel,
  children,
  hint,
}: {
  id: string;
  /** The field's accessible name, e.g. "New API token". */
  label: string;
  value: string;
  copyLabel: string;
  /** The announcement above the secret: what was created, and that it is shown once. */
  children: React.ReactNode;
  /** How to use it, below. */
  hint?: React.ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select it for a manual copy instead.
      input.current?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  }
  return (
    <div className="space-y-2 rounded-md bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200">
      <p role="status" aria-live="polite" className="text-sm font-semibold text-emerald-900">
        {children}
      </p>
      <div className="flex flex-wrap gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono`}
        />
        <button type="button" onClick={copy} className={buttonClass("secondary")}>
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : copyLabel}
        </button>
      </div>
      {hint && <p className="text-xs text-emerald-900">{hint}</p>}
    </div>
  );
}
