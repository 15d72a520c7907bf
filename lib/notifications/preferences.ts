import { eq, inArray } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import { ok, type Result } from "@/lib/core/result";
import { nowIso } from "@/lib/core/transaction";
import { NOTIFICATION_KINDS, type EmailMode, type NotificationKind } from "./kinds";
import { preferencesSchema, type Preferences } from "./schemas";

export { preferencesSchema, type Preferences };

function parseMuted(json: string): Set<NotificationKind> {
  try {
    const value: unknown = JSON.parse(json);
    return new Set(Array.isArray(value) ? value.filter((kind): kind is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(kind)) : []);
  } catch {
    return new Set();
  }
}

export async function preferencesOf(db: DbExecutor, userId: number): Promise<Preferences> {
  const { notificationPreferences } = tablesOf(db);
  const row = await firstRow(db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)));
  const muted = parseMuted(row?.mutedKinds ?? "[]");
  return { enabled: NOTIFICATION_KINDS.filter((kind) => !muted.has(kind)), emailMode: row?.emailMode ?? "off" };
}

/** The kinds each of these users turned off (absent: none). Read by the notifications handler (./handler.ts). */
export async function mutedKindsOf(db: DbExecutor, userIds: readonly number[]): Promise<Map<number, Set<NotificationKind>>> {
  const { notificationPreferences } = tablesOf(db);
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...userIds]));
  return new Map(rows.map((row) => [row.userId, parseMuted(row.mutedKinds)]));
}

/** Each user's email mode ("off" for those who never chose). Read by lib/email. */
export async function emailModesOf(db: DbExecutor, userIds: readonly number[]): Promise<Map<number, EmailMode>> {
  const { notificationPreferences } = tablesOf(db);
  const modes = new Map<number, EmailMode>(userIds.map((id) => [id, "off"]));
  if (userIds.length === 0) return modes;
  for (const row of await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, [...userIds]))) modes.set(row.userId, row.emailMode);
  return modes;
}

/** A person sets their own preferences (nobody sets another's). */
export async function setPreferences(db: DbExecutor, actor: Actor, input: unknown): Promise<Result<Preferences>> {
  const { notificationPreferences } = tablesOf(db);
  const parsed = parseInput(preferencesSchema, input, "Check your choices.");
  if (!parsed.ok) return parsed;
  const enabled = new Set(parsed.value.enabled);
  const mutedKinds = JSON.stringify(NOTIFICATION_KINDS.filter((kind) => !enabled.has(kind)));
  const values = { userId: actor.id, mutedKinds, emailMode: parsed.value.emailMode, updatedAt: nowIso() };
  await db.insert(notificationPreferences).values(values).onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
  return ok(await preferencesOf(db, actor.id));
}
