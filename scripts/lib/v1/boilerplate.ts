import type { SentenceSpan } from "./sentences";

export interface BoilerplateContext {
  /** The sentence is the whole of its line (a heading, label or link text). */
  wholeLine?: boolean;
  /** The sentence comes after an end-of-article marker (donation appeal, "Contact X at", ...). */
  afterArticleEnd?: boolean;
}

// Phrases that only ever appear in page chrome, wherever they occur in a sentence.
const BOILERPLATE_PHRASES: RegExp[] = [
  /\b(sign|signing) up for (our|the|a) (free )?(daily |weekly )?newsletters?\b/i,
  /\bsubscribe (to|for) (our|the) (free )?(daily |weekly )?(newsletter|podcast|channel|updates)/i,
  /\b(get|receive) (our|the) (free )?(daily |weekly )?newsletter/i,
  /\brepublish(ing)? (this|our) (article|story|content)/i,
  /\b(read|see) (this )?before republishing\b|\bto republish\b|\bavailable to republish\b/i,
  /\btracking pixel\b|\bcanonical (link|url)s?\b/i,
  /\byour browser (does not|doesn['’]t) support\b/i,
  /\b(please )?(enable|turn on) javascript\b|\bjavascript (is )?(disabled|required)\b/i,
  /\bwe (do not|don['’]t) support internet explorer\b|\bupdate your browser\b/i,
  /\bplease use (chrome|firefox|safari|edge|a (modern|different|supported) browser)\b/i,
  /\bto view this (site|page|video|content)\b/i,
  /\b(this (site|website) uses|we use) cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b/i,
  /\bprivacy policy\b|\bterms of (use|service)\b|\ball rights reserved\b|©|\bcopyright \d{4}\b/i,
  /\[email\s*protected\]/i,
  /\b(support|fund) (our|independent) (work|journalism|newsroom|reporting|mission)\b/i,
  /\b(become|becoming) a ([\p{Lu}][\p{L}]+ )?(member|subscriber|patron|supporter)\b/iu,
  /\bmake a (tax[- ]deductible )?(gift|donation)\b|\b(donate|give) (now|today)\b|\bplease donate\b/i,
  /\bjoin our mission\b|\breaders like you\b|\bi hope you (appreciated|enjoyed) this article\b/i,
  /\bfollow us on (twitter|facebook|instagram|x)\b|\bshare (this|on) (article|story|facebook|twitter)\b/i,
  /\b(click|tap) here\b|\bstory continues below\b|\bcontinue reading\b/i,
  /\b(photo|image|banner|thumbnail|video)( \/ \w+)? ?(credit)? ?:\s*\p{Lu}/iu,
  /\b(getty images|shutterstock|ap photo|afp via getty|reuters\/)/i,
  /\bthis (article|story) (was )?(originally )?(published|appeared) (on|in|by)\b/i,
];

// Whole-sentence labels: navigation, widgets and section names.
const LABELS: RegExp[] = [
  /^(skip to (main )?content|main menu|menu|search|home|close|share|tweet|email|print|comments?)$/i,
  /^(view|show|load|hide|read) (\d+ )?comments?$/i,
  /^(recommended|related|trending|popular|most read|more)( (for you|stories|articles|content|news|from \p{L}+))?$/iu,
  /^(read|see) (more|next|full story|also)\b.{0,60}$/i,
  /^(advertisement|advertising|sponsored( content)?|ad|promoted)$/i,
  /^(sign in|log ?in|sign up|register|subscribe|donate|newsletter)( now| today| here)?$/i,
  /^\d+ (min|minute)s? read$/i,
];

const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const DATELINE = new RegExp(
  `^((date|published|updated|posted)\\s*:?\\s*)?(${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+${MONTH}\\s+\\d{4})(\\s*(at\\s*)?\\d{1,2}:\\d{2}\\s*([ap]\\.?m\\.?)?\\s*([A-Z]{2,4})?)?$`,
  "i",
);
const BYLINE = /^(by|written by|reporting by|words by)\s+\p{Lu}[\p{L}'’.-]*(\s+(\p{Lu}[\p{L}'’.-]*|and|&|,))*\s*(,\s*[^.]{0,60})?$/u;
const SIGNATURE = /^[—–-]\s*\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,4},?\s*.{0,60}$/u;
const CONTACT = /^([Cc]ontact|[Ee]mail|[Rr]each|[Ff]ollow) \p{Lu}[\p{L}'’-]*( \p{Lu}[\p{L}'’-]*)* (at|on|via)\b/u;

// Markers after which the rest of a page is appeals, republishing rules and widgets.
const ARTICLE_END_MARKERS: RegExp[] = [
  CONTACT,
  /^(view|show|load) (\d+ )?comments?$/i,
  /^recommended for you$/i,
  /^republish this (story|article)$/i,
  /\bi hope you (appreciated|enjoyed) this article\b/i,
  /^before you go\b/i,
  /^(related|more) (stories|articles)$/i,
];

function words(sentence: string): string[] {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** True for page leftovers that are never claims, judged from the sentence (and where it sits). */
export function isBoilerplate(sentence: string, context: BoilerplateContext = {}): boolean {
  const s = sentence.trim();
  if (context.afterArticleEnd) return true;
  const ws = words(s);
  if (ws.length <= 1) return true;
  if (BOILERPLATE_PHRASES.some((re) => re.test(s))) return true;
  const bare = s.replace(/[\s.:!?»›>|]+$/u, "");
  if (LABELS.some((re) => re.test(bare))) return true;
  if (DATELINE.test(bare) || BYLINE.test(bare) || SIGNATURE.test(bare) || CONTACT.test(bare)) {
    return true;
  }
  // A short capitalised line with no sentence punctuation: a name tag under a photo, a section
  // label or a navigation link ("Donald Trump", "Fast Forward", "Skip To Content").
  if (
    context.wholeLine !== false &&
    ws.length <= 4 &&
    !/[.!?…"”:]$/.test(s) &&
    !/\d/.test(s) &&
    ws.every((w) => /^[\p{Lu}&]/u.test(w) || /^(to|for|of|the|and|a|in|on|with|by)$/i.test(w))
  ) {
    return true;
  }
  return false;
}

/**
 * Flags each sentence of a document, using what a single sentence cannot show:
 * whether it fills its line, whether it follows an end-of-article marker, and
 * whether its line is a page title repeating the headline with a site name.
 */
export function markBoilerplate(text: string, sentences: SentenceSpan[]): boolean[] {
  const lineOf = (s: SentenceSpan) => {
    const lineStart = text.lastIndexOf("\n", s.start - 1) + 1;
    const nl = text.indexOf("\n", s.end);
    const lineEnd = nl < 0 ? text.length : nl;
    return { lineStart, lineEnd, line: text.slice(lineStart, lineEnd).trim() };
  };
  const lines = new Set(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );

  let articleEnded = false;
  return sentences.map((s) => {
    const { line } = lineOf(s);
    const wholeLine = line === s.text;
    if (!articleEnded && s.start >= text.length * 0.4) {
      articleEnded = ARTICLE_END_MARKERS.some((re) => re.test(s.text.trim()));
    }
    if (isPageTitle(line, lines)) return true;
    return isBoilerplate(s.text, { wholeLine, afterArticleEnd: articleEnded });
  });
}

// "Headline – Site Name" when the bare "Headline" is also on the page.
function isPageTitle(line: string, lines: Set<string>): boolean {
  const m = line.match(/^(.+?)\s+[–—|-]\s+[^–—|]{2,40}$/u);
  return m !== null && lines.has(m[1].trim());
}
