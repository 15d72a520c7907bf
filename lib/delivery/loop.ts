import "server-only";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { logFailure } from "@/lib/observability/logger";

/*
 * The delivery loop's timer: once per server process (started from instrumentation.ts), unref'd so
 * it never keeps the process alive, and never two ticks at once. The tick itself sends (webhooks,
 * email) with bounded concurrency and per-attempt timeouts; requests never wait for it.
 */

export const TICK_MS = 1000;

const state = globalThis as unknown as { factdeskDeliveryLoop?: NodeJS.Timeout; factdeskDeliveryTickAt?: number };

/** When this process's loop last finished a tick (ms since the epoch); null when it runs no loop. Readiness asks. */
export function lastDeliveryTick(): number | null {
  return state.factdeskDeliveryLoop ? (state.factdeskDeliveryTickAt ?? null) : null;
}

export function startLoop(tick: () => Promise<unknown>, intervalMs = TICK_MS): void {
  // `next build` runs the instrumentation hook in its page workers too: no server, no database to open.
  if (state.factdeskDeliveryLoop || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  let running = false;
  state.factdeskDeliveryTickAt = Date.now();
  state.factdeskDeliveryLoop = setInterval(() => {
    if (running) return;
    running = true;
    tick()
      .catch((error: unknown) => logFailure("delivery.pass", error, { note: "due deliveries stay due" }))
      .finally(() => {
        running = false;
        state.factdeskDeliveryTickAt = Date.now();
      });
  }, intervalMs);
  state.factdeskDeliveryLoop.unref();
}
