import { desc, isNull } from "drizzle-orm";
import type { MetadataRoute } from "next";
import type { DbExecutor } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { summaryPath } from "./config";

/*
 * What search engines are told: every summary that stands (withdrawn ones answer 410 and leave the
 * sitemap), at its current address, with its last change; the list of fact-checks; and robots rules
 * that keep crawlers on the public side (the desk's pages need a sign-in anyway, but crawlers should
 * not even try them, nor the API).
 */

export async function sitemapEntries(db: DbExecutor, baseUrl: string): Promise<MetadataRoute.Sitemap> {
  const { summaries } = tablesOf(db);
  const rows = await db
    .select({ slug: summaries.slug, updatedAt: summaries.updatedAt })
    .from(summaries)
    .where(isNull(summaries.withdrawnAt))
    .orderBy(desc(summaries.updatedAt), desc(summaries.id));
  const entries: MetadataRoute.Sitemap = [{ url: `${baseUrl}/summaries`, lastModified: rows[0]?.updatedAt, changeFrequency: "daily", priority: 0.8 }];
  for (const row of rows) {
    entries.push({ url: `${baseUrl}${summaryPath(row.slug)}`, lastModified: row.updatedAt, changeFrequency: "weekly", priority: 1 });
  }
  return entries;
}

/** Paths crawlers may fetch, and everything else: the desk (any path outside these) and the API. */
export function robotsRules(baseUrl: string): MetadataRoute.Robots {
  return {
    // The most specific rule wins (RFC 9309): the public pages, the oEmbed answers and the stylesheets and
    // scripts the pages render with are open; everything else, the desk and its API, is not.
    rules: [{ userAgent: "*", allow: ["/summaries", "/api/oembed", "/_next/static/"], disallow: ["/"] }],
    sitemap: `${baseUrl}/sitemap.xml`,
  };
}
