import { z } from "zod";
import { getDb } from "@/db/client";
import { requirePageActor } from "@/lib/auth/guards";
import { parseQuery } from "@/lib/core/parse";
import { DASHBOARD_TABLES, dashboardCsv, dashboardFileName } from "@/lib/stats/csv";
import { periodOf, statsQuerySchema } from "@/lib/stats/period";
import { deskStats } from "@/lib/stats/stats";

export const dynamic = "force-dynamic";

const exportQuerySchema = statsQuerySchema.and(z.object({ table: z.enum(DASHBOARD_TABLES, { error: `table must be one of ${DASHBOARD_TABLES.join(", ")}` }) }));

/**
 * One table of the dashboard as CSV, for the period in the address (`?table=per-day&from=&to=`): the
 * same function and scope as the page (a reporter gets their own claims). Signed-in desk users only.
 */
export async function GET(request: Request): Promise<Response> {
  const actor = await requirePageActor();
  const query = parseQuery(exportQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) {
    const reason = Object.values(query.error.fields ?? {}).flat()[0] ?? query.error.message;
    return new Response(`${reason}\n`, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const stats = await deskStats(getDb(), actor, periodOf(query.value));
  return new Response(dashboardCsv(stats, query.value.table), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${dashboardFileName(stats, query.value.table)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
