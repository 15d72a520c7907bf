import type { Metadata } from "next";
import { indexMetadata, SummaryIndex } from "./_components/summary-index";

/*
 * The latest fact-checks: cached (ISR) and refreshed on publish, withdraw and return, like the
 * summary pages. A filter or an older page (`?verdict=`, `?cursor=`) is rewritten by next.config.js
 * to ./-/list, rendered per request, so this page never reads the query and stays cacheable.
 */
export const revalidate = 300;

export function generateMetadata(): Metadata {
  return indexMetadata();
}

export default function SummariesPage() {
  return <SummaryIndex query={{}} />;
}
