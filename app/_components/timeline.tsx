import { ArrowRight, CalendarClock, FileText, PenLine, UserRound } from "lucide-react";
import { SIGNOFF_ACTION_LABEL, type ClaimState, type SignoffAction } from "@/lib/core/vocabulary";
import type { ClaimDetail, CitationView, RevisionView, SignoffView } from "@/lib/workflow";
import { StateBadge, VerdictBadge } from "./badge";
import { LocalDateTime } from "./due-date";
import { DateTime } from "./relative-time";
import { TextDiff } from "./text-diff";

const ACTION_DOT: Record<SignoffAction, string> = {
  submit: "bg-slate-500",
  review: "bg-sky-600",
  verify: "bg-emerald-600",
  return: "bg-amber-500",
};

type TimelineEvent =
  | { kind: "signoff"; at: string; order: number; signoff: SignoffView; previous: SignoffView | null }
  | { kind: "edit"; at: string; order: number; revision: RevisionView; previous: RevisionView }
  | { kind: "assign"; at: string; order: number; assignment: ClaimDetail["assignments"][number] }
  | { kind: "due"; at: string; order: number; change: ClaimDetail["dueChanges"][number] };

/** The text the claim had at `version`: the newest revision at or before it. */
export function textAtVersion(revisions: readonly RevisionView[], version: number): string | null {
  let text: string | null = null;
  for (const revision of revisions) if (revision.version <= version) text = revision.text;
  return text;
}

function eventsOf(claim: ClaimDetail): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  claim.signoffs.forEach((signoff, index) =>
    events.push({ kind: "signoff", at: signoff.createdAt, order: signoff.claimVersion * 10 + 1, signoff, previous: claim.signoffs[index - 1] ?? null }),
  );
  claim.revisions.forEach((revision, index) => {
    if (index > 0) events.push({ kind: "edit", at: revision.createdAt, order: revision.version * 10, revision, previous: claim.revisions[index - 1]! });
  });
  claim.assignments.forEach((assignment, index) => events.push({ kind: "assign", at: assignment.createdAt, order: index, assignment }));
  // A due date given at submit shares the submit's time: it comes right after the submit sign-off.
  claim.dueChanges.forEach((change, index) => events.push({ kind: "due", at: change.createdAt, order: 100_000 + index, change }));
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
}

function FromTo({ from, to }: { from: ClaimState | null; to: ClaimState }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      {from ? <StateBadge state={from} /> : <span className="text-xs text-slate-500">new</span>}
      <ArrowRight aria-hidden className="size-3.5 text-slate-400" />
      <span className="sr-only">to</span>
      <StateBadge state={to} />
    </span>
  );
}

function CitationsUsed({ ids, citations }: { ids: number[]; citations: CitationView[] }) {
  if (ids.length === 0) return null;
  const byId = new Map(citations.map((citation) => [citation.id, citation]));
  return (
    <div className="mt-2">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Rests on</p>
      <ul className="mt-1 flex flex-wrap gap-1.5">
        {ids.map((id) => {
          const citation = byId.get(id);
          return (
            <li key={id}>
              <a
                href={`#citation-${id}`}
                className="inline-flex max-w-full items-center sm:max-w-xs gap-1 truncate rounded-md bg-white px-2 py-0.5 text-xs text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
              >
                <FileText aria-hidden className="size-3 shrink-0" />
                <span className="truncate">{citation ? citation.title : `Citation #${id}`}</span>
                {citation && <span className="text-slate-500">· {citation.kind}</span>}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function SignoffItem({ claim, signoff, previous }: { claim: ClaimDetail; signoff: SignoffView; previous: SignoffView | null }) {
  const approved = textAtVersion(claim.revisions, signoff.claimVersion);
  const before = previous ? textAtVersion(claim.revisions, previous.claimVersion) : null;
  const changed = approved != null && before != null && approved !== before;
  return (
    <li className="relative pl-8" data-testid="signoff" data-action={signoff.action}>
      <span aria-hidden className={`absolute left-0 top-1 size-4 rounded-full ring-4 ring-white ${ACTION_DOT[signoff.action]}`} />
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <h3 className="text-sm font-semibold text-slate-900">
          {SIGNOFF_ACTION_LABEL[signoff.action]} by {signoff.userName}
        </h3>
        <span className="text-xs text-slate-500">
          <DateTime iso={signoff.createdAt} /> · version {signoff.claimVersion}
        </span>
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-2">
        <FromTo from={signoff.fromState} to={signoff.toState} />
        {signoff.verdict && (
          <span className="inline-flex items-center gap-1 text-xs text-slate-600">
            Verdict <VerdictBadge verdict={signoff.verdict} />
          </span>
        )}
      </div>
      {signoff.note && (
        <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 text-sm text-slate-700">
          <span className="sr-only">{signoff.action === "return" ? "Reason: " : "Note: "}</span>
          {signoff.note}
        </blockquote>
      )}
      <CitationsUsed ids={signoff.citationIds} citations={claim.citations} />
      {changed && (
        <div className="mt-2">
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Text changed since the previous sign-off (v{previous!.claimVersion} → v{signoff.claimVersion})
          </p>
          <TextDiff before={before!} after={approved!} label="Text changes approved by this sign-off" />
        </div>
      )}
      <p className="mt-2 font-mono text-[11px] text-slate-500" title="Hash of the exact text this sign-off approved">
        text {signoff.textHash.slice(0, 12)} · chain {signoff.hash.slice(0, 12)}
      </p>
    </li>
  );
}

/** Every sign-off (who, when, from → to, note, citations, text diff), with edits (note, word diff), assignments and due-date changes in between. */
export function Timeline({ claim }: { claim: ClaimDetail }) {
  const events = eventsOf(claim);
  return (
    <ol aria-label="Timeline" className="relative space-y-6 before:absolute before:bottom-2 before:left-[7px] before:top-2 before:w-0.5 before:bg-slate-200">
      {events.map((event) => {
        if (event.kind === "signoff") {
          return <SignoffItem key={`s${event.signoff.id}`} claim={claim} signoff={event.signoff} previous={event.previous} />;
        }
        if (event.kind === "edit") {
          return (
            <li key={`e${event.revision.version}`} className="relative pl-8" data-testid="edit">
              <span aria-hidden className="absolute left-0 top-0.5 flex size-4 items-center justify-center rounded-full bg-white ring-1 ring-slate-300">
                <PenLine className="size-2.5 text-slate-500" />
              </span>
              <p className="text-sm text-slate-700">
                <span className="font-medium text-slate-900">{event.revision.editedByName}</span> edited the text{" "}
                <span className="text-xs text-slate-500">
                  · <DateTime iso={event.revision.createdAt} /> · v{event.previous.version} → v{event.revision.version}
                </span>
              </p>
              {event.revision.note && (
                <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 text-sm text-slate-700">
                  <span className="sr-only">Why: </span>
                  {event.revision.note}
                </blockquote>
              )}
              <div className="mt-1.5">
                <TextDiff before={event.previous.text} after={event.revision.text} label={`Changes in version ${event.revision.version}`} />
              </div>
            </li>
          );
        }
        if (event.kind === "due") {
          const { change } = event;
          return (
            <li key={`d${change.id}`} className="relative pl-8" data-testid="due-change">
              <span aria-hidden className="absolute left-0 top-0.5 flex size-4 items-center justify-center rounded-full bg-white ring-1 ring-slate-300">
                <CalendarClock className="size-2.5 text-slate-500" />
              </span>
              <p className="text-sm text-slate-700">
                <span className="font-medium text-slate-900">{change.changedByName}</span>{" "}
                {change.dueAt ? (
                  <>
                    {change.previousDueAt ? "moved the due date to" : "set the due date to"}{" "}
                    <LocalDateTime iso={change.dueAt} className="font-medium text-slate-900" />
                  </>
                ) : (
                  "cleared the due date"
                )}{" "}
                <span className="text-xs text-slate-500">
                  · <DateTime iso={change.createdAt} />
                </span>
              </p>
            </li>
          );
        }
        const { assignment } = event;
        return (
          <li key={`a${assignment.id}`} className="relative pl-8" data-testid="assignment">
            <span aria-hidden className="absolute left-0 top-0.5 flex size-4 items-center justify-center rounded-full bg-white ring-1 ring-slate-300">
              <UserRound className="size-2.5 text-slate-500" />
            </span>
            <p className="text-sm text-slate-700">
              <span className="font-medium text-slate-900">{assignment.assignedByName}</span>{" "}
              {assignment.assigneeName ? (
                <>
                  assigned the claim to <span className="font-medium text-slate-900">{assignment.assigneeName}</span>
                </>
              ) : (
                "removed the assignee"
              )}{" "}
              <span className="text-xs text-slate-500">
                · <DateTime iso={assignment.createdAt} />
              </span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
