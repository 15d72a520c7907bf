import type { Metadata } from "next";
import type { ReactNode } from "react";
import { VerifyAuditButton } from "../users/admin-buttons";
import { Badge } from "@/app/_components/badge";
import { DataTable } from "@/app/_components/data-table";
import { Card, PageHeader } from "@/app/_components/page-header";
import { DateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { lastDeliveryTick } from "@/lib/delivery/loop";
import { emailEnabled } from "@/lib/email/config";
import { APP_HANDLER_NAMES } from "@/lib/events/effects";
import { checkReady } from "@/lib/health/ready";
import { formatBytes, systemOverview } from "@/lib/health/system";
import { recentErrors } from "@/lib/observability/logger";

export const metadata: Metadata = { title: "System" };
export const dynamic = "force-dynamic";

function Facts({ label, rows }: { label: string; rows: Array<[string, ReactNode]> }) {
  return (
    <dl aria-label={label} className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-700">{term}</dt>
          <dd className="min-w-0 break-words text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function FactsCard({ title, rows, children }: { title: string; rows: Array<[string, ReactNode]>; children?: ReactNode }) {
  return (
    <Card>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      <Facts label={title} rows={rows} />
      {children}
    </Card>
  );
}

const mono = (text: string) => <code className="break-all font-mono text-xs">{text}</code>;

export default async function SystemPage() {
  await requirePageActor("admin");
  const db = getDb();
  const overview = await systemOverview(db, APP_HANDLER_NAMES);
  const readiness = await checkReady(db, { consumers: APP_HANDLER_NAMES, emailEnabled: emailEnabled(), deliveryTickAt: lastDeliveryTick() });
  const errors = recentErrors().slice(0, 20);
  const verification = overview.audit.lastVerification;
  const backup = overview.lastBackup;

  return (
    <>
      <PageHeader
        title="System"
        description="How this server and its database are doing: what runs, the last backup, the audit chain, the outboxes and the latest errors. Metrics for Prometheus are at /metrics; load balancers ask /api/v1/ready."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-base font-semibold">Readiness</h2>
          <p className="mb-3">
            {readiness.status === "ready" ? <Badge>Ready</Badge> : <Badge tone="red">Not ready</Badge>}
          </p>
          <ul aria-label="Readiness checks" className="space-y-1 text-sm">
            {readiness.checks.map((check) => (
              <li key={check.name}>
                <span className={check.ok ? "text-slate-700" : "font-semibold text-red-800"}>{check.ok ? "OK" : "Problem"}</span>: {check.name}: {check.detail}
              </li>
            ))}
          </ul>
        </Card>
        <FactsCard
          title="This server"
          rows={[
              ["Version", `${overview.version} (API v${overview.apiVersion})`],
              ["Build", overview.buildId ? mono(overview.buildId) : "not a production build"],
              ["Node.js", overview.node],
              ["Running since", <DateTime key="started" iso={overview.startedAt} />],
              ["Database", mono(overview.database.file)],
              ["Database size", formatBytes(overview.database.bytes)],
            ]}
        />
        <Card>
          <h2 className="mb-3 text-base font-semibold">Last backup</h2>
          {backup ? (
            <Facts
              label="Last backup"
              rows={[
                ["Finished", <DateTime key="finished" iso={backup.finishedAt} />],
                ["File", mono(backup.target)],
                ["Size", formatBytes(backup.bytes)],
                ["Audit head in the copy", mono(backup.headHash)],
              ]}
            />
          ) : (
            <p className="text-sm text-slate-600">
              No backup recorded. Run <code className="font-mono text-xs">npx factdesk backup --to FILE</code> (safe while the app runs).
            </p>
          )}
        </Card>
        <FactsCard
          title="Audit chain"
          rows={[
              ["Sign-offs", overview.audit.signoffs.toLocaleString("en")],
              ["Head", overview.audit.headHash ? mono(overview.audit.headHash) : "empty chain"],
              [
                "Last verification",
                verification ? (
                  <span key="verification">
                    {verification.ok ? <Badge>Intact</Badge> : <Badge tone="red">Broken</Badge>} <DateTime iso={verification.verifiedAt} />, {verification.count.toLocaleString("en")} sign-offs, by{" "}
                    {verification.verifiedByName ?? "the operator CLI"}
                  </span>
                ) : (
                  "never"
                ),
              ],
            ]}
        >
          <div className="mt-4">
            <VerifyAuditButton />
          </div>
        </FactsCard>
      </div>
      <Card className="mt-6" flush>
        <h2 className="px-4 pt-4 text-base font-semibold">Outbox backlogs</h2>
        <DataTable
          caption="Outbox backlogs"
          rows={overview.outbox}
          rowKey={(row) => row.consumer}
          columns={[
            { header: "Consumer", cell: (row) => row.consumer },
            { header: "Waiting", cell: (row) => `${row.capped ? "over " : ""}${row.backlog.toLocaleString("en")}`, className: "text-right" },
            { header: "Oldest waiting since", cell: (row) => (row.oldestAt ? <DateTime iso={row.oldestAt} /> : "nothing waits") },
            { header: "Last error", cell: (row) => row.lastError ?? "none", cellClassName: "max-w-md break-words" },
          ]}
        />
      </Card>
      <Card className="mt-6" flush>
        <h2 className="px-4 pt-4 text-base font-semibold">Latest errors on this server</h2>
        {errors.length === 0 ? (
          <p className="px-4 pb-4 pt-2 text-sm text-slate-600">No errors since this server started.</p>
        ) : (
          <DataTable
            caption="Latest errors on this server"
            rows={errors}
            rowKey={(row) => `${row.at}-${row.requestId ?? ""}-${row.message}`}
            columns={[
              { header: "When", cell: (row) => <DateTime iso={row.at} /> },
              { header: "Where", cell: (row) => row.source },
              { header: "Code", cell: (row) => row.code },
              { header: "Message", cell: (row) => row.message, cellClassName: "max-w-md break-words" },
              { header: "Request id", cell: (row) => (row.requestId ? mono(row.requestId) : "none") },
            ]}
          />
        )}
      </Card>
    </>
  );
}
