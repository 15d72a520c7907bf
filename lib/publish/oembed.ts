import { z } from "zod";
import type { DbExecutor } from "@/db/client";
import { claimAnchor, orgName, summaryPath } from "./config";
import { getPublicSummary } from "./queries";
import { SLUG_PATTERN } from "@/lib/validations/publish";
import { defaultEmbedSize, embedIframe, embedPath } from "./embed-code";

export { defaultEmbedSize, embedIframe, embedPath };

/*
 * oEmbed 1.0 (https://oembed.com) for public summaries: GET /api/oembed?url=…&format=json answers the
 * `rich` type whose html is an iframe of the embed card. Per the spec: 404 when we have no response
 * for the URL (not one of our summaries, or a withdrawn one), 501 for a format we do not serve (xml),
 * 400 for a request without a usable url; maxwidth/maxheight shrink the iframe, never grow it.
 */

const MIN = { width: 240, height: 160 };

export function oembedHref(pageUrl: string): string {
  return `/api/oembed?${new URLSearchParams({ url: pageUrl, format: "json" })}`;
}

const dimension = z.coerce.number().int().positive().max(10_000).optional();

export const oembedQuerySchema = z.object({
  url: z.string().trim().min(1, "Give the address of a fact-check in url").max(2000),
  format: z.string().trim().toLowerCase().optional(),
  maxwidth: dimension,
  maxheight: dimension,
});

export interface OembedRich {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  author_name: string;
  author_url: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
}

export type OembedAnswer = { status: 200; body: OembedRich } | { status: 400 | 404 | 501; message: string };

/**
 * The summary (and claim) an address of ours names: the page, a version, an anchor, an embed, `?claim=`.
 * Ours means on `baseUrl`'s origin or one of `alsoOurs` (the host the request came to, when no public
 * URL is configured and pages name localhost).
 */
export function targetOf(rawUrl: string, baseUrl: string, alsoOurs: readonly string[] = []): { slug: string; claimId: number | null } | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  const origins = [baseUrl, ...alsoOurs].map((origin) => new URL(origin).origin);
  if (!origins.includes(url.origin)) return null;
  const match = /^\/summaries\/([^/]+)(?:\/v\/[1-9]\d{0,5}|\/embed(?:\/claim\/([1-9]\d{0,9}))?)?\/?$/.exec(url.pathname);
  if (!match || !SLUG_PATTERN.test(match[1])) return null;
  const fromAnchor = /^#claim-([1-9]\d{0,9})$/.exec(url.hash)?.[1];
  const fromQuery = url.searchParams.get("claim");
  const claim = match[2] ?? fromAnchor ?? (fromQuery && /^[1-9]\d{0,9}$/.test(fromQuery) ? fromQuery : undefined);
  return { slug: match[1], claimId: claim ? Number(claim) : null };
}

export async function oembedFor(db: DbExecutor, query: unknown, baseUrl: string, alsoOurs: readonly string[] = []): Promise<OembedAnswer> {
  const parsed = oembedQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 400, message: issue?.path[0] === "url" ? "Give the address of a fact-check in url." : `${issue?.path.join(".")}: ${issue?.message}` };
  }
  const { url, format, maxwidth, maxheight } = parsed.data;
  if (format && format !== "json") return { status: 501, message: `Only format=json is served, not ${format}.` };
  const target = targetOf(url, baseUrl, alsoOurs);
  if (!target) return { status: 404, message: "That address is not a fact-check of ours." };
  const summary = await getPublicSummary(db, target.slug);
  if (!summary || summary.withdrawn) return { status: 404, message: "There is no such fact-check, or it was withdrawn." };
  const claim = target.claimId == null ? null : summary.claims.find((c) => c.id === target.claimId) ?? null;
  if (target.claimId != null && !claim) return { status: 404, message: "That claim is not in this fact-check." };

  const size = defaultEmbedSize(claim ? null : summary.claims.length);
  const width = Math.max(MIN.width, Math.min(size.width, maxwidth ?? size.width));
  const height = Math.max(MIN.height, Math.min(size.height, maxheight ?? size.height));
  const org = orgName();
  const pageUrl = `${baseUrl}${summaryPath(summary.slug)}${claim ? `#${claimAnchor(claim.id)}` : ""}`;
  const title = claim ? `${claim.text} (${summary.title})` : summary.title;
  return {
    status: 200,
    body: {
      version: "1.0",
      type: "rich",
      title,
      provider_name: org,
      provider_url: baseUrl,
      author_name: org,
      author_url: pageUrl,
      html: embedIframe({ src: `${baseUrl}${embedPath(summary.slug, claim?.id ?? null)}`, title: `Fact-check: ${title}`, width, height }),
      width,
      height,
      cache_age: 300,
      thumbnail_url: `${baseUrl}${summaryPath(summary.slug)}/opengraph-image`,
      thumbnail_width: 1200,
      thumbnail_height: 630,
    },
  };
}

/** Problems with an oEmbed answer as a consumer checks it (empty = valid): the spec's required fields for `rich`. */
export function oembedProblems(answer: unknown): string[] {
  const problems: string[] = [];
  if (!answer || typeof answer !== "object") return ["not a JSON object"];
  const a = answer as Record<string, unknown>;
  if (a.version !== "1.0") problems.push("version must be \"1.0\"");
  if (a.type !== "rich") problems.push("type must be \"rich\"");
  if (typeof a.html !== "string" || !/^<iframe\s[^>]*src="https?:\/\/[^"]+"[^>]*><\/iframe>$/.test(a.html)) problems.push("html must be one iframe");
  for (const key of ["width", "height"]) if (!Number.isInteger(a[key]) || (a[key] as number) <= 0) problems.push(`${key} must be a positive integer`);
  for (const key of ["title", "provider_name", "provider_url"]) if (typeof a[key] !== "string" || a[key] === "") problems.push(`${key} should be a string`);
  const thumbs = ["thumbnail_url", "thumbnail_width", "thumbnail_height"].filter((key) => key in a);
  if (thumbs.length !== 0 && thumbs.length !== 3) problems.push("thumbnail_url, thumbnail_width and thumbnail_height come together");
  if ("cache_age" in a && (!Number.isInteger(a.cache_age) || (a.cache_age as number) < 0)) problems.push("cache_age must be a non-negative integer");
  if (typeof a.html === "string" && typeof a.width === "number" && !a.html.includes(`width="${a.width}"`)) problems.push("the iframe's width differs from width");
  return problems;
}
