import { Code } from "lucide-react";
import { defaultEmbedSize, embedIframe, embedPath } from "@/lib/publish/embed-code";
import type { PublicSummary } from "@/lib/publish/types";
import { CopyButton } from "./copy-button";

/** "Embed this": the iframe code for the summary's card, to paste into another site's page. */
export function EmbedThis({ summary, baseUrl }: { summary: PublicSummary; baseUrl: string }) {
  const code = embedIframe({ src: `${baseUrl}${embedPath(summary.slug, null)}`, title: `Fact-check: ${summary.title}`, ...defaultEmbedSize(summary.claims.length) });
  return (
    <details className="rounded-lg border border-slate-200 bg-white print:hidden">
      <summary className="flex cursor-pointer items-center gap-2 px-4 py-2.5 text-sm font-semibold text-slate-800">
        <Code aria-hidden className="size-4" />
        Embed this
      </summary>
      <div className="space-y-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-700">
        <label htmlFor="embed-code" className="block font-medium text-slate-800">
          Embed code
        </label>
        <p id="embed-code-hint" className="text-slate-600">
          Paste it into your page to show this fact-check as a card. For a single claim, add <code>?claim=</code> and the claim&apos;s number
          from its link to the embed address. Sites that read oEmbed find the code themselves from this page&apos;s address.
        </p>
        <textarea id="embed-code" readOnly rows={3} aria-describedby="embed-code-hint" value={code} className="block w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs" />
        <CopyButton targetId="embed-code" label="Copy embed code" />
      </div>
    </details>
  );
}
