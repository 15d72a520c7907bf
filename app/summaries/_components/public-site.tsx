import Link from "next/link";
import { Rss } from "lucide-react";
import { orgName } from "@/lib/publish/config";
import { RATING_SCALE, VERDICT_ORDER, VERDICT_RATING } from "@/lib/publish/rating";
import { VerdictLabel } from "./verdict-label";

/** The public site around a page: no login, its own masthead, readable on a phone and on paper. (Embeds go without it.) */
export function PublicSite({ children }: { children: React.ReactNode }) {
  const org = orgName();
  return (
    <div className="public-site flex min-h-screen flex-col bg-[#fbfaf7] text-slate-900 print:bg-white">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b-4 border-double border-slate-900 bg-[#fbfaf7] print:border-b-2">
        <div className="mx-auto flex max-w-3xl flex-wrap items-end justify-between gap-x-6 gap-y-2 px-4 pt-5 pb-3 sm:px-6">
          <Link href="/summaries" className="group">
            <span className="block font-serif text-2xl font-black tracking-tight text-slate-950 sm:text-3xl">{org}</span>
            <span className="block text-[0.7rem] font-semibold uppercase tracking-[0.22em] text-red-800">Fact-checks</span>
          </Link>
          <nav aria-label="Site" className="flex items-center gap-4 text-sm font-medium text-slate-700 print:hidden">
            <Link href="/summaries" className="hover:text-slate-950 hover:underline">
              All fact-checks
            </Link>
            <a href="#how-we-rate" className="hover:text-slate-950 hover:underline">
              How we rate
            </a>
            <a href="/summaries/feed.xml" className="inline-flex items-center gap-1 hover:text-slate-950 hover:underline">
              <Rss aria-hidden className="size-3.5" />
              Feed
            </a>
          </nav>
        </div>
      </header>
      <main id="content" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-slate-300 bg-white/60 print:hidden">
        <div className="mx-auto max-w-3xl space-y-4 px-4 py-8 text-sm text-slate-600 sm:px-6">
          <section id="how-we-rate" aria-labelledby="how-we-rate-heading" className="scroll-mt-6">
            <h2 id="how-we-rate-heading" className="font-serif text-lg font-bold text-slate-900">
              How we rate
            </h2>
            <p className="mt-1">
              Every claim is checked by a reporter, reviewed by an editor and verified by a second editor, each step resting on a cited
              source. In our structured data, verdicts sit on a scale from {RATING_SCALE.worst} (false) to {RATING_SCALE.best} (true).
            </p>
            <ul className="mt-3 flex flex-wrap gap-2">
              {VERDICT_ORDER.map((verdict) => (
                <li key={verdict} className="flex items-center gap-1.5">
                  <VerdictLabel verdict={verdict} size="sm" />
                  <span className="text-xs text-slate-500">{VERDICT_RATING[verdict]}</span>
                </li>
              ))}
            </ul>
          </section>
          <p>
            Published by {org}. Corrections are logged on each fact-check; earlier versions stay readable.
          </p>
        </div>
      </footer>
    </div>
  );
}
