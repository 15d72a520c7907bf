"use client";

import { CheckCircle2 } from "lucide-react";
import { useEffect, useRef } from "react";

/**
 * The result of publishing, at the top of the page: the form below starts afresh for the next
 * version (empty correction note), so the outcome is said here. Focus moves to it once, so screen
 * readers read it and keyboard users start from it.
 */
export function PublishedNotice({ version, slug, repeat }: { version: number; slug: string; repeat: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [version]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="mb-6 flex flex-wrap items-center gap-2 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-950 ring-1 ring-emerald-300 ring-inset focus:outline-2 focus:outline-offset-2 focus:outline-emerald-700"
    >
      <CheckCircle2 aria-hidden className="size-4 text-emerald-700" />
      <span className="font-semibold">{repeat ? `Version ${version} is already live with this content.` : `Published version ${version}.`}</span>
      <a href={`/summaries/${slug}`} className="font-semibold underline">
        View the public page
      </a>
    </div>
  );
}
