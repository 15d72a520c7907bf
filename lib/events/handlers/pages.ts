import type { DbExecutor } from "@/db/client";
import { publicPathsOfArticle, publicPathsOfSlug, publicSummaryPaths } from "@/lib/publish/revalidate";
import type { RecordedEvent } from "../types";

/**
 * The pages whose content the events changed, each once: My work (`/`), the queue and the claim's page for a
 * claim, the article list for an article, the summary's public answers (pages, embeds, share images,
 * list, feed: lib/publish/revalidate.ts) and its publish page for a publication or withdrawal, and the
 * public summary of a claim that left `verified` (it shows as under re-review there from now on). No
 * other transition changes what a published summary shows. A claim entering or leaving `verified`
 * also changes its article's summary state (Articles list, article page).
 */
export async function pagesChangedBy(db: DbExecutor, events: readonly RecordedEvent[]): Promise<Set<string>> {
  const paths = new Set<string>();
  const add = (...more: string[]) => more.forEach((path) => paths.add(path));
  const reopenedArticles = new Set<number>();
  for (const event of events) {
    switch (event.kind) {
      case "article.added":
        add("/articles");
        break;
      case "claim.transitioned":
        if (event.from === "verified" && event.articleId != null) reopenedArticles.add(event.articleId);
        if ((event.from === "verified" || event.to === "verified") && event.articleId != null) add("/articles", `/articles/${event.articleId}`);
        add("/", "/queue", `/claims/${event.claimId}`);
        break;
      case "claim.submitted":
      case "claim.edited":
      case "claim.assigned":
      case "claim.cited":
      case "claim.due_changed":
        add("/", "/queue", `/claims/${event.claimId}`);
        break;
      case "comment.added":
      case "comment.edited":
      case "comment.deleted":
        // A comment changes the claim's page only: not the lists, which show no comments.
        add(`/claims/${event.claimId}`);
        break;
      case "summary.published":
      case "summary.withdrawn":
        {
          // As the summary stands now (every claim it has carried); the event's own numbers if it is gone.
          const current = await publicPathsOfSlug(db, event.slug);
          add(...(current.length > 0 ? current : publicSummaryPaths(event.slug, event.version)));
          add(`/articles/${event.articleId}/publish`, `/articles/${event.articleId}`, "/articles");
        }
        break;
    }
  }
  // Read once per article, however many of its claims were reopened.
  for (const articleId of reopenedArticles) add(...(await publicPathsOfArticle(db, articleId)));
  return paths;
}
