import MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

/*
 * Comment bodies are Markdown, rendered to HTML here and nowhere else. The subset is what
 * markdown-it's CommonMark parser gives with raw HTML off (it is shown as text) and images off, and
 * links are kept only for http(s) and mailto: anything else (javascript:, data:, relative paths)
 * stays as plain text. Every link opens with rel="noopener noreferrer nofollow ugc". Mentions
 * `@[Name](user:ID)` render as "@Name", with the user's current name when it is known.
 */

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

export function isSafeCommentLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

const MENTION_AT = /^@\[([^\[\]\n]{1,100})\]\(user:([1-9]\d{0,14})\)/;

function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40 /* @ */) return false;
  const match = MENTION_AT.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push("mention", "", 0);
    token.meta = { name: match[1], userId: Number(match[2]) };
  }
  state.pos += match[0].length;
  return true;
}

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt("default", { html: false, linkify: true, breaks: true, typographer: false });
  md.disable(["image", "heading", "lheading", "table", "hr"]);
  md.validateLink = isSafeCommentLink;
  md.inline.ruler.before("link", "mention", mentionRule);
  md.renderer.rules.mention = (tokens, idx, _options, env: RenderEnv) => {
    const { name, userId } = tokens[idx].meta as { name: string; userId: number };
    const shown = env.names?.get(userId) ?? name;
    return `<span class="mention" data-user-id="${userId}">@${md.utils.escapeHtml(shown)}</span>`;
  };
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet("rel", "noopener noreferrer nofollow ugc");
    tokens[idx].attrSet("target", "_blank");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

interface RenderEnv {
  names?: ReadonlyMap<number, string>;
}

let renderer: MarkdownIt | undefined;

/** The comment as safe HTML; `names` gives mentioned users' current names by id. */
export function renderCommentHtml(body: string, names?: ReadonlyMap<number, string>): string {
  renderer ??= createRenderer();
  return renderer.render(body, { names } satisfies RenderEnv);
}
