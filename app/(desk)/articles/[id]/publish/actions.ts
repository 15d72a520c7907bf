"use server";

import { serverAction } from "@/lib/actions/server-action";
import { publishSummary, withdrawSummary } from "@/lib/publish/publish";

/*
 * Session actor (an editor) → lib/publish (validation, editor rule, one transaction) → the effects of
 * its summary events: the cached public pages, the feed and this publish page are refreshed.
 */

export const publishSummaryAction = serverAction(
  {
    role: "editor",
    output: ({ summary, publication, created }: { summary: { slug: string }; publication: { version: number }; created: boolean }) => ({
      slug: summary.slug,
      version: publication.version,
      created,
    }),
  },
  ({ db, actor }, articleId: number, input: unknown) => publishSummary(db, actor, articleId, input),
);

export const withdrawSummaryAction = serverAction(
  { role: "editor", output: (summary: { slug: string }) => ({ slug: summary.slug }) },
  ({ db, actor }, articleId: number, input: unknown) => withdrawSummary(db, actor, articleId, input),
);
