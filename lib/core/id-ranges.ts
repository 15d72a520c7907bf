/*
 * Lists of positive integer ids written as ranges ("3-5,9,11-12"): how lib/pg/notify.ts fits event
 * ids into NOTIFY payloads and how lib/live/stream.ts carries the ids a stream still waits for in its
 * resume cursor. Shared here so the stream does not import the PostgreSQL driver.
 */

/** The ids (deduplicated, sorted) as ranges, split into strings of at most `limit` characters. */
export function encodeIds(ids: Iterable<number>, limit = Infinity): string[] {
  const sorted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  const out: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current && current.length + 1 + part.length > limit) {
      out.push(current);
      current = "";
    }
    current = current ? `${current},${part}` : part;
  }
  if (current) out.push(current);
  return out;
}

/** The ids of a list of ids and ranges; anything else gives none. */
export function decodeIds(text: string, maxSpan = 1_000_000): number[] {
  const ids: number[] = [];
  for (const part of text.split(",")) {
    const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(part.trim());
    if (!match) return [];
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from || to - from > maxSpan || from < 1) return [];
    for (let id = from; id <= to; id++) ids.push(id);
  }
  return ids;
}
