/*
 * Which live events a desk page shows, so LiveProvider refreshes a page only when something on it
 * changed: a claim page its claim (changes and comments), an article page its article and claims,
 * My work and the queue any claim, the article list new articles. No imports: the client uses it.
 */

export interface PageEvent {
  kind: string;
  claimId?: number;
  articleId?: number | null;
}

export function pageShows(pathname: string, event: PageEvent): boolean {
  const claim = /^\/claims\/(\d+)(?:\/|$)/.exec(pathname);
  if (claim) return event.claimId === Number(claim[1]);
  const article = /^\/articles\/(\d+)(?:\/|$)/.exec(pathname);
  if (article) return event.articleId === Number(article[1]);
  if (pathname === "/" || pathname === "/queue" || pathname.startsWith("/queue/")) return event.kind.startsWith("claim.");
  if (pathname === "/articles") return event.kind === "article.added" || event.kind === "claim.submitted";
  return false;
}
