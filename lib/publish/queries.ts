import { and, asc, desc, eq, isNull, lt, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { decodeCursor, encodeCursor, staleCursor } from "@/lib/core/cursor";
import type { Publication } from "@/db/schema";
import { engineOf, firstRow, tablesOf } from "@/db/tables";
import { citationsFirstSignedOfClaims, claimsReopenedSince, getClaimArticleId } from "@/lib/workflow";
import { type Verdict } from "@/lib/core/vocabulary";
import { ok, type Result } from "@/lib/core/result";
import { SLUG_PATTERN, SUMMARY_PAGE_SIZE, summaryListQuerySchema } from "@/lib/validations/publish";
import { parseInput } from "@/lib/core/parse";
import { type DbExecutor } from "@/db/client";
import { diffVersions } from "./changes";
import { currentPublication } from "./current-publication";
import { publicUrl } from "./config";
import { publicSummaryView } from "./public-view";
import { parseSnapshot, verifiedClaimsOf } from "./snapshot";
import type {
  CorrectionEntry,
  PublicClaim,
  PublicSummary,
  PublicSummaryListItem,
  SnapshotClaim,
  SummarySnapshot,
  VersionRef,
} from "./types";

/**
 * Claims of a published snapshot that have gone back into the workflow since: returned to draft (a
 * new round), whatever state they are in now. Computed from live claim rows on every call, so the
 * public page can never claim a verdict still stands after an editor has reopened it.
 */
export async function claimsUnderReReview(db: DbExecutor, snapshotClaims: ReadonlyArray<Pick<SnapshotClaim, "id" | "round">>): Promise<Set<number>> {
  return await claimsReopenedSince(db, snapshotClaims);
}

interface LoadedVersion {
  publication: Publication;
  snapshot: SummarySnapshot;
  publishedBy: string;
}

async function loadVersions(db: DbExecutor, summaryId: number): Promise<LoadedVersion[]> {
  const { publications, users } = tablesOf(db);
  const rows = await db
    .select({ publication: publications, publishedBy: users.name })
    .from(publications)
    .innerJoin(users, eq(users.id, publications.publishedById))
    .where(eq(publications.summaryId, summaryId))
    .orderBy(asc(publications.version));
  const versions = rows.map((row) => ({ publication: row.publication, publishedBy: row.publishedBy, snapshot: parseSnapshot(row.publication.snapshot) }));
  return withoutUnsignedCitations(db, versions);
}

/**
 * Versions published before sources needed a sign-off (see signed-citations.ts) may carry citations
 * that no sign-off rested on when they went out; those are left out when the version is shown.
 */
async function withoutUnsignedCitations(db: DbExecutor, versions: LoadedVersion[]): Promise<LoadedVersion[]> {
  const claimIds = [...new Set(versions.flatMap((v) => v.snapshot.claims.map((c) => c.id)))];
  if (claimIds.length === 0) return versions;
  const firstSignedAt = await citationsFirstSignedOfClaims(db, claimIds);
  const signedBy = (citationId: number, publishedAt: string) => {
    const at = firstSignedAt.get(citationId);
    return at != null && at <= publishedAt;
  };
  return versions.map((v) => ({
    ...v,
    snapshot: {
      ...v.snapshot,
      claims: v.snapshot.claims.map((claim) => {
        const signed = (c: { id: number }) => signedBy(c.id, v.publication.publishedAt);
        // The appearance was copied from the origin citation: an unsigned origin takes it along.
        const origin = claim.citations.find((c) => c.kind === "origin");
        return {
          ...claim,
          appearance: origin && !signed(origin) ? null : claim.appearance,
          citations: claim.citations.filter(signed),
        };
      }),
    },
  }));
}

function contentOf(v: LoadedVersion) {
  return { title: v.publication.title, introduction: v.publication.introduction, snapshot: v.snapshot };
}

/** The corrections log: every version after the first, with the editor's note and the computed changes. Newest first. */
export function correctionsLog(versions: readonly LoadedVersion[]): CorrectionEntry[] {
  const log: CorrectionEntry[] = [];
  for (let i = 1; i < versions.length; i += 1) {
    log.push({
      version: versions[i].publication.version,
      publishedAt: versions[i].publication.publishedAt,
      note: versions[i].publication.correctionNote ?? "",
      changes: diffVersions(contentOf(versions[i - 1]), contentOf(versions[i])),
    });
  }
  return log.reverse();
}

/** When the claim's present verdict was first published: walks back while the verdict stayed the same. */
function verdictPublishedAt(versions: readonly LoadedVersion[], upTo: number, claim: SnapshotClaim): string {
  let since = versions[upTo].publication.publishedAt;
  for (let i = upTo; i >= 0; i -= 1) {
    const same = versions[i].snapshot.claims.find((c) => c.id === claim.id);
    if (!same || same.verdict !== claim.verdict) break;
    since = versions[i].publication.publishedAt;
  }
  return since;
}

/**
 * A summary as the public sees it: the current version, or an earlier one by number. Null when the
 * slug or version does not exist. `claims[].underReReview` is live state, set on the current version only.
 */
export async function getPublicSummary(db: DbExecutor, slug: string, version?: number): Promise<PublicSummary | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const { summaries } = tablesOf(db);
  const summary = await firstRow(db.select().from(summaries).where(eq(summaries.slug, slug)));
  if (!summary) return null;
  const wanted = version ?? summary.currentVersion;
  if (!Number.isSafeInteger(wanted) || wanted < 1 || wanted > summary.currentVersion) return null;
  const versions = await loadVersions(db, summary.id);
  const index = versions.findIndex((v) => v.publication.version === wanted);
  if (index < 0) return null;
  const shown = versions[index];
  const isCurrent = wanted === summary.currentVersion;
  const reReview = isCurrent ? await claimsUnderReReview(db, shown.snapshot.claims) : new Set<number>();

  const claimsView: PublicClaim[] = shown.snapshot.claims.map((claim) => ({
    ...claim,
    underReReview: reReview.has(claim.id),
    firstPublishedAt: verdictPublishedAt(versions, index, claim),
  }));
  const versionRefs: VersionRef[] = versions.map((v) => ({
    version: v.publication.version,
    publishedAt: v.publication.publishedAt,
    title: v.publication.title,
  }));
  // Every public output reads summaries here: the leak filter applies once, for all of them.
  return publicSummaryView({
    slug: summary.slug,
    articleId: summary.articleId,
    version: wanted,
    currentVersion: summary.currentVersion,
    isCurrent,
    title: shown.publication.title,
    introduction: shown.publication.introduction,
    correctionNote: shown.publication.correctionNote,
    publishedAt: shown.publication.publishedAt,
    publishedBy: shown.publishedBy,
    firstPublishedAt: versions[0].publication.publishedAt,
    article: shown.snapshot.article,
    claims: claimsView,
    withdrawn: summary.withdrawnAt ? { at: summary.withdrawnAt, reason: summary.withdrawnReason ?? "" } : null,
    corrections: correctionsLog(versions),
    versions: versionRefs,
    reinstated: shown.snapshot.reinstated ?? null,
  }, publicUrl());
}

const SUMMARY_ORDER = "newest";
const SUMMARY_POSITION = ["string", "id"] as const; // createdAt, id

export interface PublicSummaryPage {
  data: PublicSummaryListItem[];
  nextCursor: string | null;
}

/**
 * Published summaries, newest first (by first publication; a correction does not move a summary up).
 * `verdict` keeps summaries whose current version has a claim with that verdict; withdrawn ones are
 * then left out. Input is the raw query (strings), validated here.
 */
export async function listPublicSummaries(db: DbExecutor, query: unknown = {}): Promise<Result<PublicSummaryPage>> {
  const parsed = parseInput(summaryListQuerySchema, query);
  if (!parsed.ok) return parsed;
  const { verdict, cursor: rawCursor, limit = SUMMARY_PAGE_SIZE } = parsed.value;
  const { publications, summaries } = tablesOf(db);

  const conditions: SQL[] = [];
  if (verdict) {
    conditions.push(isNull(summaries.withdrawnAt));
    conditions.push(hasClaimWithVerdict(db, publications.snapshot, verdict));
  }
  if (rawCursor) {
    const cursor = decodeCursor(rawCursor, SUMMARY_ORDER, SUMMARY_POSITION);
    if (!cursor) return staleCursor();
    const [createdAt, id] = cursor.position;
    conditions.push(or(lt(summaries.createdAt, createdAt), and(eq(summaries.createdAt, createdAt), lt(summaries.id, id)))!);
  }
  const firstPublishedAt = sql<string>`(SELECT min(p1.published_at) FROM publications p1 WHERE p1.summary_id = ${summaries.id})`;
  const rows = await db
    .select({ summary: summaries, publication: publications, firstPublishedAt })
    .from(summaries)
    .innerJoin(publications, currentPublication(db))
    .where(and(...conditions))
    .orderBy(desc(summaries.createdAt), desc(summaries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const data = page.map(({ summary, publication, firstPublishedAt: first }) => {
    const snapshot = parseSnapshot(publication.snapshot);
    const verdicts: Partial<Record<Verdict, number>> = {};
    for (const claim of snapshot.claims) verdicts[claim.verdict] = (verdicts[claim.verdict] ?? 0) + 1;
    return {
      slug: summary.slug,
      title: publication.title,
      introduction: publication.introduction,
      version: publication.version,
      firstPublishedAt: first,
      updatedAt: publication.publishedAt,
      claimCount: snapshot.claims.length,
      verdicts,
      withdrawn: summary.withdrawnAt != null,
    };
  });
  const last = page.at(-1);
  return ok({
    data,
    nextCursor: rows.length > limit && last ? encodeCursor({ order: SUMMARY_ORDER, position: [last.summary.createdAt, last.summary.id], before: false }) : null,
  });
}

/** The snapshot (JSON text) names a claim with this verdict: json_each on SQLite, jsonb on PostgreSQL. */
function hasClaimWithVerdict(db: DbExecutor, snapshot: SQLWrapper, verdict: Verdict): SQL {
  return engineOf(db) === "postgres"
    ? sql`EXISTS (SELECT 1 FROM jsonb_array_elements((${snapshot})::jsonb -> 'claims') AS c WHERE c ->> 'verdict' = ${verdict})`
    : sql`EXISTS (SELECT 1 FROM json_each(${snapshot}, '$.claims') AS c WHERE json_extract(c.value, '$.verdict') = ${verdict})`;
}

/** The current version of recent summaries with their snapshots, for the feed. */
export async function recentPublicSummaries(db: DbExecutor, limit = 50): Promise<PublicSummary[]> {
  const { summaries } = tablesOf(db);
  const slugs = await db.select({ slug: summaries.slug }).from(summaries).orderBy(desc(summaries.updatedAt), desc(summaries.id)).limit(limit);
  const found: PublicSummary[] = [];
  // One at a time: on SQLite the reads are synchronous anyway, and on PostgreSQL they need not take the pool.
  for (const { slug } of slugs) {
    const summary = await getPublicSummary(db, slug);
    if (summary) found.push(summary);
  }
  return found;
}

/** What the editor's publish page needs: the article, its verified claims now, and the published summary if any. */
export interface EditorSummaryState {
  article: { id: number; title: string; publisher: string | null; sourceUrl: string | null };
  verifiedClaims: SnapshotClaim[];
  published: PublicSummary | null;
}

export async function getEditorSummaryState(db: DbExecutor, articleId: number): Promise<EditorSummaryState | null> {
  if (!Number.isSafeInteger(articleId) || articleId < 1) return null;
  const { articles, summaries } = tablesOf(db);
  const article = await firstRow(
    db
      .select({ id: articles.id, title: articles.title, publisher: articles.publisher, sourceUrl: articles.sourceUrl })
      .from(articles)
      .where(eq(articles.id, articleId)),
  );
  if (!article) return null;
  const summary = await firstRow(db.select({ slug: summaries.slug }).from(summaries).where(eq(summaries.articleId, articleId)));
  return {
    article,
    verifiedClaims: await verifiedClaimsOf(db, articleId),
    published: summary ? await getPublicSummary(db, summary.slug) : null,
  };
}

/** Slugs of the summaries that may show a claim (summaries are per article), for cache revalidation. */
export async function summarySlugsForClaim(db: DbExecutor, claimId: number): Promise<string[]> {
  if (!Number.isSafeInteger(claimId) || claimId < 1) return [];
  const articleId = await getClaimArticleId(db, claimId);
  if (articleId == null) return [];
  const { summaries } = tablesOf(db);
  const rows = await db.select({ slug: summaries.slug }).from(summaries).where(eq(summaries.articleId, articleId));
  return rows.map((row) => row.slug);
}
