import { fail, ok, type Result } from "@/lib/result";

export const MAX_BODY_BYTES = 1024 * 1024;

function isJsonMediaType(header: string | null): boolean {
  const mediaType = (header ?? "").split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/**
 * Reads a JSON request body: `application/json` only, at most 1 MiB (counted while streaming, so a
 * lying or missing Content-Length cannot get more in), UTF-8, parsed. Never throws on bad input.
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
    return ok({ value: JSON.parse(text) as unknown, text });
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    return fail("bad_request", `The request body is not valid JSON${detail}.`);
  }
}
