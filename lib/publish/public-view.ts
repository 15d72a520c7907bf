import type { PublicClaim, PublicSummary, SnapshotCitation, SnapshotClaim, SummarySnapshot } from "./types";

/*
 * The leak filter: what of a published snapshot readers may see. Snapshots are frozen at publish
 * time with the desk's own words in them (a citation of an article without a URL carries the
 * document reference "Factdesk article #6", which is how the desk finds it again); every public
 * output (page, version pages, JSON, Markdown, feed, embed, share image, oEmbed) reads summaries
 * through getPublicSummary, which applies this, so none of them can show such a reference.
 */

/** "(Factdesk article #6)", "Factdesk claim #12", "desk article #3": the desk's own reference to its records. */
const REFERENCE = String.raw`\b(?:factdesk|desk)\s+(?:article|claim|citation|summary)\s*(?:#|no\.?\s*|number\s*)\d+\b`;
const DESK_REFERENCE = new RegExp(String.raw`\s*\(?${REFERENCE}\)?`, "gi");
/** A bracketed aside that holds one: "(see Factdesk article #6)" goes whole. */
const DESK_ASIDE = new RegExp(String.raw`\s*\([^()]*${REFERENCE}[^()]*\)`, "gi");
/** Desk pages: /articles/6, /claims/12, /queue… (only the desk serves these; never public). */
const DESK_PATH = /^\/(?:articles|claims|queue|admin|inbox|dashboard|views|settings)(?:\/|$)/;

export function isDeskReference(text: string): boolean {
  DESK_REFERENCE.lastIndex = 0;
  const found = DESK_REFERENCE.test(text);
  DESK_REFERENCE.lastIndex = 0;
  return found;
}

/** The text without desk references (and without the space or brackets they leave). */
export function withoutDeskReferences(text: string): string {
  if (!isDeskReference(text)) return text;
  return text
    .replace(DESK_ASIDE, "")
    .replace(DESK_REFERENCE, "")
    .replace(/\(\s*\)/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * Null for a desk address: a relative one, or a desk path on this site's public origin (or on a
 * loopback host, where the desk runs in development). Other sites' addresses are kept as they are.
 */
export function publicLink(url: string | null, publicOrigin?: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // relative or malformed: nothing a reader could follow
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  const ours = publicOrigin != null && parsed.origin === new URL(publicOrigin).origin;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
  if ((ours || loopback) && DESK_PATH.test(parsed.pathname)) return null;
  return url;
}

const orNull = (text: string | null) => {
  if (text == null) return null;
  const kept = withoutDeskReferences(text);
  return kept === "" ? null : kept;
};

function publicCitation(citation: SnapshotCitation, origin?: string): SnapshotCitation {
  return {
    ...citation,
    url: publicLink(citation.url, origin),
    documentRef: orNull(citation.documentRef),
    title: withoutDeskReferences(citation.title) || citation.publisher || "Source",
    publisher: orNull(citation.publisher),
    quote: withoutDeskReferences(citation.quote),
  };
}

/**
 * Where the claim appeared, for readers: the article's address when it has one, otherwise its
 * publisher and date (from the origin citation, else from the article the summary is about), so a
 * reader can find it without the desk's reference.
 */
function publicAppearance(claim: SnapshotClaim, article: SummarySnapshot["article"], origin?: string): SnapshotClaim["appearance"] {
  const appearance = claim.appearance;
  if (!appearance) return null;
  const url = publicLink(appearance.url, origin);
  return {
    url,
    title: withoutDeskReferences(appearance.title) || article.title,
    publisher: orNull(appearance.publisher) ?? (url ? null : orNull(article.publisher)),
    quote: withoutDeskReferences(appearance.quote),
    datePublished: appearance.datePublished ?? (url ? null : article.publishedAt),
  };
}

export function publicClaim<C extends SnapshotClaim>(claim: C, article: SummarySnapshot["article"], origin?: string): C {
  return {
    ...claim,
    text: withoutDeskReferences(claim.text),
    explanation: withoutDeskReferences(claim.explanation),
    appearance: publicAppearance(claim, article, origin),
    citations: claim.citations.map((c) => publicCitation(c, origin)),
  };
}

/** The summary as readers may see it (see the top of this file). */
export function publicSummaryView(summary: PublicSummary, origin?: string): PublicSummary {
  const article = {
    ...summary.article,
    title: withoutDeskReferences(summary.article.title),
    sourceUrl: publicLink(summary.article.sourceUrl, origin),
    publisher: orNull(summary.article.publisher),
  };
  return {
    ...summary,
    title: withoutDeskReferences(summary.title),
    introduction: withoutDeskReferences(summary.introduction),
    correctionNote: orNull(summary.correctionNote),
    article,
    claims: summary.claims.map((claim): PublicClaim => publicClaim(claim, summary.article, origin)),
    withdrawn: summary.withdrawn ? { ...summary.withdrawn, reason: withoutDeskReferences(summary.withdrawn.reason) } : null,
    corrections: summary.corrections.map((entry) => ({
      ...entry,
      note: withoutDeskReferences(entry.note),
      changes: entry.changes.map((change) => ({ ...change, description: withoutDeskReferences(change.description) })),
    })),
    versions: summary.versions.map((v) => ({ ...v, title: withoutDeskReferences(v.title) })),
    reinstated: summary.reinstated ? { ...summary.reinstated, reason: withoutDeskReferences(summary.reinstated.reason) } : null,
  };
}
