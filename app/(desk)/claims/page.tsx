import { redirect } from "next/navigation";

type SearchParams = Record<string, string | string[] | undefined>;

/** `/claims` is where people (and old links) look for the list of claims: the queue, with the same query. */
export default async function ClaimsIndex({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  }
  const search = params.toString();
  redirect(search ? `/queue?${search}` : "/queue");
}
