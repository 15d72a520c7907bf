import type { Db } from "@/db/client";
import { tablesOf } from "@/db/tables";
import { addComment } from "@/lib/comments/comments";
import { mentionOf } from "@/lib/comments/mentions";
import type { Actor } from "@/lib/core/actor";
import { readEventsAfter } from "@/lib/events";
import { notify } from "@/lib/notifications/handler";
import { must } from "./seed-claims";

/**
 * A short discussion on the demo's age disagreement, and the notifications the seeded work would
 * have made (the notifications handler starts after the newest event on a new desk, so it would
 * not announce the seed itself): the demo inbox and the comments panel have something to show.
 */
export async function seedDemoComments(db: Db, { reporter, editor, editor2 }: { reporter: Actor; editor: Actor; editor2: Actor }, at: (hoursAgo: number) => void = () => {}): Promise<void> {
  const { claims } = tablesOf(db);
  const seeded = await db.select({ id: claims.id, text: claims.text }).from(claims);
  const claimWith = (start: string) => {
    const claim = seeded.find((row) => row.text.startsWith(start));
    if (!claim) throw new Error(`No demo claim starting “${start}”`);
    return claim.id;
  };
  const age = claimWith("Alice Marie Johnson was 62 years old");
  at(60);
  must(
    await addComment(db, editor, age, {
      body: `${mentionOf(reporter)} Metro says **62**, two other reports say 63. Do we have her date of birth from a primary source?`,
    }),
    "comment on the age claim",
  );
  at(58);
  must(
    await addComment(db, reporter, age, {
      body: `The [BOP inmate locator](https://www.bop.gov/inmateloc/) gives her age; I'll attach it as a citation. ${mentionOf(editor2)} you checked the 21-years claim — same source?`,
    }),
    "reply on the age claim",
  );
  const year = claimWith("Alice Marie Johnson received her life sentence");
  at(28);
  must(await addComment(db, editor2, year, { body: "Sentenced in 1996 or convicted in 1997 — both may be right. The docket will say." }), "comment on the year claim");
  at(0);
  await notify(db, await readEventsAfter(db, 0, 10_000));
}
