import Link from "next/link";
import { PublicSite } from "./_components/public-site";

/** A missing fact-check, in the public site's own frame: readers are pointed to the others, never to the desk. */
export default function SummaryNotFound() {
  return (
    <PublicSite>
      <div className="space-y-3 py-10 text-center">
        <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
        <h1 className="font-serif text-3xl font-bold text-slate-950">We couldn’t find that fact-check</h1>
        <p className="text-slate-700">It may have been moved, or the link is mistyped.</p>
        <Link href="/summaries" className="inline-block font-semibold text-blue-800 underline">
          See all fact-checks
        </Link>
      </div>
    </PublicSite>
  );
}
