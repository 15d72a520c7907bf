import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isNonPublicAddress } from "./url-policy";

const production = {};
const allowLoopback = { FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK: "1" };
const development = { NODE_ENV: "development" };

const message = (result: ReturnType<typeof checkWebhookUrl>) => (result.ok ? null : result.error.fields?.url?.[0]);

describe("checkWebhookUrl", () => {
  it("accepts public https URLs", () => {
    expect(checkWebhookUrl("https://chat.example.org/hooks/factdesk", production)).toEqual({ ok: true, value: "https://chat.example.org/hooks/factdesk" });
    expect(checkWebhookUrl("https://93.184.216.34:8443/x", production).ok).toBe(true);
  });

  it("refuses plain http to public hosts, always", () => {
    for (const env of [production, allowLoopback, development]) expect(message(checkWebhookUrl("http://chat.example.org/hook", env))).toMatch(/https/);
  });

  it("allows loopback (http or https) only in development or with the flag", () => {
    for (const url of ["http://127.0.0.1:4000/hook", "http://localhost:4000/", "http://[::1]:4000/", "https://127.0.0.1/"]) {
      expect(message(checkWebhookUrl(url, production))).toMatch(/only in development/);
      expect(checkWebhookUrl(url, allowLoopback).ok).toBe(true);
      expect(checkWebhookUrl(url, development).ok).toBe(true);
    }
    expect(checkWebhookUrl("http://127.0.0.1:4000/hook", { FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK: "yes" }).ok).toBe(false);
  });

  it("refuses private, link-local and reserved addresses even over https", () => {
    for (const url of ["https://10.0.0.5/", "https://192.168.1.1/", "https://172.20.0.1/", "https://169.254.169.254/latest", "https://[fd00::1]/", "https://[fe80::1]/", "https://0.0.0.0/"]) {
      expect(message(checkWebhookUrl(url, allowLoopback)), url).toMatch(/Private, link-local/);
    }
  });

  it("refuses what is not a web URL, and credentials in it", () => {
    expect(message(checkWebhookUrl("chat.example.org/hook", production))).toMatch(/full URL/);
    expect(message(checkWebhookUrl("ftp://example.org/", production))).toMatch(/https/);
    expect(message(checkWebhookUrl("https://user:pw@example.org/", production))).toMatch(/credentials/);
    expect(message(checkWebhookUrl(`https://example.org/${"x".repeat(2100)}`, production))).toMatch(/under/);
  });
});

describe("isNonPublicAddress", () => {
  it("knows the special ranges and leaves public addresses and names alone", () => {
    expect(["10.1.2.3", "100.64.0.1", "172.31.255.255", "::ffff:10.0.0.1", "224.0.0.1"].every(isNonPublicAddress)).toBe(true);
    expect(["8.8.8.8", "172.32.0.1", "2001:4860::8888", "example.org"].some(isNonPublicAddress)).toBe(false);
  });
});
