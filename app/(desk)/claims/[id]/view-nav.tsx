import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { viewNeighbours, type ViewNeighbour } from "@/lib/views/neighbours";
import { ViewNavKeys } from "./view-nav-keys";

const linkClass = "inline-flex items-center gap-1 rounded-md px-2 py-1 font-semibold text-blue-700 hover:bg-blue-50 hover:underline";
const kbd = "rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs text-slate-700";

function Neighbour({ neighbour, direction, shortcut }: { neighbour: ViewNeighbour | null; direction: "previous" | "next"; shortcut: string }) {
  const label = direction === "previous" ? "Previous" : "Next";
  if (!neighbour) return <span className="px-2 py-1 text-slate-600">{direction === "previous" ? "First in this view" : "Last in this view"}</span>;
  return (
    <Link
      href={neighbour.href}
      rel={direction === "previous" ? "prev" : "next"}
      className={linkClass}
      title={neighbour.text}
      aria-label={`${label} claim in this view: #${neighbour.id} (${shortcut})`}
      aria-keyshortcuts={shortcut}
      data-view-nav={direction}
    >
      {direction === "previous" && <ChevronLeft aria-hidden className="size-4" />}
      {label} #{neighbour.id}
      {direction === "next" && <ChevronRight aria-hidden className="size-4" />}
      <kbd aria-hidden className={kbd}>{shortcut}</kbd>
    </Link>
  );
}

/**
 * Previous / next claim of the queue view the person came from (`view` = that view's query, without
 * "?"), with `k` / `j` on the claim page; nothing when they did not come from a view. The neighbours
 * are the queue's own list read from this claim's place in it (lib/views/neighbours.ts), so they stay
 * right after this claim leaves the view (signed off out of a "drafts" view).
 */
export async function ViewNav({ claimId, view }: { claimId: number; view: string | null }) {
  if (view == null) return null;
  const actor = await requirePageActor();
  const neighbours = await viewNeighbours(getDb(), actor, claimId, view);
  if (!neighbours) return null;
  return (
    <nav aria-label="This view" className="flex flex-wrap items-center gap-1 text-sm">
      <Neighbour neighbour={neighbours.previous} direction="previous" shortcut="k" />
      <Link href={neighbours.query ? `/queue?${neighbours.query}` : "/queue"} className={linkClass}>
        Back to the view
      </Link>
      <Neighbour neighbour={neighbours.next} direction="next" shortcut="j" />
      <ViewNavKeys previous={neighbours.previous?.href ?? null} next={neighbours.next?.href ?? null} />
    </nav>
  );
}
