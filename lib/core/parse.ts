import type { z } from "zod";
import { fail, fieldErrorsFrom, ok, type Result } from "./result";
import { wellFormedInput } from "./well-formed";

/**
 * The one way input is parsed, from server actions, the API, the CLI and the domain functions alike:
 * the schema's output with every string well-formed (lone surrogates become U+FFFD, see
 * well-formed.ts), so what is hashed is what SQLite stores, or an `invalid` refusal whose fields name
 * what needs attention (keyed by dotted path).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = "Some fields need attention"): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(wellFormedInput(parsed.data));
  return fail("invalid", message, { fields: fieldErrorsFrom(parsed.error.issues) });
}

/** A URL's query or a page's `searchParams` as plain entries: blank values are dropped and the first of repeats wins. */
export function queryEntries(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries: Record<string, string> = {};
  const pairs: Iterable<[string, string | string[] | undefined]> = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [key, raw] of pairs) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value != null && value.trim() !== "" && !(key in entries)) entries[key] = value;
  }
  return entries;
}

/** Query parameters (from a route handler or a page) through a schema, as parseInput does. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams | Record<string, string | string[] | undefined>): Result<z.output<S>> {
  return parseInput(schema, queryEntries(params), "Some query parameters need attention.");
}
