import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/app/_components/relative-time";
import { Card, PageHeader } from "@/app/_components/page-header";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { loadDeadlineSettings, overdueSummary } from "@/lib/deadlines";
import { TargetsForm } from "./targets-form";

export const metadata: Metadata = { title: "Targets" };
export const dynamic = "force-dynamic";

export default async function TargetsPage() {
  await requirePageActor("admin");
  const db = getDb();
  const settings = await loadDeadlineSettings(db);
  const overdue = await overdueSummary(db, {}, new Date(), { limit: 0 });
  return (
    <>
      <PageHeader
        title="Targets"
        description="When a claim is overdue or due soon: its due date when it has one, else the time it entered its state plus the target for that state. Verified claims are finished and never overdue."
      />
      <Card>
        <TargetsForm initial={{ targets: settings.targets, dueSoonHours: settings.dueSoonHours, dueSoonPercent: settings.dueSoonPercent }} />
        <p className="mt-4 border-t border-slate-100 pt-3 text-sm text-slate-600">
          {settings.updatedAt ? (
            <>
              Last changed by {settings.updatedByName ?? "an admin"}, <DateTime iso={settings.updatedAt} />.
            </>
          ) : (
            "The desk's defaults apply until you save."
          )}{" "}
          Now{" "}
          <Link href="/queue?deadline=overdue" className="font-semibold text-blue-700 underline">
            {overdue.count} {overdue.count === 1 ? "claim is" : "claims are"} overdue
          </Link>
          .
        </p>
      </Card>
    </>
  );
}
