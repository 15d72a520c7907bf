import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Session } from "@/db/schema";
import type { Actor } from "@/lib/core/actor";
import { parseInput } from "@/lib/core/parse";
import type { AppError, Result } from "@/lib/core/result";
import type { Role } from "@/lib/core/vocabulary";
import { requireActionSignIn } from "@/lib/auth/guards";
import { applyEffects } from "@/lib/events/effects";
import { currentRequest, newRequestContext, noteRequestError, noteRequestUser, runWithRequest } from "@/lib/observability/context";
import { logFailure } from "@/lib/observability/logger";
import type { ActionResult, ActionState, StaleRefusal } from "./result";

export interface ServerActionOptions<T, V> {
  /** The least role that may call the action at all; finer rules (four eyes, ownership) stay in lib/. */
  role: Role;
  /** What the form gets back from the domain's value (default: nothing, `null`). */
  output?: (value: T) => V;
  /** The success message the form shows. */
  message?: (value: T) => string;
  /**
   * Desk pages that no domain event covers (users, account, tokens), refreshed after a success.
   * Claim, article and summary pages are refreshed from the events by applyEffects.
   */
  revalidate?: readonly string[];
}

export interface ActionContext {
  db: Db;
  /** The signed-in user as the database knows them now, with at least `role`. */
  actor: Actor;
  /** Their server-side session (re-authentication, "sign out other sessions"). */
  session: Session;
}

export type ActionHandler<Args extends unknown[], T> = (context: ActionContext, ...args: Args) => Result<T> | Promise<Result<T>>;

/** Explains a refusal that came from a stale version (lib/actions/stale.ts); null when it was not one. */
export type StaleExplainer<Args extends unknown[]> = (context: ActionContext, error: AppError, ...args: Args) => Promise<StaleRefusal | null> | StaleRefusal | null;

/**
 * Wraps a server action in the steps every action shares, in this order: the session's actor
 * (re-read from the database) → least role → handler (a lib/ function that parses its input, checks
 * its rules and writes in one transaction) → after a success, effects (the outbox drained: pages
 * revalidated) and the desk pages named in `revalidate` → the one ActionResult shape, inside the
 * request's context (its user and refusal code on the request's log line, its id on the events). A
 * refusal at any step is a value the form shows, never a throw; a throw is logged with its stack.
 *
 *   export const submitClaimAction = serverAction({ role: "reporter", output: claimOutcome },
 *     ({ db, actor }, input: unknown) => submitClaim(db, actor, input));
 */
export function serverAction<Args extends unknown[], T, V = null>(
  options: ServerActionOptions<T, V> & { stale?: StaleExplainer<Args> },
  handler: ActionHandler<Args, T>,
) {
  async function action(...args: Args): Promise<ActionResult<V>> {
    const signedIn = await requireActionSignIn(options.role);
    if (!signedIn.ok) {
      noteRequestError(signedIn.error.code);
      return signedIn;
    }
    noteRequestUser(signedIn.value.actor.id);
    const db = getDb();
    const context = { db, ...signedIn.value };
    let result: Result<T>;
    try {
      result = await handler(context, ...args);
    } catch (error) {
      // Next answers a throw with its error page; the log keeps what happened, with the request id.
      if (!isNextControlFlow(error)) logFailure("action", error, { user_id: signedIn.value.actor.id });
      throw error;
    }
    // A refusal committed nothing, so recorded no events (what other processes leave, the poller wakes for).
    if (!result.ok) {
      noteRequestError(result.error.code);
      const stale = await options.stale?.(context, result.error, ...args);
      return stale ? { ok: false, error: result.error, stale } : { ok: false, error: result.error };
    }
    await applyEffects(db);
    for (const path of options.revalidate ?? []) revalidatePath(path);
    return {
      ok: true,
      value: options.output ? options.output(result.value) : (null as V),
      ...(options.message && { message: options.message(result.value) }),
    };
  }
  // In the request's context (its id on events and log lines); a new one when none was entered (tests).
  return async function observedAction(...args: Args): Promise<ActionResult<V>> {
    return currentRequest() ? action(...args) : runWithRequest(newRequestContext(), () => action(...args));
  };
}

/** redirect(), notFound() and friends throw on purpose: they are answers, not failures. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_NOT_FOUND|NEXT_HTTP_ERROR_FALLBACK)/.test(digest);
}

/** A FormData's fields as plain strings (files are not read by these forms). */
function formFields(formData: FormData | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData?.entries() ?? []) if (typeof value === "string" && !(name in fields)) fields[name] = value;
  return fields;
}

/** A form's fields when the action names no schema: the domain function parses them itself. */
const anyFields = z.record(z.string(), z.string());

/**
 * serverAction for `<form action>` with `useActionState` (works without JavaScript): the previous
 * state is ignored and the form's fields (strings) are parsed with `schema`, an `invalid` refusal
 * naming the fields when they do not fit, before the handler sees them.
 */
export function formAction<T, V = null, S extends z.ZodType = typeof anyFields>(
  options: ServerActionOptions<T, V> & { schema?: S },
  handler: (context: ActionContext, input: z.output<S>) => Result<T> | Promise<Result<T>>,
) {
  const schema = options.schema ?? anyFields;
  const action = serverAction<[FormData | undefined], T, V>(options, async (context, formData) => {
    const parsed = parseInput(schema, formFields(formData));
    return parsed.ok ? handler(context, parsed.value as z.output<S>) : parsed;
  });
  return async function form(_previous: ActionState<V>, formData?: FormData): Promise<ActionResult<V>> {
    return action(formData);
  };
}
