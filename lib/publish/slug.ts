import { eq } from "drizzle-orm";
import { summaries } from "@/db/schema";
import type { DbExecutor } from "@/lib/workflow/transaction";

/** A readable URL slug: ASCII letters and digits joined by single hyphens, at most ~80 characters on a word boundary. */
export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= 80) return base || "summary";
  const cut = base.slice(0, 81);
  const boundary = cut.lastIndexOf("-");
  return (boundary > 20 ? cut.slice(0, boundary) : base.slice(0, 80)).replace(/-+$/g, "");
}

/** The slug for a new summary: the title's, with -2, -3… when another summary already has it. */
export function uniqueSlug(db: DbExecutor, title: string): string {
  const base = slugify(title);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!db.select({ id: summaries.id }).from(summaries).where(eq(summaries.slug, candidate)).get()) return candidate;
  }
}
