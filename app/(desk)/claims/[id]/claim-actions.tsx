"use client";

import { AlertTriangle, CheckCircle2, ChevronRight, Lock } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { CLAIM_ACTIONS, type AllowedActions, type ClaimAction } from "@/lib/workflow/permissions";
import { AddCitationsForm } from "./add-citations-form";
import { AssignForm } from "./assign-form";
import { useOutcome, type ClaimSummary, type NextInView, type Notice } from "./claim-outcome";
import { EditForm } from "./edit-form";
import { TransitionForm } from "./transition-form";

const ACTION_LABEL: Record<ClaimAction, string> = {
  review: "Review",
  verify: "Verify",
  return: "Return to draft",
  edit: "Edit text",
  addCitation: "Add citations",
  assign: "Assign",
};

export function ClaimActions({ claim, permissions, editors }: { claim: ClaimSummary; permissions: AllowedActions; editors: { id: number; name: string }[] }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const outcome = useOutcome(setNotice);
  // A form holding typed input (or a stale refusal) stays on screen when a refresh (live, or after
  // someone else's change) would take it away: nothing typed is lost, and its submission says why not.
  const [engaged, setEngaged] = useState<Partial<Record<ClaimAction, boolean>>>({});
  const engage = useMemo(
    () =>
      Object.fromEntries(
        CLAIM_ACTIONS.map((action) => [action, (on: boolean) => setEngaged((was) => (Boolean(was[action]) === on ? was : { ...was, [action]: on }))]),
      ) as Record<ClaimAction, (on: boolean) => void>,
    [],
  );
  const allowed = (action: ClaimAction) => permissions[action].allowed || engaged[action] === true;
  const refused = (Object.keys(ACTION_LABEL) as ClaimAction[]).flatMap((action) => {
    const permission = permissions[action];
    return permission.allowed ? [] : [{ action, reason: permission.reason }];
  });
  const clearNotice = useCallback(() => setNotice(null), []);
  // Forms are not keyed by version: a refresh (live updates) must keep what is typed; they follow new versions themselves.
  const common = { claim, outcome, onStart: clearNotice };

  return (
    <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="actions-heading" className="text-base font-semibold text-slate-900">Actions</h2>

      <div aria-live="polite" role="status">
        {notice && (
          <div
            className={`flex gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset ${
              notice.tone === "conflict" ? "bg-amber-50 text-amber-950 ring-amber-300" : "bg-emerald-50 text-emerald-900 ring-emerald-200"
            }`}
          >
            {notice.tone === "conflict" ? <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" /> : <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />}
            <div className="min-w-0 space-y-1">
              <p>{notice.text}</p>
              {notice.next && <NextInViewLink next={notice.next} />}
            </div>
          </div>
        )}
      </div>

      {allowed("review") && (
        <ActionSection title="Review">
          <TransitionForm action="review" {...common} onEngaged={engage.review} />
        </ActionSection>
      )}
      {allowed("verify") && (
        <ActionSection title="Verify">
          <TransitionForm action="verify" {...common} onEngaged={engage.verify} />
        </ActionSection>
      )}
      {allowed("return") && (
        <Disclosure title="Return to draft">
          <TransitionForm action="return" {...common} onEngaged={engage.return} />
        </Disclosure>
      )}
      {allowed("edit") && (
        <Disclosure title="Edit text">
          <EditForm {...common} onEngaged={engage.edit} />
        </Disclosure>
      )}
      {allowed("addCitation") && (
        <Disclosure title="Add citations">
          <AddCitationsForm {...common} onEngaged={engage.addCitation} />
        </Disclosure>
      )}
      {allowed("assign") && (
        <Disclosure title="Assign">
          <AssignForm {...common} editors={editors} onEngaged={engage.assign} />
        </Disclosure>
      )}

      {refused.length > 0 && (
        <section aria-labelledby="refused-heading" className="border-t border-slate-200 pt-3">
          <h3 id="refused-heading" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Not available to you</h3>
          <ul className="space-y-2 text-sm">
            {refused.map(({ action, reason }) => (
              <li key={action} className="flex gap-2" data-action={action}>
                <Lock aria-hidden className="mt-0.5 size-3.5 shrink-0 text-slate-500" />
                <span>
                  <span className="font-medium text-slate-900">{ACTION_LABEL[action]}</span>
                  <span className="text-slate-600">: {reason}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** After a sign-off: on to the next claim of the queue view the person came from (also `j`, from ViewNav). */
function NextInViewLink({ next }: { next: NextInView }) {
  if (next.href === null) {
    return (
      <p>
        That was the last claim in this view. <Link href={next.viewHref} className="font-semibold underline">Back to the view</Link>
      </p>
    );
  }
  return (
    <p className="flex flex-wrap items-center gap-2">
      <Link href={next.href} aria-keyshortcuts="j" className="inline-flex items-center gap-1 font-semibold underline">
        Next claim in this view ({next.label})
        <ChevronRight aria-hidden className="size-4" />
      </Link>
      <span className="text-emerald-900">
        or press <kbd className="rounded border border-emerald-300 bg-white px-1 font-mono text-xs">j</kbd>
      </span>
    </p>
  );
}

function ActionSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-md border border-slate-200 p-3">
      <h3 className="mb-3 text-sm font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

function Disclosure({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="group rounded-md border border-slate-200 [&_summary::-webkit-details-marker]:hidden">
      <summary className="flex cursor-pointer items-center justify-between rounded-md px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50">
        {title}
        <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">›</span>
      </summary>
      <div className="border-t border-slate-200 p-3">{children}</div>
    </details>
  );
}
