import { fail, ok, type Result } from "@/lib/core/result";
import { toWellFormed } from "@/lib/core/well-formed";

export const MAX_BODY_BYTES = 1024 * 1024;

function isJsonMediaType(header: string | null): boolean {
  const mediaType = (header ?? "").split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

// Raw UTF-8 decodes to well-formed text; only a \uD800–\uDFFF escape can spell a lone surrogate.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * JSON escapes can spell lone UTF-16 surrogates ("\ud800") that valid UTF-8 cannot; every string and
 * key of the body is made well-formed here, before anything validates, hashes or stores it. Walks
 * with its own stack (a reviver recurses, and deeply nested bodies would overflow it) and fixes the
 * freshly parsed value in place.
 */
function makeWellFormed(root: unknown): unknown {
  if (typeof root === "string") return toWellFormed(root);
  const stack: object[] = root !== null && typeof root === "object" ? [root] : [];
  const fix = (item: unknown): unknown => {
    if (typeof item === "string") return toWellFormed(item);
    if (item !== null && typeof item === "object") stack.push(item);
    return item;
  };
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | unknown[];
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = fix(node[i]);
      continue;
    }
    for (const key of Object.keys(node)) {
      const item = node[key];
      const fixed = fix(item);
      const fixedKey = toWellFormed(key);
      if (fixedKey !== key) delete node[key];
      // defineProperty, not assignment: a "__proto__" key must stay a plain property.
      if (fixedKey !== key || fixed !== item) Object.defineProperty(node, fixedKey, { value: fixed, writable: true, enumerable: true, configurable: true });
    }
  }
  return root;
}

/**
 * Reads a JSON request body: `application/json` only, at most 1 MiB (counted while streaming, so a
 * lying or missing Content-Length cannot get more in), UTF-8, parsed, every string well-formed. Never throws on bad input.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<Result<unknown>> {
  const read = await readJsonBodyWithText(request, limit);
  return read.ok ? ok(read.value.value) : read;
}

/** The parsed body and the text it was parsed from (the idempotency hash falls back to the text). */
export async function readJsonBodyWithText(request: Request, limit = MAX_BODY_BYTES): Promise<Result<{ value: unknown; text: string }>> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    return fail("bad_request", "Send the body as JSON with the header “Content-Type: application/json”.");
  }
  const tooLarge = fail("payload_too_large", `The request body is over the ${limit / 1024 / 1024} MiB limit.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  if (!request.body) return fail("bad_request", "The request body is empty; send a JSON object.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return fail("bad_request", "The request body could not be read.");
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail("bad_request", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") return fail("bad_request", "The request body is empty; send a JSON object.");
  try {
    const value = JSON.parse(text) as unknown;
    return ok({ value: SURROGATE_ESCAPE.test(text) ? makeWellFormed(value) : value, text });
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    return fail("bad_request", `The request body is not valid JSON${detail}.`);
  }
}
