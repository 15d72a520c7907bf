/** Errors are values: every domain refusal carries one of these codes and a message a person can act on. */
export type ErrorCode =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "not_implemented"
  | "bad_request";

export type FieldErrors = Record<string, string[]>;

export interface AppError {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** Extra context for the caller, e.g. the claim's current state on a conflict. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  message: string,
  extra: Pick<AppError, "fields" | "details"> = {},
): { ok: false; error: AppError } => ({ ok: false, error: { code, message, ...extra } });

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  invalid: 422,
  rate_limited: 429,
  not_implemented: 501,
};

export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

/** Thrown inside a transaction to roll it back; converted to a Result at the transaction boundary. */
export class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export function refuse(code: ErrorCode, message: string, extra: Pick<AppError, "fields" | "details"> = {}): never {
  throw new Refusal({ code, message, ...extra });
}

/** Field errors from a zod issue list, keyed by dotted path. */
export function fieldErrorsFrom(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
