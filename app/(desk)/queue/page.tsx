import type { Metadata } from "next";
import Link from "next/link";
import { Keyboard, Plus, Search } from "lucide-react";
import { ButtonLink, buttonClass } from "@/app/_components/button";
import type { ClaimRow } from "@/app/_components/claim-table";
import { EmptyState } from "@/app/_components/empty-state";
import { inputClass } from "@/app/_components/field";
import { PageHeader } from "@/app/_components/page-header";
import { ageLabel, formatDateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { CLAIM_STATE_LABEL, CLAIM_STATES, VERDICT_LABEL, VERDICTS, type ClaimState } from "@/lib/core/vocabulary";
import { hasRole } from "@/lib/core/actor";
import { listArticleTitles } from "@/lib/articles/articles";
import { articleTitles } from "@/lib/articles/facts";
import { requirePageActor } from "@/lib/auth/guards";
import { listEditors, listUsers } from "@/lib/users/users";
import { parseQueueQuery, type QueueQuery } from "@/lib/validations/claims";
import { countClaimsByState, listClaimRows, reviewersOfRows } from "@/lib/workflow";
import { queueListArgs } from "@/lib/export/queue-list";
import { claimDeadline, loadDeadlineSettings } from "@/lib/deadlines";
import { BulkQueue } from "./bulk-queue";
import { ExportLink } from "./export-link";
import { SaveViewForm } from "./save-view-form";

export const metadata: Metadata = { title: "Queue" };


type SearchParams = Record<string, string | string[] | undefined>;

/** The URL for the queue with `changes` applied to the current query; undefined removes a param. */
function queueHref(query: QueueQuery, changes: Partial<Record<keyof QueueQuery, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, ...changes };
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/queue?${search}` : "/queue";
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const db = getDb();
  const isEditor = hasRole(actor, "editor");

  const parsed = parseQueueQuery(await searchParams);
  const query: QueueQuery = parsed.ok ? parsed.value : {};
  const { assigned, actionable } = query;
  // The one mapping of assigned=me / actionable=1 shared with the CSV export and GET /api/v1/claims.
  const { filters, page: pageInput, viewer } = queueListArgs(actor, query, { scope: "queue" });

  const counts = await countClaimsByState(db, filters, viewer);
  const page = await listClaimRows(db, filters, pageInput, viewer);
  const reviewers = page.ok ? await reviewersOfRows(db, page.value.data) : new Map<number, { name: string }>();
  // Deadlines judged once, on the server, by one clock: the badges and the overdue filter agree.
  const deadlineSettings = await loadDeadlineSettings(db);
  const now = new Date();

  // The article filter offers the newest 100, plus the one being filtered on when it is older.
  const articles: { id: number; title: string }[] = await listArticleTitles(db, 100);
  const titles = new Map(articles.map((article) => [article.id, article.title]));
  // Older articles (the one filtered on, those of the rows shown) are looked up together, titles only.
  const older = [query.articleId, ...(page.ok ? page.value.data.map((claim) => claim.articleId) : [])].filter(
    (id): id is number => id != null && !titles.has(id),
  );
  for (const [id, title] of await articleTitles(db, [...new Set(older)])) titles.set(id, title);
  if (query.articleId != null && titles.has(query.articleId) && !articles.some((article) => article.id === query.articleId)) {
    articles.push({ id: query.articleId, title: titles.get(query.articleId)! });
  }
  const editors = isEditor ? await listEditors(db) : [];
  const people = isEditor ? await listUsers(db) : [];

  // The view as a query string without "?" (paging left out): what the CSV export, a saved view and the claim page's view navigation keep.
  const search = queueHref({ ...query, cursor: undefined }, {}).replace(/^\/queue\??/, "");
  const rows: ClaimRow[] = page.ok
    ? page.value.data.map((claim) => {
        // Time in the current state: since its latest sign-off, kept on the row (claims.entered_state_at).
        const since = claim.enteredStateAt ?? claim.createdAt;
        return {
          id: claim.id,
          text: claim.text,
          state: claim.state,
          verdict: claim.verdict,
          version: claim.version,
          articleId: claim.articleId,
          articleTitle: claim.articleId != null ? (titles.get(claim.articleId) ?? `Article #${claim.articleId}`) : null,
          submitterName: claim.submitterName,
          assigneeName: claim.assigneeName,
          reviewerName: reviewers.get(claim.id)?.name ?? null,
          createdAt: claim.createdAt,
          age: ageLabel(claim.createdAt),
          ageTitle: `Submitted ${formatDateTime(claim.createdAt)}`,
          stateSince: since,
          inState: ageLabel(since),
          inStateTitle: `${CLAIM_STATE_LABEL[claim.state]} since ${formatDateTime(since)}`,
          dueAt: claim.dueAt,
          deadline: claimDeadline(claim, deadlineSettings, now),
          href: `/claims/${claim.id}?view=${encodeURIComponent(search)}`,
        };
      })
    : [];
  const nextCursor = page.ok ? page.value.nextCursor : null;
  const prevCursor = page.ok ? page.value.prevCursor : null;
  const deadline = query.deadline ?? (query.overdue ? "overdue" : undefined);
  const filtered = Boolean(query.q || query.articleId || query.assigneeId || query.verdict || (isEditor && query.submitterId) || assigned || actionable || deadline);
  const title = isEditor ? "Queue" : "My claims";
  const order = query.sort === "newest" ? "newest first" : query.sort === "due" ? "soonest due first" : "oldest first";

  const tabs: { state?: ClaimState; label: string; count: number; atLeast: boolean }[] = [
    { label: "All", count: counts.total, atLeast: Boolean(counts.atLeast?.total) },
    ...CLAIM_STATES.map((state) => ({ state, label: CLAIM_STATE_LABEL[state], count: counts[state], atLeast: Boolean(counts.atLeast?.[state]) })),
  ];

  return (
    <>
      <PageHeader
        title={title}
        description={
          isEditor
            ? `Every claim on the desk, ${order}: review drafts, verify reviewed claims.`
            : "The claims you submitted and where each one stands."
        }
        actions={
          // The header keeps its actions unshrunk: on a phone they wrap within the screen instead of widening the page.
          <div className="flex max-w-[calc(100vw-2rem)] flex-wrap items-center gap-2 sm:max-w-none">
            <ExportLink search={search} />
            <SaveViewForm search={search} />
            <ButtonLink href="/claims/new">
              <Plus aria-hidden className="size-4" />
              New claim
            </ButtonLink>
          </div>
        }
      />

      <nav aria-label="Claim states" className="mb-4">
        <ul className="inline-flex flex-wrap gap-1 rounded-lg bg-slate-200/70 p-1">
          {tabs.map((tab) => {
            const current = query.state === tab.state;
            return (
              <li key={tab.label}>
                <Link
                  href={queueHref(query, { state: tab.state, cursor: undefined })}
                  aria-current={current ? "page" : undefined}
                  className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ${
                    current ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:bg-white/60"
                  }`}
                >
                  {tab.label}
                  <span className={`rounded-full px-1.5 text-xs tabular-nums ${current ? "bg-slate-900 text-white" : "bg-slate-300/80 text-slate-800"}`}>
                    {tab.count}{tab.atLeast && "+"}
                    <span className="sr-only"> {tab.atLeast ? "or more claims" : tab.count === 1 ? "claim" : "claims"}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {/* Keyed by the view: its fields take their values once, so moving between views in the app must remount it. */}
      <form key={search} method="get" action="/queue" role="search" aria-label="Filter claims" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
        {query.state && <input type="hidden" name="state" value={query.state} />}
        {query.limit && <input type="hidden" name="limit" value={query.limit} />}
        <div className="min-w-56 flex-[2]">
          <label htmlFor="queue-q" className="mb-1 block text-xs font-medium text-slate-700">Search claims</label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-slate-500" />
            <input id="queue-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Words in the claim text" className={`${inputClass} pl-8`} />
          </div>
        </div>
        <FilterSelect id="queue-article" name="articleId" label="Article" value={query.articleId} emptyLabel="All articles"
          options={articles.map((article) => ({ value: String(article.id), label: article.title }))} />
        {isEditor && (
          <FilterSelect id="queue-assignee" name="assigneeId" label="Assignee" value={query.assigneeId} emptyLabel="Anyone"
            options={[{ value: "none", label: "Unassigned" }, ...editors.map((user) => ({ value: String(user.id), label: user.name }))]} />
        )}
        {isEditor && (
          <FilterSelect id="queue-submitter" name="submitterId" label="Submitter" value={query.submitterId} emptyLabel="Anyone"
            options={people.map((user) => ({ value: String(user.id), label: user.name }))} />
        )}
        <FilterSelect id="queue-verdict" name="verdict" label="Verdict" value={query.verdict} emptyLabel="Any verdict"
          options={VERDICTS.map((verdict) => ({ value: verdict, label: VERDICT_LABEL[verdict] }))} />
        <FilterSelect id="queue-deadline" name="deadline" label="Deadline" value={deadline} emptyLabel="Any"
          options={[{ value: "overdue", label: "Overdue" }, { value: "due_soon", label: "Due soon" }]} />
        <FilterSelect id="queue-sort" name="sort" label="Order" value={query.sort} emptyLabel="Oldest first"
          options={[{ value: "newest", label: "Newest first" }, { value: "due", label: "Due soonest first" }]} />
        {isEditor && (
          <fieldset className="flex flex-col gap-1.5 pb-1">
            <legend className="sr-only">Only claims for me</legend>
            <label className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="assigned" value="me" defaultChecked={assigned === "me"} className="size-4 rounded border-slate-400" />
              Assigned to me
            </label>
            <label className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="actionable" value="1" defaultChecked={Boolean(actionable)} className="size-4 rounded border-slate-400" />
              I can act on
            </label>
          </fieldset>
        )}
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>Apply filters</button>
          {(filtered || query.sort) && (
            <Link href={queueHref({}, { state: query.state })} className={buttonClass("ghost")}>Clear</Link>
          )}
        </div>
      </form>

      {!parsed.ok && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          Some filters in the address were not understood and were ignored.
        </p>
      )}
      {!page.ok && (
        <div role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          {page.error.message}.{" "}
          <Link href={queueHref(query, { cursor: undefined })} className="font-semibold underline">Go to the first page</Link>
        </div>
      )}

      {rows.length > 0 ? (
        <>
          <BulkQueue
            rows={rows}
            caption={`${title}${query.state ? `: ${CLAIM_STATE_LABEL[query.state]}` : ""}`}
            showSubmitter={isEditor}
            isEditor={isEditor}
            editors={editors.map((user) => ({ id: user.id, name: user.name }))}
          />
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
            <p className="inline-flex items-center gap-1.5">
              <Keyboard aria-hidden className="size-4" />
              <span>
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">j</kbd> /{" "}
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">k</kbd> to move,{" "}
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">Enter</kbd> to open,{" "}
                <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">x</kbd> to select (Shift-click a box for a range)
              </span>
            </p>
            <nav aria-label="Pages" className="flex gap-2">
              {prevCursor && <Link href={queueHref(query, { cursor: undefined })} className={buttonClass("secondary")}>First page</Link>}
              {prevCursor && <Link href={queueHref(query, { cursor: prevCursor })} className={buttonClass("secondary")}>Previous page</Link>}
              {nextCursor && <Link href={queueHref(query, { cursor: nextCursor })} className={buttonClass("secondary")}>Next page</Link>}
            </nav>
          </div>
        </>
      ) : page.ok ? (
        <EmptyState title={filtered ? "No claims match these filters" : query.state ? `No ${CLAIM_STATE_LABEL[query.state].toLowerCase()} claims` : isEditor ? "No claims on the desk yet" : "You have not submitted any claims yet"}>
          {filtered ? (
            <Link href={queueHref({}, { state: query.state })} className="font-semibold text-blue-700 underline">Clear the filters</Link>
          ) : (
            <>
              Open an article and turn a sentence into a claim, or{" "}
              <Link href="/claims/new" className="font-semibold text-blue-700 underline">submit one by hand</Link>.
            </>
          )}
        </EmptyState>
      ) : null}
    </>
  );
}

function FilterSelect({ id, name, label, value, emptyLabel, options }: {
  id: string;
  name: string;
  label: string;
  value: string | number | undefined;
  emptyLabel: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="min-w-36 flex-1">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">{label}</label>
      <select id={id} name={name} defaultValue={value === undefined ? "" : String(value)} className={inputClass}>
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}
