/*
 * How the desk says who changed what, for the live banner (client) and a stale form's "what changed"
 * (lib/workflow/changes-since.ts, server): one wording, no imports, so both sides can use it.
 */

/** What the wording needs of an event (a RecordedEvent or a LiveEvent fits). */
export interface Describable {
  kind: string;
  action?: string;
  actorId?: number;
  assigneeId?: number | null;
  citationIds?: readonly number[];
  title?: string;
}

/** "verified this claim", "assigned this claim to Ana Ruiz": what someone did, after their name. */
export function changePhrase(event: Describable, nameOf: (userId: number) => string | null = () => null): string {
  switch (event.kind) {
    case "claim.submitted":
      return "submitted this claim";
    case "claim.edited":
      return "edited this claim's text";
    case "claim.transitioned":
      if (event.action === "review") return "reviewed this claim";
      if (event.action === "verify") return "verified this claim";
      if (event.action === "return") return "returned this claim to draft";
      return "changed this claim's state";
    case "claim.assigned": {
      if (event.assigneeId == null) return "unassigned this claim";
      if (event.assigneeId === event.actorId) return "assigned this claim to themselves";
      return `assigned this claim to ${nameOf(event.assigneeId) ?? `user #${event.assigneeId}`}`;
    }
    case "claim.cited": {
      const count = event.citationIds?.length ?? 0;
      return count === 1 ? "added a citation to this claim" : `added ${count || "some"} citations to this claim`;
    }
    case "article.added":
      return event.title ? `added the article “${event.title}”` : "added an article";
    case "summary.published":
      return "published a summary";
    case "summary.withdrawn":
      return "withdrew a summary";
  }
  if (event.kind.startsWith("comment.")) {
    if (/edit/.test(event.kind)) return "edited a comment on this claim";
    if (/delet/.test(event.kind)) return "deleted a comment on this claim";
    return "commented on this claim";
  }
  return "changed this claim";
}

/** "a moment ago", "2 minutes ago", "yesterday": how long ago, in words. */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds) || seconds < 45) return "a moment ago";
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return "a minute ago";
  if (minutes < 60) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 2) return "an hour ago";
  if (hours < 24) return `${hours} hours ago`;
  const days = Math.round(hours / 24);
  if (days < 2) return "yesterday";
  return `${days} days ago`;
}

/** "Elena Marsh verified this claim a moment ago". */
export function changeSentence(actorName: string | null, phrase: string, at: string, now?: Date): string {
  return `${actorName ?? "Someone"} ${phrase} ${timeAgo(at, now)}`;
}
