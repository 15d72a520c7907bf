/*
 * Text entering Factdesk is made well-formed Unicode: every lone UTF-16 surrogate (a JavaScript
 * string can hold one, e.g. from the JSON escape "\ud800"; UTF-8 and so SQLite cannot) is replaced
 * by U+FFFD REPLACEMENT CHARACTER, as browsers do when they encode form data (WHATWG USVString) and
 * as String.prototype.toWellFormed does. Replace rather than refuse: the rest of the text is kept, and
 * what is hashed is then byte for byte what SQLite stores, so the audit chain verifies.
 */

// In a `u` regex a surrogate pair is one code point, so this matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export function toWellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, "\uFFFD");
}

/**
 * The same value with every string (object keys included) well-formed. For validated input, whose
 * depth the schema bounds; unchanged values are returned as they are.
 */
export function wellFormedInput<T>(value: T): T {
  if (typeof value === "string") return toWellFormed(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedInput) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[toWellFormed(key)] = wellFormedInput(item);
    return out as T;
  }
  return value;
}
