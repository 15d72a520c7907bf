import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import { firstRow, tablesOf } from "@/db/tables";
import { transact } from "@/lib/core/transaction";
import { CLAIM_STATE_LABEL, VERDICT_LABEL, type Verdict } from "@/lib/core/vocabulary";
import type { EventHandler } from "@/lib/events/dispatch";
import type { RecordedEvent } from "@/lib/events/types";
import { addFollow, followersOf, markSeen } from "@/lib/follows/follows";
import { parseSnapshot } from "@/lib/publish/snapshot";
import type { NotificationKind } from "./kinds";
import { mutedKindsOf } from "./preferences";

/*
 * Who is told what, after commit, from the outbox's events. One rule per kind:
 * - assigned: the new assignee;
 * - mentioned: each person a new or edited comment newly mentions;
 * - reviewed / verified / returned: the claim's submitter (a return carries its sign-off's note);
 * - summary_stale: whoever published a summary showing a verified claim that was returned;
 * - followed_changed: the claim's followers when it changes state, unless a kind above already told them;
 * - due_soon: the assignee, when the due-soon scanner (lib/deadlines) finds their claim near its deadline
 *   (once per claim and deadline; the scanner's event names the assignee as its actor, nobody acted).
 * Never the actor (but for due_soon), never a disabled user, never a kind the person turned off. Idempotent: one row
 * per event, person and kind (unique index), so a replayed event adds nothing.
 * Follows come from the same events: you follow what you submitted, signed off or were assigned.
 */

interface Draft {
  userId: number;
  kind: NotificationKind;
  claimId: number | null;
  summaryId?: number | null;
  commentId?: number | null;
  message: string;
}

const EXCERPT = 80;
function excerpt(text: string, max = EXCERPT): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** A comment as plain text for a message: mentions as @Name, links as their text, emphasis and code marks dropped. */
export function commentText(body: string): string {
  return body
    .replace(/@\[([^\[\]\n]{1,100})\]\(user:\d+\)/g, "@$1")
    .replace(/\[([^\]\n]*)\]\((?:https?:|mailto:)[^)\s]*\)/gi, "$1")
    .replace(/(\*\*|__|`)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=$|[\s).,!?:;])/g, "$1$2");
}

const VERB = { review: "reviewed", verify: "verified", return: "returned" } as const;

/** The people a batch names, read once each; the executor is the transaction the batch runs in. */
class BatchContext {
  private names = new Map<number, { name: string; disabled: boolean } | null>();
  constructor(private readonly db: DbExecutor) {}

  async user(id: number) {
    if (!this.names.has(id)) {
      const { users } = tablesOf(this.db);
      this.names.set(id, (await firstRow(this.db.select({ name: users.name, disabled: users.disabled }).from(users).where(eq(users.id, id)))) ?? null);
    }
    return this.names.get(id)!;
  }
  async name(id: number): Promise<string> {
    return (await this.user(id))?.name ?? `User #${id}`;
  }
  async claim(id: number) {
    const { claims } = tablesOf(this.db);
    return (await firstRow(this.db.select({ id: claims.id, text: claims.text, submitterId: claims.submitterId }).from(claims).where(eq(claims.id, id)))) ?? null;
  }
}

async function returnNote(db: DbExecutor, claimId: number, version: number): Promise<string | null> {
  const { signoffs } = tablesOf(db);
  const row = await firstRow(
    db
      .select({ note: signoffs.note })
      .from(signoffs)
      .where(and(eq(signoffs.claimId, claimId), eq(signoffs.claimVersion, version), eq(signoffs.action, "return")))
      .orderBy(desc(signoffs.id))
      .limit(1),
  );
  return row?.note ?? null;
}

/** Summaries (not withdrawn) whose current version shows the claim, with everyone who published a version of them. */
async function summariesShowing(db: DbExecutor, articleId: number, claimId: number): Promise<{ summaryId: number; title: string; publisherIds: number[] }[]> {
  const { publications, summaries } = tablesOf(db);
  const found = await db
    .select({ id: summaries.id, currentVersion: summaries.currentVersion })
    .from(summaries)
    .where(and(eq(summaries.articleId, articleId), isNull(summaries.withdrawnAt)));
  const out: { summaryId: number; title: string; publisherIds: number[] }[] = [];
  for (const summary of found) {
    const versions = await db.select().from(publications).where(eq(publications.summaryId, summary.id));
    const current = versions.find((version) => version.version === summary.currentVersion);
    if (!current || !parseSnapshot(current.snapshot).claims.some((claim) => claim.id === claimId)) continue;
    out.push({ summaryId: summary.id, title: current.title, publisherIds: [...new Set(versions.map((version) => version.publishedById))] });
  }
  return out;
}

async function draftsFor(db: DbExecutor, context: BatchContext, event: RecordedEvent): Promise<Draft[]> {
  const actor = await context.name(event.actorId);
  switch (event.kind) {
    case "claim.assigned": {
      if (event.assigneeId == null) return [];
      const claim = await context.claim(event.claimId);
      return [{ userId: event.assigneeId, kind: "assigned", claimId: event.claimId, message: `${actor} assigned you claim #${event.claimId}${claim ? `: “${excerpt(claim.text)}”` : ""}` }];
    }
    case "comment.added":
    case "comment.edited": {
      const mentioned = event.kind === "comment.added" ? event.mentions : event.newMentions;
      if (mentioned.length === 0) return [];
      const { comments } = tablesOf(db);
      const body = (await firstRow(db.select({ body: comments.body }).from(comments).where(eq(comments.id, event.commentId))))?.body ?? "";
      return mentioned.map((userId) => ({
        userId,
        kind: "mentioned" as const,
        claimId: event.claimId,
        commentId: event.commentId,
        message: `${actor} mentioned you on claim #${event.claimId}${body ? `: “${excerpt(commentText(body), 120)}”` : ""}`,
      }));
    }
    case "claim.transitioned": {
      const claim = await context.claim(event.claimId);
      if (!claim) return [];
      const drafts: Draft[] = [];
      const note = event.action === "return" ? await returnNote(db, event.claimId, event.version) : null;
      const reason = note ? `: '${excerpt(note, 160)}'` : "";
      const verdict = event.action === "verify" && event.verdict ? ` as ${VERDICT_LABEL[event.verdict as Verdict]}` : "";
      const own = event.action === "review" ? "reviewed" : event.action === "verify" ? "verified" : "returned";
      drafts.push({ userId: claim.submitterId, kind: own, claimId: claim.id, message: `${actor} ${VERB[event.action]} your claim #${claim.id}${verdict}${reason}` });
      if (event.action === "return" && event.from === "verified" && event.articleId != null) {
        for (const summary of await summariesShowing(db, event.articleId, claim.id)) {
          for (const userId of summary.publisherIds) {
            drafts.push({
              userId,
              kind: "summary_stale",
              claimId: claim.id,
              summaryId: summary.summaryId,
              message: `${actor} returned claim #${claim.id}, published in your summary “${excerpt(summary.title, 60)}”: it needs republishing${reason}`,
            });
          }
        }
      }
      for (const userId of await followersOf(db, claim.id)) {
        drafts.push({
          userId,
          kind: "followed_changed",
          claimId: claim.id,
          message: `${actor} ${VERB[event.action]} claim #${claim.id}, which you follow (now ${CLAIM_STATE_LABEL[event.to]})${verdict}${reason}`,
        });
      }
      return drafts;
    }
    case "claim.due_soon": {
      const claim = await context.claim(event.claimId);
      if (!claim) return [];
      const hours = Math.max(0, (Date.parse(event.deadline) - Date.parse(event.at)) / 3_600_000);
      const when = hours < 1 ? `in ${Math.max(1, Math.round(hours * 60))} min` : `in ${Math.round(hours)} h`;
      const what = event.source === "due" ? "is due" : `reaches the desk's target for ${CLAIM_STATE_LABEL[event.state].toLowerCase()} claims`;
      return [{ userId: event.assigneeId, kind: "due_soon", claimId: claim.id, message: `Claim #${claim.id}, assigned to you, ${what} ${when}: “${excerpt(claim.text)}”` }];
    }
    default:
      return [];
  }
}

/** The drafts each person gets: not the actor, not the disabled, only kinds they want; followed_changed only when nothing more specific told them. */
async function chosen(db: DbExecutor, context: BatchContext, event: RecordedEvent, drafts: Draft[]): Promise<Draft[]> {
  const candidates: Draft[] = [];
  for (const draft of drafts) {
    if (draft.kind !== "due_soon" && draft.userId === event.actorId) continue;
    const user = await context.user(draft.userId);
    if (user && !user.disabled) candidates.push(draft);
  }
  const muted = await mutedKindsOf(db, [...new Set(candidates.map((draft) => draft.userId))]);
  const wanted = candidates.filter((draft) => !muted.get(draft.userId)?.has(draft.kind));
  const told = new Set(wanted.filter((draft) => draft.kind !== "followed_changed").map((draft) => draft.userId));
  const seen = new Set<string>();
  return wanted.filter((draft) => {
    if (draft.kind === "followed_changed" && told.has(draft.userId)) return false;
    const key = `${draft.userId}:${draft.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Follows the event implies, and the actor having seen the claim as they left it. */
async function recordFollows(db: DbExecutor, event: RecordedEvent): Promise<void> {
  switch (event.kind) {
    case "claim.submitted":
      await addFollow(db, event.actorId, event.claimId, "submitted", event.version, event.at);
      break;
    case "claim.transitioned":
      await addFollow(db, event.actorId, event.claimId, "reviewed", event.version, event.at);
      break;
    case "claim.assigned":
      if (event.assigneeId != null) await addFollow(db, event.assigneeId, event.claimId, "assigned", event.version, event.at);
      break;
  }
  if ("version" in event && "claimId" in event && event.kind.startsWith("claim.")) await markSeen(db, event.actorId, event.claimId, event.version, event.at);
}

/** Notifies and records follows for a batch of events, all in one transaction (on either engine). */
export async function notify(db: Db, events: readonly RecordedEvent[]): Promise<void> {
  const done = await transact(db, async (tx) => {
    const { notifications } = tablesOf(tx);
    const context = new BatchContext(tx);
    for (const event of events) {
      const drafts = await chosen(tx, context, event, await draftsFor(tx, context, event));
      if (drafts.length > 0) {
        await tx
          .insert(notifications)
          .values(
            drafts.map((draft) => ({
              userId: draft.userId,
              kind: draft.kind,
              claimId: draft.claimId,
              summaryId: draft.summaryId ?? null,
              commentId: draft.commentId ?? null,
              actorId: event.actorId,
              eventId: event.id,
              message: draft.message,
              createdAt: event.at,
            })),
          )
          .onConflictDoNothing();
      }
      await recordFollows(tx, event);
    }
    // Every write is ON CONFLICT DO NOTHING or only raises a seen version: running it again is harmless.
  }, { retries: 2 });
  if (!done.ok) throw new Error(`notifications: ${done.error.message}`);
}

/** The notifications consumer (lib/events/effects.ts): new events only, nobody hears about last year's changes. */
export const notificationsHandler: EventHandler = {
  name: "notifications",
  history: "skip",
  handle(events, db) {
    return notify(db, events);
  },
};

