import type { Metadata } from "next";
import { toId } from "@/lib/core/ids";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertTriangle, CornerDownLeft, ExternalLink } from "lucide-react";
import { Badge, StateBadge, VerdictBadge } from "@/app/_components/badge";
import { CITATION_KIND_LABEL } from "@/lib/core/vocabulary";
import { verdictContrastFix } from "@/app/_components/contrast-fix";
import { Card } from "@/app/_components/page-header";
import { DateTime, RelativeTime } from "@/app/_components/relative-time";
import { Timeline } from "@/app/_components/timeline";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listEditors } from "@/lib/users/users";
import { ClaimLiveBanner } from "@/app/_components/live/claim-live-banner";
import { conflictsOfClaim, type ClaimConflict } from "@/lib/mywork/conflicts";
import { allowedActions, enteredStateAt, getClaimDetail, latestReturn, roundSignoffs, signedCitationIds, type CitationView } from "@/lib/workflow";
import { claimDeadline, loadDeadlineSettings } from "@/lib/deadlines";
import { canChangeDueDate } from "@/lib/workflow/rules";
import { DeadlineBadge, LocalDateTime } from "@/app/_components/due-date";
import { ClaimActions } from "./claim-actions";
import { CommentsPanel } from "./comments-panel";
import { DueDateCard } from "./due-form";
import { FollowButton } from "./follow-button";
import { MatchesPanel } from "./matches-panel";
import { PublishOffer } from "./publish-offer";
import { SubmittedNotice } from "./submitted-notice";
import { ViewNav } from "./view-nav";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = toId((await params).id);
  return { title: id ? `Claim #${id}` : "Claim" };
}

const KIND_TONE: Record<CitationView["kind"], string> = {
  origin: "bg-slate-800 text-white ring-slate-800",
  supports: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  refutes: "bg-red-50 text-red-900 ring-red-300",
  context: "bg-slate-100 text-slate-700 ring-slate-300",
};

function CitationCard({ citation, signed }: { citation: CitationView; signed: boolean }) {
  return (
    <li id={`citation-${citation.id}`} className="scroll-mt-24 rounded-md p-3 ring-1 ring-inset ring-slate-200 target:ring-2 target:ring-blue-600">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {citation.url ? (
              <a href={citation.url} className="inline-flex items-center gap-1 text-blue-800 hover:underline" rel="noreferrer noopener" target="_blank">
                {citation.title}
                <ExternalLink aria-hidden className="size-3.5" />
                <span className="sr-only">(opens in a new tab)</span>
              </a>
            ) : (
              citation.title
            )}
          </p>
          <p className="text-xs text-slate-600">
            {[citation.publisher, citation.documentRef].filter(Boolean).join(" · ") || "No publisher given"} · accessed{" "}
            <time dateTime={citation.accessedAt}>{citation.accessedAt.slice(0, 10)}</time>
          </p>
        </div>
        <span className="flex flex-wrap items-center gap-1.5">
          {!signed && <Badge tone="amber">Awaiting sign-off</Badge>}
          <span
            className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold capitalize ring-1 ring-inset ${KIND_TONE[citation.kind]}`}
            title={CITATION_KIND_LABEL[citation.kind]}
          >
            {citation.kind}
          </span>
        </span>
      </div>
      {!signed && (
        <p className="mt-1.5 text-xs text-amber-900">
          No sign-off rests on this source yet, so public pages leave it out. Name it in the next review, verification or return.
        </p>
      )}
      <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 font-serif text-sm text-slate-800">“{citation.quote}”</blockquote>
      {citation.articleId != null && (
        <p className="mt-1.5 text-xs text-slate-600">
          <Link href={`/articles/${citation.articleId}`} className="text-blue-800 underline">Article #{citation.articleId}</Link>
          {citation.quoteStart != null && citation.quoteEnd != null && <>, characters {citation.quoteStart}–{citation.quoteEnd}</>}
        </p>
      )}
    </li>
  );
}

const CONFLICT_KIND_LABEL: Record<ClaimConflict["kind"], string> = {
  age: "age",
  year: "year",
  date: "date",
  number: "number",
  action: "kind of clemency",
};

function Person({ label, name, at, empty }: { label: string; name: string | null; at?: string | null; empty: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">
        {name ?? <span className="text-slate-600">{empty}</span>}
        {name && at && (
          <span className="text-xs text-slate-600">
            {" "}
            · <RelativeTime iso={at} />
          </span>
        )}
      </dd>
    </div>
  );
}

function ConflictList({ conflicts }: { conflicts: ClaimConflict[] }) {
  return (
    <section aria-labelledby="conflicts-heading" className="mb-4 rounded-lg bg-red-50 px-4 py-3 ring-1 ring-inset ring-red-200">
      <h2 id="conflicts-heading" className="flex items-center gap-2 text-sm font-semibold text-red-900">
        <AlertTriangle aria-hidden className="size-4" />
        Other articles on the desk disagree ({conflicts.length})
      </h2>
      <ul className="mt-1.5 space-y-1.5 text-sm text-red-950">
        {conflicts.map((conflict) => (
          <li key={`${conflict.otherArticleId}:${conflict.kind}:${conflict.values.join("/")}`}>
            On the {CONFLICT_KIND_LABEL[conflict.kind]}: <strong>{conflict.values[0]}</strong> here, <strong>{conflict.values[1]}</strong> in{" "}
            <Link href={`/articles/${conflict.otherArticleId}#s-${conflict.otherStart}`} className="font-semibold underline">
              {conflict.otherArticleTitle}
            </Link>
            <span className="block text-xs text-red-900/80">
              <q className="italic">{conflict.otherText}</q>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function ClaimPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const id = toId((await params).id);
  const db = getDb();
  const claim = id ? await getClaimDetail(db, id) : null;
  if (!claim) notFound();
  const query = await searchParams;
  const justSubmitted = query.submitted === "1";
  // The queue view the person came from (`?view=<its query>`), for the previous/next links.
  const view = typeof query.view === "string" ? query.view : null;

  const permissions = allowedActions(claim, actor);
  const signed = signedCitationIds(claim.signoffs);
  const editors = permissions.assign.allowed ? (await listEditors(db)).map((user) => ({ id: user.id, name: user.name })) : [];
  const round = roundSignoffs(claim.signoffs, claim.round);
  const lastReturn = latestReturn(claim.signoffs);
  const since = enteredStateAt(claim.signoffs) ?? claim.createdAt;
  const conflicts = await conflictsOfClaim(db, claim);
  // What the claim's forms need of it (they send its version back).
  const summary = {
    id: claim.id,
    text: claim.text,
    state: claim.state,
    version: claim.version,
    assigneeId: claim.assigneeId,
    citations: claim.citations.map((citation) => ({ id: citation.id, title: citation.title, kind: citation.kind })),
  };
  const deadlineSettings = await loadDeadlineSettings(db);
  const deadline = claimDeadline(claim, deadlineSettings, new Date());
  const dueRule = canChangeDueDate(claim, actor);
  const target = claim.state === "verified" ? null : deadlineSettings.targets[claim.state];
  const targetNote =
    claim.state === "verified"
      ? "Verified: deadlines no longer apply."
      : claim.dueAt
        ? null
        : target != null
          ? `Without a due date, the desk's target applies: ${target} h in ${claim.state === "draft" ? "draft" : "reviewed"}.`
          : "No due date, and the desk has no target for this state.";
  return (
    <div className={verdictContrastFix}>
      <ClaimLiveBanner claimId={claim.id} version={claim.version} />
      <PublishOffer claimId={claim.id} />
      <div className="mb-4 border-b border-slate-200 pb-4">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
            <Link href="/queue" className="hover:underline">Queue</Link> <span aria-hidden>/</span> <span>#{claim.id}</span>
          </nav>
          <ViewNav claimId={claim.id} view={view} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Claim #{claim.id}</h1>
          <StateBadge state={claim.state} />
          {claim.verdict && <VerdictBadge verdict={claim.verdict} />}
          <DeadlineBadge deadline={deadline} />
          <Badge>Version {claim.version}</Badge>
          <span className="ml-auto flex items-center gap-3">
            <a href="#actions-heading" className="text-sm font-semibold text-blue-700 underline lg:hidden">
              Jump to actions
            </a>
            <FollowButton claimId={claim.id} />
          </span>
        </div>
        <dl aria-label="People on this claim" className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-5">
          <Person label="Submitted by" name={claim.submitterName} at={round.submit?.createdAt ?? claim.createdAt} empty="Unknown" />
          <Person label={`Reviewed (round ${claim.round})`} name={round.review?.userName ?? null} at={round.review?.createdAt} empty="Not yet reviewed" />
          <Person label="Assigned to" name={claim.assigneeName} empty="Unassigned" />
          <div className="min-w-0">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">In this state</dt>
            <dd className="mt-0.5 text-sm text-slate-900">
              for <RelativeTime iso={since} />
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Due</dt>
            <dd className="mt-0.5 text-sm text-slate-900">
              {claim.dueAt ? <LocalDateTime iso={claim.dueAt} /> : <span className="text-slate-600">No due date</span>}
            </dd>
          </div>
        </dl>
      </div>

      {lastReturn && (
        <section aria-labelledby="return-heading" className="mb-4 rounded-lg bg-amber-50 px-4 py-3 ring-1 ring-inset ring-amber-200" data-testid="return-reason">
          <h2 id="return-heading" className="flex flex-wrap items-center gap-x-2 text-sm font-semibold text-amber-950">
            <CornerDownLeft aria-hidden className="size-4" />
            Returned by {lastReturn.userName}
            <span className="font-normal text-amber-900">
              · ending round {lastReturn.round - 1} · <DateTime iso={lastReturn.createdAt} />
            </span>
          </h2>
          <p className="mt-1 whitespace-pre-line text-sm text-amber-950">{lastReturn.note}</p>
        </section>
      )}

      {conflicts.length > 0 && <ConflictList conflicts={conflicts} />}

      {justSubmitted && <SubmittedNotice />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="sr-only">Claim text</h2>
            <p className="font-serif text-xl leading-relaxed text-slate-900" data-testid="claim-text">{claim.text}</p>
            <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-[3fr_1fr]">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Article</dt>
                <dd className="mt-0.5 text-slate-900">
                  {claim.articleId != null ? (
                    <Link href={`/articles/${claim.articleId}`} className="text-blue-800 underline">{claim.articleTitle ?? `Article #${claim.articleId}`}</Link>
                  ) : (
                    "None"
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Age</dt>
                <dd className="mt-0.5 text-slate-900">
                  <RelativeTime iso={claim.createdAt} /> · round {claim.round}
                </dd>
              </div>
            </dl>
          </Card>

          <Card>
            <h2 className="mb-3 text-base font-semibold text-slate-900">
              Citations <span className="font-normal text-slate-500">({claim.citations.length})</span>
            </h2>
            <ul className="space-y-3">
              {claim.citations.map((citation) => (
                <CitationCard key={citation.id} citation={citation} signed={signed.has(citation.id)} />
              ))}
            </ul>
          </Card>

          <MatchesPanel claimId={claim.id} />

          <Card>
            <h2 className="mb-4 text-base font-semibold text-slate-900">Timeline</h2>
            <Timeline claim={claim} />
            <p className="mt-4 text-xs text-slate-500">Last change <DateTime iso={claim.updatedAt} />.</p>
          </Card>

          <CommentsPanel claimId={claim.id} />
        </div>

        <aside aria-labelledby="actions-heading" className="lg:sticky lg:top-4 lg:self-start">
          <ClaimActions
            claim={summary}
            permissions={permissions}
            editors={editors}
          />
          <div className="mt-4">
            <DueDateCard
              claim={{ ...summary, dueAt: claim.dueAt }}
              canChange={dueRule.allowed}
              reason={dueRule.allowed ? null : dueRule.reason}
              deadline={deadline}
              targetNote={targetNote}
            />
          </div>
        </aside>
      </div>
    </div>
  );
}
