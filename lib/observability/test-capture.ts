import { Writable } from "node:stream";
import { createLogger, setLogger } from "./logger";

/** Tests: every line the app's logger writes, at every level, parsed. Call `restore()` after. */
export function captureLogs(): { lines: () => Array<Record<string, unknown>>; text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const previous = setLogger(createLogger({ level: "trace", destination }));
  return {
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => void setLogger(previous),
  };
}
