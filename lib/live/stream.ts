import type { DbExecutor } from "@/db/client";
import { fail, ok, type Result } from "@/lib/core/result";
import { readEventsAfter, readEventsWithIds, readLastEventId } from "@/lib/events/outbox";
import { liveBus, type LiveBus, type LiveSignal } from "./bus";
import { toLiveEvents, type LiveEvent } from "./payload";
import { SentWindow, type ResumePoint } from "./sent-window";
import { encodeSse, encodeSseComment, SSE_HEADERS } from "./sse";

export interface EventStreamOptions {
  db: DbExecutor;
  /** Whose stream: the per-user limit and the per-user signals (their unread count). */
  userId: number;
  /** Resume after this event id, or from this cursor (Last-Event-ID, lib/live/sent-window.ts); null starts from now. */
  after: number | ResumePoint | null;
  /** The request's signal: the stream ends, and unsubscribes, when the client goes away. */
  signal?: AbortSignal;
  /** Re-checked at each heartbeat: false ends the stream (session ended, token revoked, user disabled). */
  stillAllowed?: () => boolean | Promise<boolean>;
  bus?: LiveBus;
  heartbeatMs?: number;
  /** Events read from the table per step of a replay; each step waits for the client to take the last. */
  replayPage?: number;
}

/** The first event of every stream (`event: ready`, no id): who it streams for, so a page can tell others' changes from its own. */
export interface LiveReady {
  userId: number;
}

const isBatch = (item: readonly LiveEvent[] | LiveSignal): item is readonly LiveEvent[] => Array.isArray(item);

/** Often enough for proxies with a 30–60 s idle timeout. */
export const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before reconnecting after the stream drops (its default is about 3 s). */
export const RETRY_MS = 3_000;
const REPLAY_PAGE = 500;

/**
 * An open Server-Sent Events stream of the outbox, as a Response: every event after `after` read from
 * the events table (the source of truth), then the live ones from the bus as they are dispatched,
 * each once (lib/live/sent-window.ts: an id that commits after a higher one is still sent), in id
 * order within each batch, as `event: <kind>`, `id: <cursor>`, `data: <LiveEvent JSON>`; the cursor
 * is the event id, followed by the older ids not sent yet when there are any (never on SQLite). The user's
 * own signals (`event: notification`) without an id, so they do not move Last-Event-ID. A comment
 * every `heartbeatMs` keeps idle proxies from closing it. Refused (rate_limited) when the user or the
 * process has as many streams open as the bus allows.
 */
export function openEventStream(options: EventStreamOptions): Result<Response> {
  const { db, userId, signal, stillAllowed = () => true, bus = liveBus(), heartbeatMs = HEARTBEAT_MS, replayPage = REPLAY_PAGE } = options;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let replaying = true;
  // What arrives during the replay, in order, sent once it is done.
  let pending: Array<readonly LiveEvent[] | LiveSignal> = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  const send = (events: readonly LiveEvent[]) => {
    let text = "";
    for (const event of events) {
      if (!sent.take(event.id)) continue; // replayed already, published twice, or older than the window
      text += encodeSse({ event: event.kind, id: sent.cursor(), data: event });
    }
    if (text) write(text);
  };

  const signalOut = (live: LiveSignal) => write(encodeSse({ event: live.kind, data: live }));

  const subscription = bus.subscribe(userId, {
    onEvents(events) {
      if (replaying) pending.push(events);
      else send(events);
    },
    onSignal(live: LiveSignal) {
      // Held in order with the events during a replay, so a signal never overtakes the change that caused it.
      if (replaying) pending.push(live);
      else signalOut(live);
    },
  });
  if (!subscription.ok) return fail("rate_limited", subscription.reason);
  // Set in start(), which the first pull (the replay) waits for; until then live events are held in `pending`.
  let sent!: SentWindow;
  // The replay reads after this id; first, the older ones the resumed stream had not sent.
  let replayedTo = 0;
  let gapsToReplay: number[] = [];

  function cleanup() {
    if (closed) return;
    closed = true;
    pending = [];
    if (heartbeat) clearInterval(heartbeat);
    signal?.removeEventListener("abort", end);
    if (subscription.ok) subscription.unsubscribe();
  }
  function end() {
    const wasOpen = !closed;
    cleanup();
    if (wasOpen) {
      try {
        controller.close();
      } catch {
        // already closed or errored
      }
    }
  }

  const body = new ReadableStream<Uint8Array>({
    async start(streamController) {
      controller = streamController;
      // Sent at once, so the client (and any proxy) sees the stream open before the first event.
      const ready: LiveReady = { userId };
      write(`retry: ${RETRY_MS}\n` + encodeSseComment("connected") + encodeSse({ event: "ready", data: ready }));
      heartbeat = setInterval(async () => {
        if (!(await stillAllowed())) end();
        else write(encodeSseComment("heartbeat"));
      }, heartbeatMs);
      heartbeat.unref?.();
      if (signal?.aborted) end();
      else signal?.addEventListener("abort", end, { once: true });
      // Read after subscribing: whatever commits later reaches the bus, whatever came before is the past.
      sent = new SentWindow(options.after ?? (await readLastEventId(db)));
      replayedTo = sent.highest;
      gapsToReplay = [...sent.waiting];
    },
    async pull() {
      // The replay, a page each time the client has taken the last one, then the events held meanwhile.
      if (!replaying || closed) return;
      if (gapsToReplay.length > 0) {
        const gaps = gapsToReplay;
        gapsToReplay = [];
        send(await toLiveEvents(db, await readEventsWithIds(db, gaps)));
      }
      const page = await readEventsAfter(db, replayedTo, replayPage);
      if (page.length > 0) replayedTo = page[page.length - 1]!.id;
      send(await toLiveEvents(db, page));
      if (page.length < replayPage) {
        replaying = false;
        const held = pending;
        pending = [];
        for (const item of held) {
          if (isBatch(item)) send(item);
          else signalOut(item);
        }
      }
    },
    cancel() {
      cleanup();
    },
  });

  return ok(new Response(body, { status: 200, headers: SSE_HEADERS }));
}
