import type { Metadata } from "next";
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { ArrowRight, BellDot, CornerDownLeft, Eye, ListChecks, Plus, ShieldCheck, UserCheck } from "lucide-react";
import { StateBadge, VerdictBadge } from "@/app/_components/badge";
import { DeadlineBadge, LocalDateTime } from "@/app/_components/due-date";
import { ButtonLink } from "@/app/_components/button";
import { verdictContrastFix } from "@/app/_components/contrast-fix";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { ageLabel, formatDateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { hasRole } from "@/lib/core/actor";
import { requirePageActor } from "@/lib/auth/guards";
import {
  listAssignedToMe,
  listClaimsToVerify,
  listDraftsToReview,
  listFollowedChanged,
  listMyReturnedDrafts,
  type MyWorkItem,
  type MyWorkSection,
} from "@/lib/mywork/mywork";

export const metadata: Metadata = { title: "My work" };

const ago = (iso: string) => {
  const age = ageLabel(iso);
  return age === "just now" ? age : `${age} ago`;
};

const countLabel = (section: { count: number; countIsLowerBound: boolean }) => `${section.count}${section.countIsLowerBound ? "+" : ""}`;

function Waited({ since, label = "Waiting" }: { since: string; label?: string }) {
  return (
    <span className="shrink-0 text-right text-xs text-slate-500">
      {label}{" "}
      <time dateTime={since} title={`Since ${formatDateTime(since)}`} className="font-semibold tabular-nums text-slate-800">
        {ageLabel(since)}
      </time>
    </span>
  );
}

function People({ item }: { item: MyWorkItem }) {
  const parts: ReactNode[] = [];
  if (item.articleTitle) parts.push(<span key="a" className="truncate" title={item.articleTitle}>{item.articleTitle}</span>);
  parts.push(<span key="s">Submitted by {item.submitterName}</span>);
  if (item.reviewerName) parts.push(<span key="r">Reviewed by {item.reviewerName}</span>);
  parts.push(<span key="as">{item.assigneeName ? `Assigned to ${item.assigneeName}` : "Unassigned"}</span>);
  return (
    <p className="mt-1 flex min-w-0 flex-wrap gap-x-2 text-xs text-slate-600">
      {parts.map((part, index) => (
        <span key={index} className="inline-flex min-w-0 max-w-full items-center gap-2">
          {index > 0 && <span aria-hidden className="text-slate-300">·</span>}
          {part}
        </span>
      ))}
    </p>
  );
}

function WorkItem({ item }: { item: MyWorkItem }) {
  return (
    <li className="px-5 py-3 hover:bg-slate-50" data-claim-id={item.id}>
      {item.returned && (
        <div className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-200" data-testid="return-reason">
          <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">
            Returned by {item.returned.byName} ·{" "}
            <time dateTime={item.returned.at} title={formatDateTime(item.returned.at)}>{ago(item.returned.at)}</time>
          </p>
          <p className="mt-0.5 whitespace-pre-line">{item.returned.note}</p>
        </div>
      )}
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <StateBadge state={item.state} />
            {item.verdict && <VerdictBadge verdict={item.verdict} />}
            <DeadlineBadge deadline={item.deadline} />
            <span className="text-xs text-slate-500">
              #{item.id} · round {item.round}
              {item.dueAt && (
                <>
                  {" "}· due <LocalDateTime iso={item.dueAt} />
                </>
              )}
            </span>
          </div>
          <Link href={`/claims/${item.id}`} className="mt-1 line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline">
            {item.text}
          </Link>
          <People item={item} />
        </div>
        <Waited since={item.waitingSince} />
      </div>
    </li>
  );
}

function Section({ id, icon, title, description, section, queueHref, empty, children }: {
  id: string;
  icon: ReactNode;
  title: string;
  description: string;
  section: { count: number; countIsLowerBound: boolean; items: unknown[] };
  queueHref?: string;
  empty: { title: string; body: ReactNode };
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  const shown = section.items.length;
  return (
    <section id={id} aria-labelledby={headingId} className="scroll-mt-6 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="flex min-w-0 items-start gap-3">
          <span aria-hidden className="mt-0.5 rounded-md bg-slate-100 p-1.5 text-slate-700">{icon}</span>
          <div className="min-w-0">
            <h2 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
              {title}
              <span className={`rounded-full px-2 text-xs tabular-nums ${section.count > 0 ? "bg-slate-900 text-white" : "bg-slate-200 text-slate-700"}`} data-testid="section-count">
                {countLabel(section)}
              </span>
            </h2>
            <p className="text-sm text-slate-600">{description}</p>
          </div>
        </div>
        {queueHref && section.count > 0 && (
          <Link href={queueHref} className="inline-flex items-center gap-1 text-sm font-semibold text-blue-700 hover:underline">
            {section.count > shown || section.countIsLowerBound ? `See all ${countLabel(section)} in the queue` : "Open in the queue"}
            <ArrowRight aria-hidden className="size-4" />
          </Link>
        )}
      </header>
      {shown > 0 ? (
        <ul className="divide-y divide-slate-100">{children}</ul>
      ) : (
        <div className="p-4">
          <EmptyState title={empty.title}>{empty.body}</EmptyState>
        </div>
      )}
      {shown > 0 && section.count > shown && (
        <p className="border-t border-slate-100 px-5 py-2 text-xs text-slate-500">
          Showing the {shown} that have waited longest.
        </p>
      )}
    </section>
  );
}

function Tally({ href, label, section, icon }: { href: string; label: string; section: { count: number; countIsLowerBound: boolean }; icon: ReactNode }) {
  const busy = section.count > 0;
  return (
    <li>
      <a href={href} className={`flex items-center gap-3 rounded-lg px-4 py-3 shadow-sm ring-1 ${busy ? "bg-white ring-slate-300 hover:ring-blue-400" : "bg-slate-50 ring-slate-200 hover:ring-slate-300"}`}>
        <span aria-hidden className={busy ? "text-blue-700" : "text-slate-400"}>{icon}</span>
        <span className="min-w-0">
          <span className={`block text-2xl font-bold tabular-nums leading-none ${busy ? "text-slate-900" : "text-slate-500"}`}>{countLabel(section)}</span>
          <span className="mt-1 block text-xs font-medium text-slate-600">{label}</span>
        </span>
      </a>
    </li>
  );
}

export default async function MyWorkPage() {
  const actor = await requirePageActor();
  const db = getDb();
  const isEditor = hasRole(actor, "editor");

  const returned = await listMyReturnedDrafts(db, actor);
  const assigned = isEditor ? await listAssignedToMe(db, actor) : null;
  const toReview = isEditor ? await listDraftsToReview(db, actor) : null;
  const toVerify = isEditor ? await listClaimsToVerify(db, actor) : null;
  const followed = await listFollowedChanged(db, actor);

  const tallies: Array<{ href: string; label: string; section: MyWorkSection | typeof followed; icon: ReactNode }> = [
    { href: "#returned", label: "Returned to you", section: returned, icon: <CornerDownLeft className="size-5" /> },
    ...(assigned ? [{ href: "#assigned", label: "Assigned to you", section: assigned, icon: <UserCheck className="size-5" /> }] : []),
    ...(toReview ? [{ href: "#review", label: "Drafts to review", section: toReview, icon: <Eye className="size-5" /> }] : []),
    ...(toVerify ? [{ href: "#verify", label: "Ready to verify", section: toVerify, icon: <ShieldCheck className="size-5" /> }] : []),
    { href: "#followed", label: "Followed, changed", section: followed, icon: <BellDot className="size-5" /> },
  ];


  // What needs you comes first; empty sections follow, each still saying why it is empty.
  const blocks: Array<{ id: string; empty: boolean; node: ReactNode }> = [
    { id: "returned", empty: returned.items.length === 0, node: (
      <Section
        id="returned"
        icon={<CornerDownLeft className="size-4" />}
        title="Returned to you"
        description="Your claims an editor sent back to draft, with the reason. Fix them and they go back for review."
        section={returned}
        queueHref={`/queue?state=draft&submitterId=${actor.id}`}
        empty={{ title: "Nothing returned to you", body: "When an editor sends one of your claims back, it shows here with the reason at the top." }}
      >
        {returned.items.map((item) => <WorkItem key={item.id} item={item} />)}
      </Section>
    ) },
    ...(assigned ? [{ id: "assigned", empty: assigned.items.length === 0, node: (
      <Section
        id="assigned"
        icon={<UserCheck className="size-4" />}
        title="Assigned to you"
        description="Claims an editor gave you that are not verified yet."
        section={assigned}
        queueHref="/queue?assigned=me"
        empty={{ title: "Nothing assigned to you", body: "Editors assign claims from the claim page; they show here until verified." }}
      >
        {assigned.items.map((item) => <WorkItem key={item.id} item={item} />)}
      </Section>
    ) }] : []),
    ...(toReview ? [{ id: "review", empty: toReview.items.length === 0, node: (
      <Section
        id="review"
        icon={<Eye className="size-4" />}
        title="Drafts you may review"
        description="Drafts someone else submitted (four-eyes rule: nobody reviews their own claim)."
        section={toReview}
        queueHref="/queue?state=draft&actionable=1"
        empty={{ title: "No drafts waiting for your review", body: "Drafts you submitted yourself go to another editor." }}
      >
        {toReview.items.map((item) => <WorkItem key={item.id} item={item} />)}
      </Section>
    ) }] : []),
    ...(toVerify ? [{ id: "verify", empty: toVerify.items.length === 0, node: (
      <Section
        id="verify"
        icon={<ShieldCheck className="size-4" />}
        title="Reviewed claims you may verify"
        description="Reviewed claims you neither submitted nor reviewed in this round (two-person rule)."
        section={toVerify}
        queueHref="/queue?state=reviewed&actionable=1"
        empty={{ title: "Nothing for you to verify", body: "Claims you submitted, or reviewed in this round, need a different editor to verify them." }}
      >
        {toVerify.items.map((item) => <WorkItem key={item.id} item={item} />)}
      </Section>
    ) }] : []),
    { id: "followed", empty: followed.items.length === 0, node: (
      <Section
        id="followed"
        icon={<BellDot className="size-4" />}
        title="Claims you follow that changed"
        description="Since you last looked. You follow what you submit, review, are assigned or comment on."
        section={followed}
        empty={{ title: "No changes on claims you follow", body: "Open a claim and follow it to hear when it moves." }}
      >
        {followed.items.map((change) => (
          <li key={change.claimId} className="flex items-start justify-between gap-4 px-5 py-3 hover:bg-slate-50" data-claim-id={change.claimId}>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <StateBadge state={change.state} />
                <span className="text-xs text-slate-500">
                  #{change.claimId} · {change.version - change.seenVersion} {change.version - change.seenVersion === 1 ? "change" : "changes"} since you looked
                </span>
              </div>
              <Link href={`/claims/${change.claimId}`} className="mt-1 line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline">
                {change.text}
              </Link>
            </div>
            <Waited since={change.updatedAt} label="Changed" />
          </li>
        ))}
      </Section>
    ) },
  ];

  return (
    <div className={verdictContrastFix}>
      <PageHeader
        title="My work"
        description={isEditor ? "What is waiting for you on the desk, longest-waiting first." : "Your claims that need you, and the ones you follow."}
        actions={
          <>
            <ButtonLink href="/queue" variant="secondary">
              <ListChecks aria-hidden className="size-4" />
              Queue
            </ButtonLink>
            <ButtonLink href="/claims/new">
              <Plus aria-hidden className="size-4" />
              New claim
            </ButtonLink>
          </>
        }
      />

      <nav aria-label="Sections" className="mb-6">
        <ul className={`grid gap-3 ${tallies.length > 2 ? "grid-cols-2 sm:grid-cols-3 lg:grid-cols-5" : "grid-cols-2"}`}>
          {tallies.map((tally) => (
            <Tally key={tally.href} {...tally} />
          ))}
        </ul>
      </nav>

      <div className="space-y-6">
        {[...blocks.filter((block) => !block.empty), ...blocks.filter((block) => block.empty)].map((block) => (
          <Fragment key={block.id}>{block.node}</Fragment>
        ))}
      </div>
    </div>
  );
}
