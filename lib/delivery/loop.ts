import "server-only";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

/*
 * The delivery loop's timer: once per server process (started from instrumentation.ts), unref'd so
 * it never keeps the process alive, and never two ticks at once. The tick itself sends (webhooks,
 * email) with bounded concurrency and per-attempt timeouts; requests never wait for it.
 */

export const TICK_MS = 1000;

const state = globalThis as unknown as { factdeskDeliveryLoop?: NodeJS.Timeout };

export function startLoop(tick: () => Promise<unknown>, intervalMs = TICK_MS): void {
  // `next build` runs the instrumentation hook in its page workers too: no server, no database to open.
  if (state.factdeskDeliveryLoop || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  let running = false;
  state.factdeskDeliveryLoop = setInterval(() => {
    if (running) return;
    running = true;
    tick()
      .catch((error: unknown) => console.error("[delivery] pass failed; due deliveries stay due", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  state.factdeskDeliveryLoop.unref();
}
