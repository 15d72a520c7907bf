import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test-secret";
  const body = '{"id":42,"type":"claim.transitioned","createdAt":"2026-01-02T03:04:05.000Z","data":{"claimId":7}}';
  const t = 1767323045;

  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    // Computed independently of the module: the receiver's view.
    const expected = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it("matches a fixed vector", () => {
    expect(signatureHeader("secret", 1700000000, "{}")).toBe(
      `t=1700000000,v1=${createHmac("sha256", "secret").update("1700000000.{}").digest("hex")}`,
    );
    expect(signatureHeader("secret", 1700000000, "{}")).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it("verifies its own header and refuses a changed body, another secret, or an old timestamp", () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(secret, header, body, t + 10)).toBe(true);
    expect(verifySignature(secret, header, body.replace("7", "8"), t + 10)).toBe(false);
    expect(verifySignature("whsec_other", header, body, t + 10)).toBe(false);
    expect(verifySignature(secret, header, body, t + 3600)).toBe(false);
    expect(verifySignature(secret, "v1=abc", body, t)).toBe(false);
  });

  it("signs non-ASCII bodies as UTF-8", () => {
    const text = '{"data":{"title":"Alice Marie Johnson — 63, “pardon”"}}';
    const expected = createHmac("sha256", secret).update(Buffer.from(`${t}.${text}`, "utf8")).digest("hex");
    expect(signatureHeader(secret, t, text)).toBe(`t=${t},v1=${expected}`);
  });
});
