"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { EVENT_KINDS } from "@/lib/events/kinds";
import { pageShows } from "@/lib/live/concerns";
import type { LiveEvent } from "@/lib/live/payload";

/** At most one refresh per this many ms, however many events arrive. */
export const REFRESH_EVERY_MS = 1500;
const MAX_BACKOFF_MS = 30_000;

type Listener = (event: LiveEvent) => void;

interface Live {
  /** Who is signed in (from the stream's `ready`), null until it opened: their own changes are no news to them. */
  me: number | null;
  /** Hears every event; returns the unsubscribe. */
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<Live>({ me: null, subscribe: () => () => {} });

export function useLive(): Live {
  return useContext(LiveContext);
}

/**
 * Keeps the page in step with the desk: one Server-Sent Events stream to /api/live for the whole
 * desk, reconnecting with backoff (and resuming after the last event it saw), and a debounced
 * router.refresh() when an event touches what the page shows or when the person is notified (the
 * inbox badge is rendered on the server). router.refresh keeps client state: typed input survives.
 */
export function LiveProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [me, setMe] = useState<number | null>(null);
  const listeners = useRef(new Set<Listener>());
  const path = useRef(pathname);
  const refresh = useThrottledRefresh(() => router.refresh());

  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastId: string | null = null;
    let stopped = false;

    const onEvent = (message: MessageEvent<string>) => {
      if (message.lastEventId) lastId = message.lastEventId;
      const event = JSON.parse(message.data) as LiveEvent;
      for (const listener of [...listeners.current]) listener(event);
      if (pageShows(path.current, event)) refresh();
    };
    const connect = () => {
      if (stopped) return;
      source = new EventSource(lastId ? `/api/live?after=${encodeURIComponent(lastId)}` : "/api/live");
      source.addEventListener("ready", (message) => {
        attempt = 0;
        setMe((JSON.parse((message as MessageEvent<string>).data) as { userId: number }).userId);
      });
      for (const kind of EVENT_KINDS) source.addEventListener(kind, onEvent as EventListener);
      source.addEventListener("notification", () => refresh());
      source.onerror = () => {
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED (a 401, a 429): our turn, later each time.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++) * (0.75 + Math.random() / 2);
        timer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [refresh]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const live = useMemo(() => ({ me, subscribe }), [me, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** refresh() at once, then at most once per REFRESH_EVERY_MS; a hidden tab refreshes when it is shown again. */
function useThrottledRefresh(refreshPage: () => void): () => void {
  const state = useRef({ last: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, waitingForTab: false });
  const run = useRef(refreshPage);
  useEffect(() => {
    run.current = refreshPage;
  }, [refreshPage]);

  useEffect(() => {
    const current = state.current;
    const onVisible = () => {
      if (document.visibilityState !== "visible" || !current.waitingForTab) return;
      current.waitingForTab = false;
      current.last = Date.now();
      run.current();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      clearTimeout(current.timer);
    };
  }, []);

  return useCallback(() => {
    const current = state.current;
    if (current.timer) return; // one is due already
    const fire = () => {
      current.timer = undefined;
      if (document.visibilityState === "hidden") {
        current.waitingForTab = true;
        return;
      }
      current.last = Date.now();
      run.current();
    };
    const wait = current.last + REFRESH_EVERY_MS - Date.now();
    if (wait <= 0) fire();
    else current.timer = setTimeout(fire, wait);
  }, []);
}
