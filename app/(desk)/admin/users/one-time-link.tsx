"use client";

import { Check, Copy } from "lucide-react";
import { useRef, useState, useSyncExternalStore } from "react";
import { buttonClass } from "@/app/_components/button";
import { inputClass } from "@/app/_components/field";
import { formatDateTime } from "@/app/_components/relative-time";

// The origin never changes while the page is open.
const subscribeToNothing = () => () => {};

/** A one-time link, shown once to copy and hand over; only its hash is stored. */
export function OneTimeLink({ path, kind, name, expiresAt, id }: { path: string; kind: "invite" | "reset"; name: string; expiresAt: string; id: string }) {
  // The page's own origin, known only in the browser: the server renders the path, the browser the whole link.
  const origin = useSyncExternalStore(subscribeToNothing, () => window.location.origin, () => null);
  const url = origin ? new URL(path, origin).toString() : path;
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      input.current?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  }
  const what = kind === "invite" ? "Invitation link" : "Password-reset link";
  return (
    <div className="space-y-2 rounded-md bg-emerald-50 p-4 text-left ring-1 ring-inset ring-emerald-200">
      <p className="text-sm font-semibold text-emerald-900">
        {what} for {name}. Copy it now and give it to them privately: it is shown only once, works once, and expires {formatDateTime(expiresAt)}.
      </p>
      <div className="flex flex-wrap gap-2">
        <label htmlFor={id} className="sr-only">
          {what} for {name}
        </label>
        <input ref={input} id={id} readOnly value={url} onFocus={(event) => event.currentTarget.select()} className={`${inputClass} min-w-0 flex-1 font-mono`} />
        <button type="button" onClick={copy} className={buttonClass("secondary")}>
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </div>
  );
}
