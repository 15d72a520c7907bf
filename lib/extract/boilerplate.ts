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

// A word or mark that every match of BOILERPLATE_PHRASES contains: most sentences have none of them,
// and one test here spares them the 23 patterns (about 1.3 ms of a 2,000-word article's 10 ms budget).
const PHRASE_HINT =
  /newsletter|subscribe|republish|pixel|canonical|browser|javascript|explorer|please use|to view this|cookie|privacy|terms of|rights reserved|©|copyright|protected|support|fund|becom|make a|donate|give|join our|readers like|hope you|follow us|share|here|continue|photo|image|banner|thumbnail|video|getty|shutterstock|reuters|this article|this story/i;

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
  if (PHRASE_HINT.test(s) && BOILERPLATE_PHRASES.some((re) => re.test(s))) return true;
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
 * whether its line is not body text: the headline (and a page title repeating it
 * with a site name), a title-case heading, or a photo caption.
 */
export function markBoilerplate(text: string, sentences: SentenceSpan[]): boolean[] {
  // Each line is sliced, trimmed and tested as a page title once, however many sentences it holds:
  // per sentence, a text without line breaks cost its whole length every time (quadratic).
  const lineCache = new Map<string, { line: string; pageTitle: boolean }>();
  const breaks: number[] = [];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) breaks.push(at);
  // The first line break at or after `from` (binary search), or -1.
  const breakFrom = (from: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lineOf = (s: SentenceSpan) => {
    // As text.lastIndexOf("\n", s.start - 1) + 1 and text.indexOf("\n", s.end), without scanning.
    const before = breakFrom(s.start) - 1;
    const lineStart = s.start - 1 < 0 ? (text[0] === "\n" ? 1 : 0) : before >= 0 ? breaks[before] + 1 : 0;
    const after = breakFrom(s.end);
    const lineEnd = after < breaks.length ? breaks[after] : text.length;
    const key = `${lineStart}:${lineEnd}`;
    let cached = lineCache.get(key);
    if (!cached) {
      const line = text.slice(lineStart, lineEnd).trim();
      cached = {
        line,
        pageTitle: isPageTitle(line, lines) || headlines.has(line) || isTitleCaseHeading(line) || isCaption(line),
      };
      lineCache.set(key, cached);
    }
    return cached;
  };
  const lines = new Set(
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const headlines = headlineLines([...lines]);

  let articleEnded = false;
  return sentences.map((s) => {
    const { line, pageTitle } = lineOf(s);
    const wholeLine = line === s.text;
    if (!articleEnded && s.start >= text.length * 0.4) {
      articleEnded = ARTICLE_END_MARKERS.some((re) => re.test(s.text.trim()));
    }
    if (pageTitle) return true;
    return isBoilerplate(s.text, { wholeLine, afterArticleEnd: articleEnded });
  });
}

// "Headline – Site Name" when the bare "Headline" is also on the page.
function isPageTitle(line: string, lines: Set<string>): boolean {
  const m = line.match(/^(.+?)\s+[–—|-]\s+[^–—|]{2,40}$/u);
  return m !== null && lines.has(m[1].trim());
}

const ENDS_LIKE_PROSE = /[.!?…:;,"”’)]$/u;

/**
 * The first line is the headline when it reads like one (no closing stop, not long) and prose
 * follows; so is a later line repeating it without the " – Site Name" suffix.
 */
function headlineLines(lines: string[]): Set<string> {
  const first = lines[0];
  const out = new Set<string>();
  if (!first || lines.length < 2 || ENDS_LIKE_PROSE.test(first) || words(first).length > 25) return out;
  out.add(first);
  const bare = first.match(/^(.+?)\s+[–—|-]\s+[^–—|]{2,40}$/u)?.[1].trim();
  if (bare) out.add(bare);
  return out;
}

/** "Kim Kardashian Meets With Jared Kushner At White House": a heading, not a sentence. */
function isTitleCaseHeading(line: string): boolean {
  if (ENDS_LIKE_PROSE.test(line)) return false;
  const ws = words(line);
  const long = ws.filter((w) => /^\p{L}{4,}/u.test(w));
  if (ws.length < 3 || long.length < 2) return false;
  const capitalised = (list: string[]) => list.filter((w) => /^\p{Lu}/u.test(w)).length / list.length;
  return capitalised(long) >= 0.8 && capitalised(ws) >= 0.6;
}

// Photo captions: "Kim Kardashian(C), Ivanka Trump(R) and ...", "... in Washington, DC, June 13, 2019."
const CAPTION_POSITION =
  /\((?:L|C|R|left|right|center|centre|far left|far right|second (?:left|right|from left|from right)|top|bottom|front|back)\)/;
// A caption names where and when the photo was taken after a comma; prose says "on June 13, 2019".
const CAPTION_PLACE_DATE = new RegExp(`\\b(in|at) [^!?]+, ${MONTH}\\s\\d{1,2},\\s\\d{4}\\.?$`, "iu");

// Captions are short; on a long line the place-and-date pattern backtracks from every "in"/"at"
// (24 s on a 400,000-character text without line breaks).
const MAX_CAPTION_CHARS = 500;

function isCaption(line: string): boolean {
  if (line.length > MAX_CAPTION_CHARS) return false;
  return CAPTION_POSITION.test(line) || (CAPTION_PLACE_DATE.test(line) && !/[.!?]\s+\p{Lu}/u.test(line));
}
