/** Plain-text normalisation shared by every format: one newline style, no BOM, at most one blank line. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\t ]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A headline near the top: the first paragraph that is one short line without closing
 * punctuation ("Skip To Content / Fast Forward" above a headline is a menu, not the title).
 */
export function headlineFrom(body: string): string | null {
  const blocks = body.split(/\n\s*\n/).slice(0, 5);
  for (const block of blocks) {
    const line = block.trim();
    if (!line || line.includes("\n") || line.length > 200) continue;
    const words = line.split(/\s+/).length;
    if (words >= 3 && words <= 30 && !/[.!?:;,]["”’)]?$/.test(line)) return line;
  }
  const first = body.split("\n", 1)[0]?.trim() ?? "";
  return first && first.length <= 200 ? first : null;
}

/** YYYY-MM-DD from the many ways files write a date; null when it cannot be read. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  // Keep the calendar date the publisher wrote; converting to UTC can move it by a day.
  const direct = trimmed.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (direct) return `${direct[1]}-${direct[2]}-${direct[3]}`;
  // PDF dates: D:20180606120000+01'00'
  const pdf = trimmed.match(/^D:(\d{4})(\d{2})(\d{2})/);
  if (pdf) return `${pdf[1]}-${pdf[2]}-${pdf[3]}`;
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) return null;
  return new Date(parsed).toISOString().slice(0, 10);
}

export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export function clean(value: string | null | undefined, max = 300): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text.slice(0, max) : null;
}
