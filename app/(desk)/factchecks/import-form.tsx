"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { buttonClass } from "@/app/_components/button";
import { FormMessage } from "@/app/_components/field";
import { claimReviewItems, itemsOfBlocks, looksLikeHtml, parseJsonLd, UnreadableBlock, type ItemError } from "@/lib/factchecks/extract";
import { importFactchecksChunkAction } from "./actions";

const CHUNK = 250;

interface Outcome {
  imported: number;
  updated: number;
  skipped: number;
  errors: ItemError[];
}

/** The items of a file as the server would find them; HTML pages are read with the browser's own parser. */
function itemsOfFile(source: string): { ok: true; items: unknown[] } | { ok: false; message: string } {
  if (looksLikeHtml(source)) {
    const doc = new DOMParser().parseFromString(source, "text/html");
    const blocks = [...doc.querySelectorAll("script")]
      .filter((s) => (s.getAttribute("type") ?? "").trim().toLowerCase().startsWith("application/ld+json"))
      .map((s) => s.textContent ?? "");
    if (blocks.length === 0) return { ok: false, message: 'The page carries no <script type="application/ld+json"> block.' };
    return { ok: true, items: itemsOfBlocks(blocks) };
  }
  const parsed = parseJsonLd(source);
  return parsed.ok ? { ok: true, items: claimReviewItems(parsed.value) } : parsed;
}

/** Upload of a ClaimReview file, sent in parts with a progress bar; every item that could not be imported is listed. */
export function ImportForm() {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const running = progress !== null && progress.done < progress.total;

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    setOutcome(null);
    setFailure(null);
    if (!file) return setFailure("Choose a file to import.");
    const found = itemsOfFile(await file.text());
    if (!found.ok) return setFailure(`${file.name}: ${found.message}`);
    const total: Outcome = { imported: 0, updated: 0, skipped: 0, errors: [] };
    const entries: { index: number; item: unknown }[] = [];
    found.items.forEach((item, index) => {
      if (item instanceof UnreadableBlock) total.errors.push({ index, message: item.message });
      else entries.push({ index, item });
    });
    setProgress({ done: 0, total: found.items.length });
    for (let from = 0; from < entries.length; from += CHUNK) {
      const part = entries.slice(from, from + CHUNK);
      const result = await importFactchecksChunkAction({ entries: part }).catch(() => null);
      if (!result || !result.ok) {
        setFailure(`The import stopped after ${from} of ${entries.length} items: ${result && !result.ok ? result.error.message : "the server could not be reached"}. Importing the file again is safe.`);
        break;
      }
      total.imported += result.value.imported;
      total.updated += result.value.updated;
      total.skipped += result.value.skipped;
      total.errors.push(...result.value.errors);
      setProgress({ done: Math.min(found.items.length, part[part.length - 1].index + 1), total: found.items.length });
    }
    setProgress({ done: found.items.length, total: found.items.length });
    total.errors.sort((a, b) => a.index - b.index);
    setOutcome(total);
    router.refresh();
  }

  return (
    <form onSubmit={upload} aria-label="Import fact-checks" className="mt-3 space-y-3">
      <div>
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
          ClaimReview file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,.jsonld,.html,.htm,application/json,application/ld+json,text/html"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          className="mt-1 block text-sm"
        />
      </div>
      <button type="submit" disabled={running} className={buttonClass("primary")}>
        {running ? "Importing…" : "Import"}
      </button>
      {progress && (
        <div>
          <label className="block text-xs text-slate-700">
            Import progress: {progress.done.toLocaleString("en")} of {progress.total.toLocaleString("en")} items
            <progress className="mt-1 block h-2 w-full" max={Math.max(1, progress.total)} value={progress.done} />
          </label>
        </div>
      )}
      {failure && <FormMessage tone="error">{failure}</FormMessage>}
      {outcome && (
        <FormMessage tone={outcome.errors.length ? "error" : "success"}>
          {outcome.imported} imported, {outcome.updated} updated, {outcome.skipped} unchanged
          {outcome.errors.length ? `, ${outcome.errors.length} not imported (listed below)` : ""}.
        </FormMessage>
      )}
      {outcome && outcome.errors.length > 0 && (
        <section aria-label="Items not imported">
          <h3 className="text-sm font-semibold text-slate-900">Items not imported</h3>
          <ul className="mt-1 max-h-72 space-y-1 overflow-y-auto text-sm" tabIndex={0}>
            {outcome.errors.map((e) => (
              <li key={`${e.index}-${e.message}`}>
                <span className="font-mono text-xs text-slate-700">Item {e.index}</span>: {e.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}
