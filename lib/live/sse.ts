import { parseCursor, type ResumePoint } from "./sent-window";

/*
 * The text/event-stream wire format (WHATWG HTML, "Server-sent events"): fields are lines, an event
 * ends with a blank line, a line starting with ":" is a comment (the heartbeat). Data with newlines
 * goes out as several `data:` lines, which the client joins back with "\n".
 */

export interface SseMessage {
  /** The `event:` type; the client's default is "message". */
  event?: string;
  /** The `id:` the client sends back as Last-Event-ID when it reconnects. */
  id?: number | string;
  /** Sent as JSON unless it is a string already. */
  data: unknown;
  /** Reconnection delay the client should use, in ms. */
  retry?: number;
}

/** One field value may not hold a line break: it would end the field. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

/** One SSE event, terminated by its blank line. */
export function encodeSse({ event, id, data, retry }: SseMessage): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  let out = "";
  if (event !== undefined) out += `event: ${oneLine(event)}\n`;
  if (id !== undefined) out += `id: ${oneLine(String(id)).replace(/\0/g, "")}\n`;
  if (retry !== undefined) out += `retry: ${Math.max(0, Math.floor(retry))}\n`;
  for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return out + "\n";
}

/** A comment line: ignored by clients, but it keeps proxies and load balancers from closing an idle stream. */
export function encodeSseComment(text = ""): string {
  return `: ${oneLine(text)}\n\n`;
}

/**
 * The headers every event stream answers with. `no-transform` also keeps Next's gzip (the
 * `compression` middleware honours it) from buffering the stream; `X-Accel-Buffering: no` does the
 * same for nginx in front.
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * Where a resuming client wants to start: `Last-Event-ID` (what EventSource sends on reconnect) wins
 * over `?after=` (for clients that reconnect by hand); null when neither names a valid event id. The
 * value is a stream's cursor (lib/live/sent-window.ts): an event id, possibly followed by the older
 * ids that stream had not sent yet.
 */
export function resumeFrom(request: Request, url = new URL(request.url)): ResumePoint | null {
  for (const value of [request.headers.get("last-event-id"), url.searchParams.get("after")]) {
    if (value == null || value.trim() === "") continue;
    const point = parseCursor(value);
    if (point) return point;
  }
  return null;
}

export interface ParsedSse {
  event: string;
  id?: string;
  data: string;
}

/**
 * Splits text/event-stream text into its events, as a client would (comments skipped, data lines
 * joined with "\n"); for tests and scripts reading a stream. A trailing incomplete event is left out.
 */
export function parseSse(text: string): ParsedSse[] {
  const parsed: ParsedSse[] = [];
  const blocks = text.replace(/\r\n?/g, "\n").split("\n\n");
  blocks.pop(); // after the last blank line: incomplete (or empty)
  for (const block of blocks) {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) parsed.push({ event, ...(id !== undefined && { id }), data: data.join("\n") });
  }
  return parsed;
}

/** Reads a stream until `until` holds for the events so far (or `timeoutMs` passes); returns them. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  until: (events: ParsedSse[]) => boolean,
  timeoutMs = 5000,
): Promise<{ events: ParsedSse[]; text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = body.getReader();
  return readMore(reader, "", until, timeoutMs);
}

/** readSse on a reader already in use, continuing from the text read so far. */
export async function readMore(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  text: string,
  until: (events: ParsedSse[]) => boolean,
  timeoutMs = 5000,
): Promise<{ events: ParsedSse[]; text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + timeoutMs;
  let events = parseSse(text);
  while (!until(events)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`stream: timed out; got ${JSON.stringify(text)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), left))),
    ]);
    clearTimeout(timer);
    if (chunk === "timeout") continue;
    if (chunk.done) throw new Error(`stream: ended early; got ${JSON.stringify(text)}`);
    text += decoder.decode(chunk.value, { stream: true });
    events = parseSse(text);
  }
  return { events, text, reader };
}
