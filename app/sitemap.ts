import type { MetadataRoute } from "next";
import { getDb } from "@/db/client";
import { publicUrl } from "@/lib/publish/config";
import { sitemapEntries } from "@/lib/publish/sitemap";

// Read per request (one query): it must drop a withdrawn summary at once, and never carry a build's database.
export const dynamic = "force-dynamic";

/** /sitemap.xml: the list of fact-checks and every standing summary, with when it last changed. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(getDb(), publicUrl());
}
