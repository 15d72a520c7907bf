import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbExecutor } from "@/db/client";
import type { SavedView } from "@/db/schema";
import { firstRow, tablesOf } from "@/db/tables";
import { isUniqueViolation } from "@/lib/core/db-errors";
import type { Actor } from "@/lib/core/actor";
import { parseInput, parseQuery } from "@/lib/core/parse";
import { fail, ok, type Result } from "@/lib/core/result";
import { nowIso } from "@/lib/core/transaction";
import { queueQuerySchema, type QueueQuery } from "@/lib/validations/claims";

export const VIEW_NAME_MAX = 80;
/** Enough for every person's handful of views; the navigation lists them all. */
export const MAX_VIEWS_PER_PERSON = 50;

export const viewNameSchema = z
  .string({ error: "Name the view" })
  .trim()
  .min(1, "Name the view")
  .max(VIEW_NAME_MAX, `Keep the name under ${VIEW_NAME_MAX} characters`);

export const saveViewSchema = z.object({
  name: viewNameSchema,
  /** The queue's query string, with or without "?". */
  query: z.string().max(2000, "This view's address is too long"),
});

export const renameViewSchema = z.object({ name: viewNameSchema });

export type SaveViewInput = z.input<typeof saveViewSchema>;

/** The order a view's filters are written in, so one view has one query string. */
const QUERY_KEYS = ["state", "q", "articleId", "assigneeId", "submitterId", "verdict", "assigned", "actionable", "sort", "limit"] as const satisfies ReadonlyArray<keyof QueueQuery>;

/**
 * A queue query string re-validated with the queue's own schema and written back from what it
 * understood: unknown parameters dropped, the page position (`cursor`) dropped (a view is its filters
 * and order, not a page of it), and a value the queue would refuse refused here.
 */
export function normalizeViewQuery(raw: string): Result<string> {
  const parsed = parseQuery(queueQuerySchema, new URLSearchParams(raw.replace(/^\?/, "")));
  if (!parsed.ok) return fail("invalid", "This view has filters the queue does not understand", { fields: { query: Object.values(parsed.error.fields ?? {}).flat() } });
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = parsed.value[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return ok(params.toString());
}

/** Where a view opens: the queue with its query. Anyone signed in can open it; the queue applies their own scope. */
export function viewHref(view: Pick<SavedView, "query">): string {
  return view.query ? `/queue?${view.query}` : "/queue";
}

const nameTaken = (name: string) => fail("conflict", `You already have a view named "${name}"`, { fields: { name: [`You already have a view named "${name}"`] } });

/** Saves the queue view `query` for `actor` under `name` (unique per person). */
export async function saveView(db: DbExecutor, actor: Pick<Actor, "id">, input: unknown): Promise<Result<SavedView>> {
  const { savedViews } = tablesOf(db);
  const parsed = parseInput(saveViewSchema, input);
  if (!parsed.ok) return parsed;
  const query = normalizeViewQuery(parsed.value.query);
  if (!query.ok) return query;
  const count = (await db.select({ id: savedViews.id }).from(savedViews).where(eq(savedViews.userId, actor.id))).length;
  if (count >= MAX_VIEWS_PER_PERSON) return fail("conflict", `You have ${MAX_VIEWS_PER_PERSON} saved views already; delete one first`);
  try {
    const [view] = await db.insert(savedViews).values({ userId: actor.id, name: parsed.value.name, query: query.value, createdAt: nowIso() }).returning();
    return ok(view);
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(parsed.value.name);
    throw error;
  }
}

/** A person's views, by name. */
export async function listViews(db: DbExecutor, userId: number): Promise<SavedView[]> {
  const { savedViews } = tablesOf(db);
  return db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(asc(savedViews.name), asc(savedViews.id));
}

/** The view if it is `actor`'s; someone else's view is "not found", so ids say nothing about other people's views. */
async function ownView(db: DbExecutor, actor: Pick<Actor, "id">, viewId: number): Promise<Result<SavedView>> {
  const { savedViews } = tablesOf(db);
  const view = Number.isSafeInteger(viewId) && viewId > 0
    ? await firstRow(db.select().from(savedViews).where(and(eq(savedViews.id, viewId), eq(savedViews.userId, actor.id))))
    : undefined;
  return view ? ok(view) : fail("not_found", "No such saved view of yours");
}

export async function renameView(db: DbExecutor, actor: Pick<Actor, "id">, viewId: number, input: unknown): Promise<Result<SavedView>> {
  const { savedViews } = tablesOf(db);
  const parsed = parseInput(renameViewSchema, input);
  if (!parsed.ok) return parsed;
  const view = await ownView(db, actor, viewId);
  if (!view.ok) return view;
  try {
    const [renamed] = await db.update(savedViews).set({ name: parsed.value.name }).where(eq(savedViews.id, view.value.id)).returning();
    return ok(renamed);
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(parsed.value.name);
    throw error;
  }
}

export async function deleteView(db: DbExecutor, actor: Pick<Actor, "id">, viewId: number): Promise<Result<{ id: number }>> {
  const { savedViews } = tablesOf(db);
  const view = await ownView(db, actor, viewId);
  if (!view.ok) return view;
  await db.delete(savedViews).where(eq(savedViews.id, view.value.id));
  return ok({ id: view.value.id });
}
