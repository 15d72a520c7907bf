import { fail, ok, type Result } from "./result";

/** Ids are positive integers as written in a path or form: no sign, no leading zero, at most 15 digits. */
const ID = /^[1-9]\d{0,14}$/;

/** The id a path segment or form field names, or null when it names none. */
export function toId(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isSafeInteger(raw) && raw > 0 ? raw : null;
  return typeof raw === "string" && ID.test(raw) ? Number(raw) : null;
}

/** An id from a URL: one that cannot exist is simply not found. */
export function parseId(raw: string, what: string): Result<number> {
  const id = toId(raw);
  return id === null ? fail("not_found", `There is no ${what} ${JSON.stringify(raw)}.`) : ok(id);
}
