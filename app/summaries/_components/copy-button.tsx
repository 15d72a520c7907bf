"use client";

import { useState } from "react";

/** Copies the text of the field it names; says so politely (the field stays selectable without JavaScript). */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    const field = document.getElementById(targetId) as HTMLTextAreaElement | null;
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
      setCopied("done");
    } catch {
      field.select();
      setCopied("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-slate-700">
        {copied === "done" ? "Copied." : copied === "failed" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </span>
    </span>
  );
}
