import { formatRow, load, type LoadResult } from "./load";

type Headers = Record<string, string>;

/**
 * The queue and dashboard benches' measurement: at 1 and at 4 clients, each page against the claim
 * page and each API path against the single-claim API, in the same server and run. Prints one row per
 * path with its p50 ratio and answers the worst ratio per group (`pages@1`, `api@4`, …).
 */
export async function measureRatios(options: {
  base: string;
  durationMs: number;
  claimId: number;
  cookie: Headers;
  bearer: Headers;
  pages: Array<[string, string]>;
  api: Array<[string, string]>;
}): Promise<Record<string, number>> {
  const { base, durationMs, claimId, cookie, bearer, pages, api } = options;
  const worst: Record<string, number> = {};
  for (const connections of [1, 4]) {
    const run = (url: string, headers: Headers) => load(`${base}${url}`, { connections, durationMs, headers });
    const report = (label: string, result: LoadResult, reference: LoadResult, key: string) => {
      const ratio = result.p50 / reference.p50;
      worst[key] = Math.max(worst[key] ?? 0, ratio);
      console.log(`${formatRow(label, result)}   ${ratio.toFixed(2)}×`);
    };
    console.log(`--- ${connections} client${connections === 1 ? "" : "s"}`);
    const claimPage = await run(`/claims/${claimId}`, cookie);
    console.log(formatRow("claim page", claimPage));
    for (const [label, url] of pages) report(label, await run(url, cookie), claimPage, `pages@${connections}`);
    const single = await run(`/api/v1/claims/${claimId}`, bearer);
    console.log(formatRow("GET /claims/{id}", single));
    for (const [label, url] of api) report(label, await run(url, bearer), single, `api@${connections}`);
    console.log("");
  }
  return worst;
}
