import type { Metadata } from "next";
import { indexMetadata, indexQuery, SummaryIndex } from "../../_components/summary-index";

/*
 * `/summaries?verdict=…` and `/summaries?cursor=…`, rewritten here by next.config.js: the filtered
 * and older pages of the list, rendered per request (the query decides what they show). Their
 * canonical address is the /summaries one with the query.
 */
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return indexMetadata(indexQuery(await searchParams));
}

export default async function FilteredSummariesPage({ searchParams }: Props) {
  return <SummaryIndex query={indexQuery(await searchParams)} />;
}
