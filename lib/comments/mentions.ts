/*
 * Mentions as comment bodies store them: `@[Elena Marsh](user:3)`. The id is what counts (names
 * change); the name in brackets is what a reader of the raw text sees. Free of imports so the
 * comment form can use it in the browser.
 */

/** A well-formed mention: a name without brackets or line breaks, and a user id. */
export const MENTION_PATTERN = /@\[([^\[\]\n]{1,100})\]\(user:([1-9]\d{0,14})\)/g;
/** Anything that starts like a mention (`@[…](user:`) — those that are not well-formed are refused, not stored as text. */
const MENTION_LIKE = /@\[[^\]\n]*\]\(user:[^)\s]*\)?/g;

export interface ParsedMentions {
  /** The user ids mentioned, each once, in order of first mention. */
  ids: number[];
  /** Mention-like text that is not a well-formed mention. */
  malformed: string[];
}

export function parseMentions(body: string): ParsedMentions {
  const ids: number[] = [];
  for (const match of body.matchAll(MENTION_PATTERN)) {
    const id = Number(match[2]);
    if (!ids.includes(id)) ids.push(id);
  }
  const wellFormed = new Set([...body.matchAll(MENTION_PATTERN)].map((match) => match.index));
  const malformed = [...body.matchAll(MENTION_LIKE)].filter((match) => !wellFormed.has(match.index)).map((match) => match[0]);
  return { ids, malformed };
}

/** The text to insert for a mention of this user (brackets in a name would end it early, so they go). */
export function mentionOf(user: { id: number; name: string }): string {
  const name = user.name.replace(/[\[\]\n]/g, " ").trim().slice(0, 100) || `user ${user.id}`;
  return `@[${name}](user:${user.id})`;
}
