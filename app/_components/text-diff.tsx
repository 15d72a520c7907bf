import { diffWords } from "diff";

/** A word-level diff of two versions of a claim's text: removed words struck through, added ones highlighted. */
export function TextDiff({ before, after, label }: { before: string; after: string; label?: string }) {
  const parts = diffWords(before, after);
  return (
    <p className="rounded-md bg-slate-50 px-3 py-2 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200" aria-label={label}>
      {parts.map((part, index) =>
        part.removed ? (
          <del key={index} className="rounded-sm bg-red-100 px-0.5 text-red-900 decoration-red-700">
            <span className="sr-only">[removed: </span>
            {part.value}
            <span className="sr-only">]</span>
          </del>
        ) : part.added ? (
          <ins key={index} className="rounded-sm bg-emerald-100 px-0.5 text-emerald-950 no-underline">
            <span className="sr-only">[added: </span>
            {part.value}
            <span className="sr-only">]</span>
          </ins>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </p>
  );
}
