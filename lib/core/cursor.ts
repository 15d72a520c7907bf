import { fail, type AppError } from "./result";

/*
 * One cursor scheme for every list: a cursor is the position of the last row shown in the list's
 * sort order (the values it sorts by, then its id), as base64url of a JSON array, tagged with the
 * list's order so a link from one ordering is never read in another. Opaque to clients.
 */

export type CursorValue = string | number;
/** What each value of a position is: a sort key (text) or an id (positive integer). */
export type PositionShape = ReadonlyArray<"string" | "id">;
type PositionOf<S extends PositionShape> = { [K in keyof S]: S[K] extends "id" ? number : string };

export interface Cursor<P extends readonly CursorValue[] = CursorValue[]> {
  /** The order the position belongs to, e.g. "oldest" or "newest". */
  order: string;
  /** The sort values of the row, then its id. */
  position: P;
  /** A "previous page" cursor: walk backwards from this position. */
  before: boolean;
}

export function encodeCursor(cursor: Cursor<readonly CursorValue[]>): string {
  const value = [cursor.order, ...cursor.position, ...(cursor.before ? ["before"] : [])];
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * Reads a cursor made by encodeCursor for `order`, whose position has the given shape (a type per
 * value); null when it is not one: altered, from another list or order, or from an older scheme.
 */
export function decodeCursor<S extends PositionShape>(raw: string, order: string, shape: S): Cursor<PositionOf<S>> | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value[0] !== order) return null;
  const before = value.length === shape.length + 2 && value.at(-1) === "before";
  if (value.length !== shape.length + 1 && !before) return null;
  const position = value.slice(1, shape.length + 1) as unknown[];
  const fits = position.every((item, i) => (shape[i] === "id" ? Number.isSafeInteger(item) && (item as number) > 0 : typeof item === "string"));
  return fits ? { order, position: position as PositionOf<S>, before } : null;
}

/** The refusal for a cursor that decodeCursor does not accept. */
export const staleCursor = (): { ok: false; error: AppError } =>
  fail("invalid", "This page link is no longer valid; start from the first page.", { fields: { cursor: ["Unknown cursor"] } });
