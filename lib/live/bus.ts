import type { LiveEvent } from "./payload";

/*
 * The in-process bus between the outbox and the open event streams. The live EventHandler
 * (lib/events/handlers/live.ts) publishes each dispatched event here; every open stream of this
 * process has subscribed. It holds no history: the events table does, and a stream that resumes
 * reads what it missed from there (lib/live/stream.ts). Several server processes would each run
 * their own bus fed by their own dispatch of the same table (see the README), so nothing here needs
 * to be shared between processes.
 */

/** What only one person is told: their unread count changed (an inbox badge to refresh). */
export interface LiveSignal {
  kind: "notification";
  unreadCount: number;
}

export interface LiveListener {
  onEvents(events: readonly LiveEvent[]): void;
  onSignal(signal: LiveSignal): void;
}

export interface LiveLimits {
  /** Open streams one person may hold (tabs, integrations). */
  perUser: number;
  /** Open streams in this process. */
  total: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { perUser: 8, total: 1000 };

export type Subscription = { ok: true; unsubscribe: () => void } | { ok: false; reason: string };

export class LiveBus {
  private readonly byUser = new Map<number, Set<LiveListener>>();
  private count = 0;

  constructor(private readonly limits: LiveLimits = DEFAULT_LIVE_LIMITS) {}

  /** Adds a listener for `userId`, or says why not when a limit is reached. `unsubscribe` is idempotent. */
  subscribe(userId: number, listener: LiveListener): Subscription {
    const mine = this.byUser.get(userId) ?? new Set<LiveListener>();
    if (mine.size >= this.limits.perUser) {
      return { ok: false, reason: `You already have ${mine.size} live streams open; close one (a tab or an integration) first.` };
    }
    if (this.count >= this.limits.total) return { ok: false, reason: "The server has as many live streams open as it serves; retry shortly." };
    mine.add(listener);
    this.byUser.set(userId, mine);
    this.count++;
    let open = true;
    return {
      ok: true,
      unsubscribe: () => {
        if (!open) return;
        open = false;
        mine.delete(listener);
        this.count--;
        if (mine.size === 0 && this.byUser.get(userId) === mine) this.byUser.delete(userId);
      },
    };
  }

  /** Hands events (in id order) to every listener. A listener that throws is its stream's problem, not the others'. */
  publish(events: readonly LiveEvent[]): void {
    if (events.length === 0) return;
    for (const listeners of this.byUser.values()) for (const listener of [...listeners]) safely(() => listener.onEvents(events));
  }

  /** Tells one person's streams, and nobody else's. */
  signal(userId: number, signal: LiveSignal): void {
    for (const listener of [...(this.byUser.get(userId) ?? [])]) safely(() => listener.onSignal(signal));
  }

  /** Open streams: in all, or of one person. */
  size(userId?: number): number {
    return userId === undefined ? this.count : (this.byUser.get(userId)?.size ?? 0);
  }

  /** Whether anyone is listening: the handler skips building payloads when nobody is. */
  get idle(): boolean {
    return this.count === 0;
  }
}

function safely(work: () => void): void {
  try {
    work();
  } catch (error) {
    console.error("[live] a stream's listener failed", error);
  }
}

const GLOBAL_KEY = Symbol.for("factdesk.liveBus");
type WithBus = typeof globalThis & { [GLOBAL_KEY]?: LiveBus };

/**
 * The process's bus. Kept on globalThis: Next bundles route handlers and server actions separately,
 * and each bundle would otherwise get its own copy of this module, and of the bus.
 */
export function liveBus(): LiveBus {
  const holder = globalThis as WithBus;
  return (holder[GLOBAL_KEY] ??= new LiveBus());
}
