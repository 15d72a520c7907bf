import "server-only";
import { revalidatePath } from "next/cache";
import type { EventHandler } from "../dispatch";
import { pagesChangedBy } from "./pages";

/**
 * Beyond this many pages in one batch (a backlog: demo:load, a bulk import) the whole cache is
 * dropped at once instead: one call, where thousands of per-path calls would cost more than the
 * pages they refresh (Next also checks each new path against those already pending).
 */
export const MAX_PAGES_ONE_BY_ONE = 200;

/**
 * Refreshes the cached pages the events changed. revalidatePath needs a request (a server action or
 * a route handler), so this runs only in dispatches made by one (lib/events/effects.ts).
 * Idempotent: refreshing a page twice costs a render, nothing else.
 */
export const revalidatePages: EventHandler = {
  name: "revalidate-pages",
  // Each app server has its own cache of rendered pages: every server refreshes its own.
  scope: "server",
  async handle(events, db) {
    const pages = await pagesChangedBy(db, events);
    if (pages.size > MAX_PAGES_ONE_BY_ONE) revalidatePath("/", "layout");
    else for (const page of pages) revalidatePath(page);
  },
};
