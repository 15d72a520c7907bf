/*
 * Which of a claim's sources the public sees. Attaching a citation vouches for nothing: anyone who
 * may work on the claim can add one, to a verified claim too. A citation is published only once a
 * sign-off rests on it, because only then has a named person checked it; the others wait on the
 * desk, marked as awaiting a sign-off, until a later transition names them.
 */

/** The ids of the citations some sign-off of the claim rests on: one of the read model's facts. */
export { signedCitationIds } from "@/lib/workflow/read-model";

/** True when the citation may appear on public pages, JSON-LD, the feed and exports. */
export function isPublishableCitation(citationId: number, signed: ReadonlySet<number>): boolean {
  return signed.has(citationId);
}
