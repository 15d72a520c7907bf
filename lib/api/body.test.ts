import { describe, expect, it } from "vitest";
import { readJsonBody } from "./body";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://test/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe("readJsonBody", () => {
  it("replaces lone surrogates spelled as JSON escapes with U+FFFD, in values and keys, and keeps real pairs", async () => {
    const sent = String.raw`{"note":"x \ud800 y","citations":[{"quote":"\udc00 end"}],"k\ud83d":"ok","emoji":"\ud83d\ude00"}`;
    expect(await readJsonBody(post(sent))).toEqual({
      ok: true,
      value: { note: "x \ufffd y", citations: [{ quote: "\ufffd end" }], "k\ufffd": "ok", emoji: "😀" },
    });
  });

  it("makes deeply nested bodies well-formed without overflowing the stack, and keeps __proto__ a plain key", async () => {
    const depth = 100_000;
    const deep = await readJsonBody(post("[".repeat(depth) + String.raw`"\ud800"` + "]".repeat(depth)));
    let inner: unknown = deep.ok ? deep.value : null;
    for (let i = 0; i < depth; i++) inner = (inner as unknown[])[0];
    expect(inner).toBe("\ufffd");
    const proto = await readJsonBody(post(String.raw`{"__proto__":{"polluted":"\ud800"}}`));
    expect(proto.ok && Object.getPrototypeOf(proto.value)).toBe(Object.prototype);
    expect(proto.ok && (proto.value as Record<string, unknown>)["__proto__"]).toEqual({ polluted: "\ufffd" });
  });

  it("parses JSON sent as application/json, with or without a charset", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(await readJsonBody(post('"x"', { "content-type": "application/json; charset=utf-8" }))).toEqual({ ok: true, value: "x" });
    expect(await readJsonBody(post("{}", { "content-type": "application/merge-patch+json" }))).toEqual({ ok: true, value: {} });
  });

  it("refuses other content types, missing ones included, as bad_request", async () => {
    const cases: Array<Record<string, string>> = [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, {}];
    for (const headers of cases) {
      const result = await readJsonBody(post('{"a":1}', headers));
      expect(result.ok ? null : result.error.code).toBe("bad_request");
    }
  });

  it("refuses malformed, empty and non-UTF-8 bodies as bad_request", async () => {
    for (const body of ['{"a":', "", "   ", new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const result = await readJsonBody(post(body));
      expect(result.ok ? null : result.error.code).toBe("bad_request");
    }
    const none = await readJsonBody(post(null));
    expect(none.ok ? null : none.error.code).toBe("bad_request");
  });

  it("refuses a body over the limit by its declared length", async () => {
    const request = post("x".repeat(20), { "content-type": "application/json", "content-length": "20" });
    const result = await readJsonBody(request, 10);
    expect(result.ok ? null : result.error.code).toBe("payload_too_large");
  });

  it("counts bytes while streaming, so a body without Content-Length cannot exceed the limit", async () => {
    const chunk = new TextEncoder().encode('"' + "x".repeat(600) + '"');
    const result = await readJsonBody(post(streamOf([chunk.slice(0, 300), chunk.slice(300)])), 500);
    expect(result.ok ? null : result.error.code).toBe("payload_too_large");
    const fits = await readJsonBody(post(streamOf([new TextEncoder().encode('{"ok":'), new TextEncoder().encode("true}")])), 500);
    expect(fits).toEqual({ ok: true, value: { ok: true } });
  });
});
