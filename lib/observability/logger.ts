import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequest } from "./context";
import { REDACT_PATHS, REDACTED, scrub } from "./redact";

/*
 * The process's one logger: JSON lines on stdout (one object a line, ISO time, level by name), at
 * LOG_LEVEL (default info; debug, warn, error, silent...). In development (`next dev`) the same lines
 * are printed readably by the tiny formatter below instead of adding pino-pretty. Kept on globalThis
 * for the same reason as the request context (./context.ts): Next bundles its entry points separately.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LOG_LEVELS)[number];

export function configuredLevel(env: Record<string, string | undefined> = process.env): Level {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? "") ? (wanted as Level) : "info";
}

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Development: `12:00:01 INFO  GET /claims/[id] 200 12 ms user=3 req=…`, then the other fields. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, err, pid: _pid, hostname: _hostname, ...rest } = entry;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const name = typeof level === "string" ? level.toUpperCase() : (LEVEL_NAMES[level as number] ?? String(level));
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const stack = err && typeof err === "object" && "stack" in err ? `\n${String((err as { stack: unknown }).stack)}` : "";
  return `${clock} ${name.padEnd(5)} ${String(msg ?? "")}${fields ? `  ${fields}` : ""}${stack}\n`;
}

function readableStdout(): DestinationStream {
  return { write: (line: string) => void process.stdout.write(readableLine(line)) };
}

export interface LoggerOptions {
  level?: Level;
  destination?: DestinationStream;
}

/** A logger with the app's redaction and format; tests pass their own destination to read the lines. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination =
    options.destination ?? (process.env.NODE_ENV === "development" ? readableStdout() : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level ?? configuredLevel(),
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
    },
    destination,
  );
}

const state = globalThis as unknown as { factdeskLogger?: Logger };

export function logger(): Logger {
  return (state.factdeskLogger ??= createLogger());
}

/** Replaces the process's logger (tests); returns the previous one. */
export function setLogger(next: Logger): Logger {
  const previous = logger();
  state.factdeskLogger = next;
  return previous;
}

export interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/** An error as a log field: its class, message, code (SQLITE_BUSY, ECONNREFUSED, a domain code) and stack, scrubbed of secrets. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: error.name,
      message: scrub(error.message),
      ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
      ...(error.stack ? { stack: scrub(error.stack) } : {}),
    };
  }
  if (isSerialized(error)) return error;
  return { type: typeof error, message: scrub(String(error)) };
}

function isSerialized(value: unknown): value is SerializedError {
  return typeof value === "object" && value !== null && typeof (value as SerializedError).type === "string" && typeof (value as SerializedError).message === "string";
}

/** One failure worth an operator's attention, with its request id; kept for the System page too. */
export interface RecentError {
  at: string;
  requestId: string | null;
  source: string;
  code: string;
  message: string;
}

const MAX_RECENT_ERRORS = 50;
const recent = globalThis as unknown as { factdeskRecentErrors?: RecentError[] };

/** The latest failures this process logged, newest first (the System page). */
export function recentErrors(): readonly RecentError[] {
  return [...(recent.factdeskRecentErrors ?? [])].reverse();
}

/**
 * Logs a failure (an unhandled error, a consumer or a delivery pass that threw) as one error line with
 * its code and stack and the current request's id, and keeps it for the System page.
 */
export function logFailure(source: string, error: unknown, fields: Record<string, unknown> = {}): void {
  const context = currentRequest();
  const err = serializeError(error);
  const requestId = (fields.request_id as string | undefined) ?? context?.requestId ?? null;
  logger().error({ ...fields, source, ...(requestId ? { request_id: requestId } : {}), err }, `${source}: ${err.message}`);
  const list = (recent.factdeskRecentErrors ??= []);
  list.push({ at: new Date().toISOString(), requestId, source, code: err.code ?? err.type, message: err.message.slice(0, 500) });
  if (list.length > MAX_RECENT_ERRORS) list.splice(0, list.length - MAX_RECENT_ERRORS);
}
