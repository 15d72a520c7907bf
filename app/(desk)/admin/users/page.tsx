import type { Metadata } from "next";
import { Badge, RoleBadge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { listThrottled, THROTTLE } from "@/lib/auth/lockout";
import { activeSessionCounts } from "@/lib/sessions/sessions";
import { listUsers } from "@/lib/users/users";
import { latestAuditVerification } from "@/lib/workflow/audit-log";
import { ClearThrottleButton, VerifyAuditButton } from "./admin-buttons";
import { InviteUserForm } from "./invite-user-form";
import { UserRowActions } from "./user-row-actions";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const THROTTLE_KIND = { account: "Account locked", "email-and-address": "Email from this address", address: "Address (many emails)" } as const;

export default async function UsersPage() {
  const actor = await requirePageActor("admin");
  const db = getDb();
  const users = await listUsers(db);
  const sessions = await activeSessionCounts(db);
  const throttled = await listThrottled(db);
  const verification = await latestAuditVerification(db);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can work on the desk, and in which role. Disabled users cannot sign in and their API tokens stop working; changing someone's role or disabling them signs them out everywhere."
      />
      <Card className="mb-6">
        <h2 className="mb-1 text-base font-semibold">Invite a user</h2>
        <p className="mb-4 text-sm text-slate-600">You get a one-time link to hand over; the person chooses their own password with it.</p>
        <InviteUserForm />
      </Card>
      <Card className="mb-6" flush>
        <DataTable
          caption="All users"
          rows={users}
          rowKey={(user) => user.id}
          rowProps={(user) => ({ className: user.disabled ? "bg-slate-50 text-slate-500" : undefined })}
          columns={[
            { header: "Name", cell: (user) => user.name, cellClassName: "font-medium text-slate-900" },
            { header: "Email", cell: (user) => user.email },
            { header: "Role", cell: (user) => <RoleBadge role={user.role} /> },
            {
              header: "Status",
              cell: (user) => (user.disabled ? <Badge tone="red">Disabled</Badge> : user.invited ? <Badge tone="amber">Invited</Badge> : <Badge>Active</Badge>),
            },
            { header: "Sessions", cell: (user) => sessions.get(user.id) ?? 0, cellClassName: "tabular-nums" },
            {
              header: "Actions",
              className: "text-right",
              cell: (user) => (
                <UserRowActions
                  userId={user.id}
                  name={user.name}
                  role={user.role}
                  disabled={user.disabled}
                  invited={user.invited}
                  isSelf={user.id === actor.id}
                  sessions={sessions.get(user.id) ?? 0}
                />
              ),
            },
          ]}
        />
      </Card>

      <Card className="mb-6">
        <h2 className="mb-1 text-base font-semibold">Throttled sign-ins</h2>
        <p className="mb-4 text-sm text-slate-600">
          After {THROTTLE.freeFailuresPerEmailAndAddress} failed attempts for one email from one address (or {THROTTLE.freeFailuresPerAddress} from one address
          across emails) each further attempt waits longer, up to {THROTTLE.maxDelayMs / 60_000} minutes; an account locks only after{" "}
          {THROTTLE.lockAfterFailures} failures within an hour. Clearing lets them try again at once.
        </p>
        {throttled.length === 0 ? (
          <p className="text-sm text-slate-600">Nobody is throttled right now.</p>
        ) : (
          <div className="overflow-x-auto">
            <DataTable
              caption="Throttled sign-ins"
              density="inline"
              rows={throttled}
              rowKey={(entry) => `${entry.kind}-${entry.email}-${entry.clientAddress}`}
              columns={[
                {
                  header: "What",
                  cell: (entry) => (entry.kind === "account" ? <Badge tone="red">{THROTTLE_KIND[entry.kind]}</Badge> : THROTTLE_KIND[entry.kind]),
                },
                { header: "Email", cell: (entry) => entry.email ?? "any" },
                {
                  header: "Address",
                  cellClassName: "font-mono text-xs",
                  cell: (entry) => entry.clientAddress ?? (entry.kind === "account" ? "any" : "unknown"),
                },
                { header: "Failures", cellClassName: "tabular-nums", cell: (entry) => entry.failures },
                { header: "Waits until", cell: (entry) => <DateTime iso={entry.until} /> },
                {
                  header: "Actions",
                  className: "text-right",
                  cell: (entry) => (
                    <ClearThrottleButton email={entry.email} clientAddress={entry.clientAddress} label={entry.email ?? entry.clientAddress ?? "unknown"} />
                  ),
                },
              ]}
            />
          </div>
        )}
      </Card>

      <Card>
        <h2 className="mb-1 text-base font-semibold">Audit chain</h2>
        <p className="mb-4 text-sm text-slate-600">The hash chain over every sign-off, last checked here, through the API or with <code>npx factdesk audit:verify</code>.</p>
        {verification ? (
          <div role="group" aria-label="Last verification">
          <dl className="mb-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-700">State</dt>
            <dd>
              {verification.ok ? (
                <Badge>Intact</Badge>
              ) : (
                <Badge tone="red">
                  Broken: {verification.problemCount} problem{verification.problemCount === 1 ? "" : "s"}
                </Badge>
              )}{" "}
              <span className="text-slate-600">({verification.count} sign-offs)</span>
            </dd>
            <dt className="font-medium text-slate-700">Last verified</dt>
            <dd>
              <DateTime iso={verification.verifiedAt} /> by{" "}
              {verification.source === "cli" ? "the CLI" : (verification.verifiedByName ?? "a deleted user")}
            </dd>
            <dt className="font-medium text-slate-700">Head hash</dt>
            <dd className="break-all font-mono text-xs">{verification.headHash ?? "none"}</dd>
          </dl>
          </div>
        ) : (
          <p className="mb-4 text-sm text-slate-600">The chain has not been verified yet.</p>
        )}
        <VerifyAuditButton />
      </Card>
    </>
  );
}
