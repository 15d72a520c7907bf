import { redirect } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { ButtonLink } from "@/app/_components/button";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { Card, PageHeader } from "@/app/_components/page-header";
import { RelativeTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { listArticles } from "@/lib/articles/articles";
import { claimCountsByArticle, type ClaimCounts as Counts } from "@/lib/articles/claim-counts";
import { requirePageActor } from "@/lib/auth/guards";
import { summaryStateLabel, summaryStatesOf, type SummaryState } from "@/lib/publish/summary-state";
import { canPublishSummary } from "@/lib/workflow/rules";
import { formatPublished } from "./format";

export const metadata: Metadata = { title: "Articles" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("reporter");
  const mayPublish = canPublishSummary(actor).allowed;
  const params = await searchParams;
  const cursor = Array.isArray(params.cursor) ? params.cursor[0] : params.cursor;
  const db = getDb();
  const listed = await listArticles(db, { cursor, limit: 50 });
  // A page link that is no longer valid starts again from the newest.
  if (!listed.ok) redirect("/articles");
  const page = listed.value;
  const counts = await claimCountsByArticle(db, page.data.map((article) => article.id));
  const summaryStates = await summaryStatesOf(db, page.data.map((article) => article.id));

  return (
    <>
      <PageHeader
        title="Articles"
        description="The reporting under check. Open an article to see its check-worthy sentences and turn them into claims."
        actions={
          <ButtonLink href="/articles/new">
            <Plus aria-hidden className="size-4" />
            Add article
          </ButtonLink>
        }
      />
      {page.data.length === 0 ? (
        <EmptyState title={cursor ? "No older articles" : "No articles yet"}>
          {cursor ? (
            <Link href="/articles" className="font-medium text-blue-700 underline">
              Back to the newest
            </Link>
          ) : (
            <>
              Paste an article or upload a file to start.{" "}
              <Link href="/articles/new" className="font-medium text-blue-700 underline">
                Add article
              </Link>
            </>
          )}
        </EmptyState>
      ) : (
        <Card flush>
          <DataTable
            caption="Articles on the desk, newest first"
            rows={page.data}
            rowKey={(article) => article.id}
            rowProps={() => ({ className: "align-top hover:bg-slate-50" })}
            columns={[
              {
                header: "Title",
                cellClassName: "max-w-xl font-normal",
                cell: (article) => (
                  <>
                    <Link href={`/articles/${article.id}`} className="font-semibold text-slate-900 hover:text-blue-700 hover:underline">
                      {article.title}
                    </Link>
                    <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{article.excerpt}</p>
                  </>
                ),
              },
              { header: "Publisher", cellClassName: "text-slate-700", cell: (article) => article.publisher ?? <span className="text-slate-500">—</span> },
              {
                header: "Published",
                className: "whitespace-nowrap",
                cellClassName: "text-slate-700",
                cell: (article) =>
                  article.publishedAt ? <time dateTime={article.publishedAt}>{formatPublished(article.publishedAt)}</time> : <span className="text-slate-500">—</span>,
              },
              { header: "Claims", cellClassName: "whitespace-nowrap", cell: (article) => <ClaimCounts articleId={article.id} count={counts.get(article.id)} /> },
              { header: "Summary", cellClassName: "min-w-40", cell: (article) => <SummaryCell articleId={article.id} state={summaryStates.get(article.id)} mayPublish={mayPublish} /> },
              { header: "Added", className: "whitespace-nowrap", cellClassName: "text-slate-600", cell: (article) => <RelativeTime iso={article.createdAt} /> },
            ]}
          />
        </Card>
      )}
      {page.nextCursor && (
        <div className="mt-4 flex justify-end">
          <ButtonLink href={`/articles?cursor=${page.nextCursor}`} variant="secondary">
            Older articles
          </ButtonLink>
        </div>
      )}
    </>
  );
}

function ClaimCounts({ articleId, count }: { articleId: number; count?: Counts }) {
  if (!count || count.total === 0) return <span className="text-slate-500">None yet</span>;
  return (
    <Link href={`/articles/${articleId}#claims`} className="text-slate-800 hover:underline">
      <span className="font-semibold">{count.total}</span>
      <span className="text-slate-600">
        {" "}
        ({[count.draft && `${count.draft} draft`, count.reviewed && `${count.reviewed} reviewed`, count.verified && `${count.verified} verified`].filter(Boolean).join(", ")})
      </span>
    </Link>
  );
}

/** Where the article's public summary stands; a summary that needs republishing says why, in amber. */
function SummaryCell({ articleId, state, mayPublish }: { articleId: number; state?: SummaryState; mayPublish: boolean }) {
  if (!state) return <span className="text-slate-500">—</span>;
  const label = summaryStateLabel(state);
  const tone = state.kind === "stale" ? "font-medium text-amber-900" : state.kind === "withdrawn" ? "text-red-800" : state.kind === "published" ? "text-slate-800" : "text-slate-600";
  // Editors go to the publish page; others to the public page, when there is one.
  const href = mayPublish ? (state.kind === "unpublished" && state.verified === 0 ? null : `/articles/${articleId}/publish`) : state.slug ? `/summaries/${state.slug}` : null;
  if (!href) return <span className={tone}>{label}</span>;
  return (
    <Link href={href} className={`${tone} hover:underline`}>
      {label}
    </Link>
  );
}
