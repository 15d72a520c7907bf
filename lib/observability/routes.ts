import { readFileSync } from "node:fs";
import path from "node:path";

/*
 * A request's route as Next knows it (`/claims/[id]`, `/api/v1/claims/[id]/transitions`), read from the
 * build's routes-manifest.json, so logs and metrics group by route instead of by raw path (whose ids
 * would make every claim its own time series). Paths that match no route are one label, "(unmatched)".
 */

export const UNMATCHED = "(unmatched)";

interface Manifest {
  staticRoutes?: Array<{ page: string }>;
  dynamicRoutes?: Array<{ page: string; regex: string }>;
}

export interface RouteMatcher {
  (pathname: string): string;
}

export function routeMatcher(manifest: Manifest): RouteMatcher {
  const exact = new Set((manifest.staticRoutes ?? []).map((route) => route.page));
  const dynamic = (manifest.dynamicRoutes ?? []).map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  const cache = new Map<string, string>();
  return (rawPath) => {
    const known = cache.get(rawPath);
    if (known) return known;
    const route = match(rawPath);
    // Bounded: a scan of random paths must not grow the process.
    if (cache.size < 5000) cache.set(rawPath, route);
    return route;
  };

  function match(rawPath: string): string {
    if (rawPath.startsWith("/_next/static/")) return "/_next/static";
    if (rawPath.startsWith("/_next/image")) return "/_next/image";
    // RSC payloads of a page (`/claims/5.rsc`, `/claims/5.segments/…`) belong to the page.
    let pathname = rawPath.replace(/\.segments\/.*$/, "").replace(/\.rsc$/, "");
    if (pathname === "/index") pathname = "/";
    if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
    if (exact.has(pathname)) return pathname;
    for (const route of dynamic) if (route.regex.test(pathname)) return route.page;
    return UNMATCHED;
  }
}

const state = globalThis as unknown as { factdeskRouteMatcher?: RouteMatcher };

/** The running build's matcher (NEXT_DIST_DIR or .next under the working directory); every path unmatched when there is no manifest (dev before the first build). */
export function buildRouteMatcher(): RouteMatcher {
  if (state.factdeskRouteMatcher) return state.factdeskRouteMatcher;
  let manifest: Manifest = {};
  try {
    const file = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "routes-manifest.json");
    manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  } catch {
    // No build to read (dev, tests): fall through with an empty manifest.
  }
  return (state.factdeskRouteMatcher = routeMatcher(manifest));
}

/** Tests: route with this matcher instead of the build's. */
export function setRouteMatcher(matcher: RouteMatcher | undefined): void {
  state.factdeskRouteMatcher = matcher;
}
