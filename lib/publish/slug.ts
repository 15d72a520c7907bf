import { SLUG_MAX } from "@/lib/validations/publish";

/*
 * Pure on purpose: the publish form imports slugify to suggest an address as the title is typed.
 * Uniqueness needs the database and lives in publish.ts.
 */

/** A readable URL slug: ASCII letters and digits joined by single hyphens, at most `max` characters, cut on a word boundary. */
export function slugify(title: string, max = SLUG_MAX): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= max) return base || "summary";
  const cut = base.slice(0, max + 1);
  const boundary = cut.lastIndexOf("-");
  return (boundary > max / 4 ? cut.slice(0, boundary) : base.slice(0, max)).replace(/-+$/g, "");
}

/** The nth address firstFreeSlugOf tries for `base`: `base`, then `base-2`, `base-3`… (still within the length limit). */
function slugCandidate(base: string, n: number): string {
  const suffix = n === 1 ? "" : `-${n}`;
  return `${slugify(base, SLUG_MAX - suffix.length)}${suffix}`;
}

/** `base`, or `base-2`, `base-3`… (still within the length limit): the first one `isTaken` (a database lookup) says is free. */
export async function firstFreeSlugOf(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = slugCandidate(base, n);
    if (!(await isTaken(candidate))) return candidate;
  }
}
