import type { MetadataRoute } from "next";
import { publicUrl } from "@/lib/publish/config";
import { robotsRules } from "@/lib/publish/sitemap";

export const dynamic = "force-dynamic";

/** /robots.txt: crawlers may read the public fact-checks, never the desk; the sitemap lists them. */
export default function robots(): MetadataRoute.Robots {
  return robotsRules(publicUrl());
}
