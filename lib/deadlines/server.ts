import "server-only";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { getDb, type Db } from "@/db/client";
import { scanDueSoon } from "./scanner";

/** How often the desk is scanned for claims that became due soon (FACTDESK_DUE_SOON_SCAN_MS overrides; the e2e suite shortens it). */
export const DUE_SOON_SCAN_MS = 60_000;

const state = globalThis as unknown as { factdeskDueSoonScanner?: NodeJS.Timeout };

export interface DueSoonScannerOptions {
  db?: () => Db;
  now?: () => Date;
  intervalMs?: number;
}

/** One scan; never throws (a failed scan is logged and the next tick tries again). */
export async function runDueSoonScan(options: DueSoonScannerOptions = {}): Promise<number> {
  try {
    return (await scanDueSoon((options.db ?? getDb)(), (options.now ?? (() => new Date()))())).length;
  } catch (error) {
    console.error("[deadlines] due-soon scan failed; the next one tries again", error);
    return 0;
  }
}

/**
 * Starts the due-soon scanner once per process (instrumentation.ts): an unref'd interval, so it never
 * keeps the process alive; calling it again does nothing. The events it records reach the
 * notifications through the outbox poller, like any other process's changes. Each scan is
 * idempotent (lib/deadlines/scanner.ts), so two processes scanning one database announce each deadline once.
 */
export function startDueSoonScanner(options: DueSoonScannerOptions = {}): void {
  if (state.factdeskDueSoonScanner || process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  const configured = Number(process.env.FACTDESK_DUE_SOON_SCAN_MS);
  const intervalMs = options.intervalMs ?? (Number.isFinite(configured) && configured >= 100 ? configured : DUE_SOON_SCAN_MS);
  state.factdeskDueSoonScanner = setInterval(() => runDueSoonScan(options), intervalMs);
  state.factdeskDueSoonScanner.unref();
}

/** Stops the scanner (tests). */
export function stopDueSoonScanner(): void {
  if (state.factdeskDueSoonScanner) clearInterval(state.factdeskDueSoonScanner);
  state.factdeskDueSoonScanner = undefined;
}
