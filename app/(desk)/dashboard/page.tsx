import type { Metadata } from "next";
import { Download } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { StateBadge } from "@/app/_components/badge";
import { buttonClass } from "@/app/_components/button";
import { FormMessage, inputClass } from "@/app/_components/field";
import { Card, PageHeader } from "@/app/_components/page-header";
import { ageLabel, formatDateTime } from "@/app/_components/relative-time";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/core/parse";
import { CLAIM_STATES, CLAIM_STATE_LABEL, ROLE_LABEL } from "@/lib/core/vocabulary";
import { dayNumber, dayOf, periodOf, statsQuerySchema } from "@/lib/stats/period";
import { DASHBOARD_TABLE_LABEL, type DashboardTable } from "@/lib/stats/csv";
import { deskStats, type DayFigures } from "@/lib/stats/stats";
import type { Period } from "@/lib/stats/period";
import { ActivityChart, TimeInStateChart } from "./charts";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

/** Past this many days the activity chart draws weeks: 90 daily bars are unreadable. */
const DAILY_CHART_MAX_DAYS = 62;

const hours = (value: number | null) => (value == null ? "—" : String(value));
const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const STAY_LABEL = { draft: "Draft → reviewed", reviewed: "Reviewed → verified", verified: "Verified → published" } as const;

function Th({ children, numeric = false }: { children: ReactNode; numeric?: boolean }) {
  return (
    <th scope="col" className={`px-4 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600 ${numeric ? "text-right" : "text-left"}`}>
      {children}
    </th>
  );
}

const td = "px-4 py-2 text-sm text-slate-800";
const tdNum = `${td} text-right tabular-nums`;
const caption = "px-4 pb-2 pt-3 text-left text-sm font-semibold text-slate-900";

function SectionHeading({ id, title, description }: { id: string; title: string; description?: ReactNode }) {
  return (
    <div className="mb-3">
      <h2 id={id} className="text-base font-semibold text-slate-900">{title}</h2>
      {description && <p className="text-sm text-slate-600">{description}</p>}
    </div>
  );
}

/** One table of the page as a CSV download: the same numbers for the same period (lib/stats/csv.ts). */
function CsvLink({ table, period }: { table: DashboardTable; period: Period }) {
  return (
    <a
      href={`/dashboard/export?table=${table}&from=${period.from}&to=${period.to}`}
      download
      className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold text-blue-700 underline hover:bg-blue-50"
    >
      <Download aria-hidden className="size-3.5" />
      CSV<span className="sr-only">: {DASHBOARD_TABLE_LABEL[table]}</span>
    </a>
  );
}

function FiguresTable({ label, rows, first }: { label: string; rows: (Omit<DayFigures, "date"> & { key: string; label: string })[]; first: string }) {
  return (
    <table className="min-w-full divide-y divide-slate-200">
      <caption className={caption}>{label}</caption>
      <thead className="bg-slate-50">
        <tr>
          <Th>{first}</Th>
          <Th numeric>Submitted</Th>
          <Th numeric>Verified</Th>
          <Th numeric>Published</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row" className={`${td} text-left font-medium`}>{row.label}</th>
            <td className={tdNum}>{row.submitted}</td>
            <td className={tdNum}>{row.verified}</td>
            <td className={tdNum}>{row.published}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const query = parseQuery(statsQuerySchema, params);
  const period = periodOf(query.ok ? query.value : {});
  const stats = await deskStats(getDb(), actor, period);
  const desk = stats.scope === "desk";
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  const today = new Date().toISOString().slice(0, 10);
  const presets = [7, 30, 90].map((n) => ({ n, from: dayOf(dayNumber(today) - n + 1) }));
  const totals = stats.perDay.reduce((sum, day) => ({ submitted: sum.submitted + day.submitted, verified: sum.verified + day.verified, published: sum.published + day.published }), { submitted: 0, verified: 0, published: 0 });
  const byWeek = days > DAILY_CHART_MAX_DAYS;
  const activity = byWeek
    ? stats.perWeek.map((week) => ({ ...week, label: `w/c ${dayLabel(week.weekStart)}` }))
    : stats.perDay.map((day) => ({ ...day, label: dayLabel(day.date) }));
  const stays = CLAIM_STATES.map((state) => ({ state, ...stats.timeInState[state] }));
  const totalReturns = stats.returnsPerRound.reduce((sum, row) => sum + row.returns, 0);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Dashboard"
        description={
          <>
            {desk ? "The whole desk" : "The claims you submitted"}, {dayLabel(period.from)} – {dayLabel(period.to)} {period.to.slice(0, 4)} ({days} {days === 1 ? "day" : "days"}, UTC).
          </>
        }
      />

      <form method="get" action="/dashboard" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Period">
        <div className="space-y-1">
          <label htmlFor="from" className="block text-sm font-medium text-slate-800">From</label>
          <input id="from" name="from" type="date" defaultValue={period.from} max={today} className={`${inputClass} w-40`} />
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block text-sm font-medium text-slate-800">To</label>
          <input id="to" name="to" type="date" defaultValue={period.to} className={`${inputClass} w-40`} />
        </div>
        <button type="submit" className={buttonClass("primary")}>Show period</button>
        <nav aria-label="Quick periods" className="flex items-center gap-1 text-sm">
          <span className="mr-1 text-slate-600">Last</span>
          {presets.map((preset) => {
            const current = period.from === preset.from && period.to === today;
            return (
              <Link
                key={preset.n}
                href={`/dashboard?from=${preset.from}&to=${today}`}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-2.5 py-1.5 font-semibold ${current ? "bg-slate-900 text-white" : "text-blue-700 hover:bg-slate-100"}`}
              >
                {preset.n} days
              </Link>
            );
          })}
        </nav>
        {!query.ok && (
          <div className="basis-full">
            <FormMessage tone="error">
              {Object.values(query.error.fields ?? {})[0] ?? query.error.message} Showing the last 30 days instead.
            </FormMessage>
          </div>
        )}
      </form>

      <section aria-labelledby="now-heading">
        <div className="mb-2 flex items-center justify-between">
          <h2 id="now-heading" className="text-sm font-semibold text-slate-700">Claims now</h2>
          <CsvLink table="counts" period={period} />
        </div>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="state-counts">
          {CLAIM_STATES.map((state) => (
            <div key={state} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-state={state}>
              <dt className="flex items-center justify-between text-sm text-slate-600">
                <span>In {CLAIM_STATE_LABEL[state].toLowerCase()} now</span>
                <StateBadge state={state} />
              </dt>
              <dd className="mt-2 text-3xl font-bold tabular-nums text-slate-900">
                <Link href={`/queue?state=${state}`} className="hover:text-blue-800 hover:underline" aria-label={`${stats.counts[state]} ${CLAIM_STATE_LABEL[state].toLowerCase()} claims in the queue`}>
                  {stats.counts[state].toLocaleString("en-GB")}
                </Link>
              </dd>
            </div>
          ))}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <dt className="text-sm text-slate-600">In the period</dt>
            <dd className="mt-2 text-sm text-slate-800">
              <span className="font-semibold tabular-nums">{totals.submitted}</span> submitted ·{" "}
              <span className="font-semibold tabular-nums">{totals.verified}</span> verified ·{" "}
              <span className="font-semibold tabular-nums">{totals.published}</span> published ·{" "}
              <span className="font-semibold tabular-nums">{totalReturns}</span> returned
              <span className="mt-1 block text-sm">
                <Link href="/queue?deadline=overdue" className="font-semibold text-red-800 underline" aria-label={`${stats.overdue.count} claims overdue now, in the queue`}>
                  {stats.overdue.count.toLocaleString("en-GB")} overdue
                </Link>{" "}
                <span className="text-xs text-slate-600">now (due date or the desk&apos;s target passed)</span>
              </span>
            </dd>
          </div>
        </dl>
      </section>

      <div className="grid gap-6 xl:grid-cols-5">
        <Card className="xl:col-span-3">
          <section aria-labelledby="activity-heading">
            <SectionHeading id="activity-heading" title={byWeek ? "Activity per week" : "Activity per day"} description="Claims submitted and verified (sign-offs) and claims published in a summary." />
            <ActivityChart data={activity} />
            <details className="mt-3 rounded-md ring-1 ring-slate-200">
              <summary className="cursor-pointer px-4 py-2 text-sm font-semibold text-blue-700">Table: per day and per week</summary>
              <p className="flex gap-3 px-4 pb-1 text-xs text-slate-600">
                Download: <CsvLink table="per-week" period={period} /> per week, <CsvLink table="per-day" period={period} /> per day
              </p>
              <div className="max-h-96 overflow-auto" tabIndex={0} role="region" aria-label="Per-week and per-day numbers">
                <FiguresTable label="Per week (weeks start on Monday)" first="Week of" rows={stats.perWeek.map((week) => ({ ...week, key: week.weekStart, label: week.weekStart }))} />
                <FiguresTable label="Per day" first="Day" rows={stats.perDay.map((day) => ({ ...day, key: day.date, label: day.date }))} />
              </div>
            </details>
          </section>
        </Card>

        <Card className="xl:col-span-2">
          <section aria-labelledby="stays-heading">
            <SectionHeading id="stays-heading" title="Time in each state" description="Every stay that ended in the period, returns and re-reviews included." />
            <TimeInStateChart data={stays.map((stay) => ({ label: CLAIM_STATE_LABEL[stay.state], median: stay.medianHours ?? 0, p90: stay.p90Hours ?? 0 }))} />
            <table className="mt-3 min-w-full divide-y divide-slate-200" data-testid="time-in-state">
              <caption className={caption}>
                Hours spent in each state <CsvLink table="time-in-state" period={period} />
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Stay</Th>
                  <Th numeric>Median (h)</Th>
                  <Th numeric>90th pct (h)</Th>
                  <Th numeric>Stays</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stays.map((stay) => (
                  <tr key={stay.state} data-key={stay.state}>
                    <th scope="row" className={`${td} text-left font-medium`}>{STAY_LABEL[stay.state]}</th>
                    <td className={tdNum}>{hours(stay.medianHours)}</td>
                    <td className={tdNum}>{hours(stay.p90Hours)}</td>
                    <td className={tdNum}>{stay.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </Card>
      </div>

      <div className="grid gap-6 xl:grid-cols-5">
        <Card className="xl:col-span-3" flush>
          <section aria-labelledby="waiting-heading">
            <div className="px-5 pt-5">
              <SectionHeading id="waiting-heading" title="Waiting longest" description={<>Open claims by the time since they entered their current state. <CsvLink table="longest-waiting" period={period} /></>} />
            </div>
            {stats.longestWaiting.length === 0 ? (
              <p className="px-5 pb-5 text-sm text-slate-600">Nothing is waiting for a sign-off.</p>
            ) : (
              <ol className="divide-y divide-slate-100 border-t border-slate-100" data-testid="longest-waiting">
                {stats.longestWaiting.map((claim) => (
                  <li key={claim.claimId} className="flex items-start justify-between gap-4 px-5 py-3 hover:bg-slate-50" data-claim-id={claim.claimId}>
                    <div className="min-w-0">
                      <div className="flex items-center gap-2">
                        <StateBadge state={claim.state} />
                        <span className="text-xs text-slate-600">#{claim.claimId} · {claim.assigneeName ? `Assigned to ${claim.assigneeName}` : "Unassigned"}</span>
                      </div>
                      <Link href={`/claims/${claim.claimId}`} className="mt-1 line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline">
                        {claim.text}
                      </Link>
                    </div>
                    <span className="shrink-0 text-right text-xs text-slate-600">
                      Waiting{" "}
                      <time dateTime={claim.since} title={`Since ${formatDateTime(claim.since)}`} className="block text-sm font-semibold tabular-nums text-slate-900">
                        {ageLabel(claim.since)}
                      </time>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </Card>

        <div className="space-y-6 xl:col-span-2">
          <Card flush>
            <section aria-labelledby="overdue-heading">
              <div className="px-5 pt-5">
                <SectionHeading
                  id="overdue-heading"
                  title={`Overdue now (${stats.overdue.count.toLocaleString("en-GB")})`}
                  description={<>Open claims past their due date, or past the desk&apos;s target for their state; most late first. <CsvLink table="overdue" period={period} /></>}
                />
              </div>
              {stats.overdue.claims.length === 0 ? (
                <p className="px-5 pb-5 text-sm text-slate-600">Nothing is overdue.</p>
              ) : (
                <ol className="divide-y divide-slate-100 border-t border-slate-100" data-testid="overdue">
                  {stats.overdue.claims.map((claim) => (
                    <li key={claim.id} className="px-5 py-3" data-claim-id={claim.id}>
                      <div className="flex items-center gap-2 text-xs text-slate-600">
                        <StateBadge state={claim.state} />
                        <span>
                          #{claim.id} · {claim.assigneeName ? `Assigned to ${claim.assigneeName}` : "Unassigned"} · {claim.source === "due" ? "due" : "target"}{" "}
                          <time dateTime={claim.deadline}>{formatDateTime(claim.deadline)}</time>
                        </span>
                      </div>
                      <Link href={`/claims/${claim.id}`} className="mt-1 line-clamp-2 font-medium text-slate-900 hover:text-blue-800 hover:underline">
                        {claim.text}
                      </Link>
                      <span className="text-xs font-semibold text-red-800">{claim.hoursLate.toLocaleString("en-GB", { maximumFractionDigits: 1 })} h late</span>
                    </li>
                  ))}
                </ol>
              )}
              {stats.overdue.count > stats.overdue.claims.length && (
                <p className="px-5 pb-4 text-sm">
                  <Link href="/queue?deadline=overdue" className="font-semibold text-blue-700 underline">All {stats.overdue.count.toLocaleString("en-GB")} overdue claims in the queue</Link>
                </p>
              )}
            </section>
          </Card>

          <Card flush>
            <table className="min-w-full divide-y divide-slate-200" data-testid="per-person">
              <caption className={caption}>
                Load per person <CsvLink table="per-person" period={period} />
                <span className="block text-xs font-normal text-slate-600">Open claims assigned, and claims the rules let them sign off now.</span>
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Person</Th>
                  <Th numeric>Assigned</Th>
                  <Th numeric>To review</Th>
                  <Th numeric>To verify</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stats.perPerson.map((person) => (
                  <tr key={person.userId} data-key={person.userId}>
                    <th scope="row" className={`${td} text-left font-medium`}>
                      {person.name} <span className="text-xs font-normal text-slate-600">{ROLE_LABEL[person.role]}</span>
                    </th>
                    <td className={tdNum}>
                      {person.assigned > 0 ? (
                        <Link href={`/queue?assigneeId=${person.userId}`} className="text-blue-700 hover:underline" aria-label={`${person.assigned} claims assigned to ${person.name}`}>
                          {person.assigned}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td className={tdNum}>{person.awaitingReview}</td>
                    <td className={tdNum}>{person.awaitingVerify}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>

          <Card flush>
            <table className="min-w-full divide-y divide-slate-200" data-testid="returns-per-round">
              <caption className={caption}>
                Returns per round, in the period <CsvLink table="returns-per-round" period={period} />
              </caption>
              <thead className="bg-slate-50">
                <tr>
                  <Th>Round</Th>
                  <Th numeric>Returns</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stats.returnsPerRound.length === 0 ? (
                  <tr>
                    <td colSpan={2} className={`${td} text-slate-600`}>No returns in the period.</td>
                  </tr>
                ) : (
                  stats.returnsPerRound.map((row) => (
                    <tr key={row.round} data-key={row.round}>
                      <th scope="row" className={`${td} text-left font-medium`}>Round {row.round}</th>
                      <td className={tdNum}>{row.returns}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </Card>
        </div>
      </div>
    </div>
  );
}
