import { eq } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { fail, ok, type Result } from "@/lib/core/result";
import { nowIso } from "@/lib/core/transaction";
import { canConfigureDeadlines } from "@/lib/workflow/rules";
import { deadlineSettingsSchema, type DeadlineSettingsValues } from "./schemas";

/** What a desk starts with until an admin changes it: two days to review a draft, one to verify, warned a day ahead. */
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettingsValues = {
  targets: { draft: 48, reviewed: 24 },
  dueSoonHours: 24,
  dueSoonPercent: 20,
};

export interface DeadlineSettingsView extends DeadlineSettingsValues {
  /** Null while the defaults apply. */
  updatedAt: string | null;
  updatedByName: string | null;
}

const SETTINGS_ID = 1;

type SettingsRow = { draftHours: number | null; reviewedHours: number | null; dueSoonHours: number; dueSoonPercent: number; updatedAt: string; updatedByName: string | null };

function settingsView(row: SettingsRow | undefined): DeadlineSettingsView {
  if (!row) return { ...DEFAULT_DEADLINE_SETTINGS, updatedAt: null, updatedByName: null };
  return {
    targets: { draft: row.draftHours, reviewed: row.reviewedHours },
    dueSoonHours: row.dueSoonHours,
    dueSoonPercent: row.dueSoonPercent,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
  };
}

function selectSettings(db: DbExecutor) {
  const { deadlineSettings, users } = tablesOf(db);
  return db
    .select({
      draftHours: deadlineSettings.draftHours,
      reviewedHours: deadlineSettings.reviewedHours,
      dueSoonHours: deadlineSettings.dueSoonHours,
      dueSoonPercent: deadlineSettings.dueSoonPercent,
      updatedAt: deadlineSettings.updatedAt,
      updatedByName: users.name,
    })
    .from(deadlineSettings)
    .leftJoin(users, eq(users.id, deadlineSettings.updatedById))
    .where(eq(deadlineSettings.id, SETTINGS_ID));
}

/** The desk's targets and due-soon window (the defaults until an admin saves them), on either engine. */
export async function loadDeadlineSettings(db: DbExecutor): Promise<DeadlineSettingsView> {
  return settingsView(await firstRow(selectSettings(db)));
}

/** An admin sets the targets and the due-soon window; all or nothing, validated like the form. */
export async function updateDeadlineSettings(db: DbExecutor, actor: Actor, input: unknown): Promise<Result<DeadlineSettingsView>> {
  const { deadlineSettings } = tablesOf(db);
  const permission = canConfigureDeadlines(actor);
  if (!permission.allowed) return fail(permission.code, permission.reason);
  const parsed = parseInput(deadlineSettingsSchema, input, "Check the targets.");
  if (!parsed.ok) return parsed;
  const { targets, dueSoonHours, dueSoonPercent } = parsed.value;
  const values = { draftHours: targets.draft, reviewedHours: targets.reviewed, dueSoonHours, dueSoonPercent, updatedById: actor.id, updatedAt: nowIso() };
  await db.insert(deadlineSettings).values({ id: SETTINGS_ID, ...values }).onConflictDoUpdate({ target: deadlineSettings.id, set: values });
  return ok(await loadDeadlineSettings(db));
}
