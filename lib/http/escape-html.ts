/**
 * Text made safe to place in HTML, as element content or inside a quoted attribute: the five
 * characters HTML gives meaning to become entities. For the few answers written as strings rather than
 * by React (the feed's HTML entries, emails, the embed code, the 410 page).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Text made safe as HTML element content only (never an attribute): just `&`, `<` and `>`. For the
 * feed's `type="html"` titles and summaries, which readers that skip entity decoding show as they are,
 * so nothing is escaped there that need not be (an apostrophe stays an apostrophe).
 */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
