import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityArea } from "./security-headers";
import { clientAddress, forwardedOverHttps, isTrustedProxy, parseTrustedProxy, peerAddress, PEER_ADDRESS_HEADER } from "./trusted-proxy";

const headers = (values: Record<string, string>) => new Headers(values);

function withTrust<T>(value: string | undefined, run: () => T): T {
  const before = process.env.FACTDESK_TRUSTED_PROXY;
  if (value === undefined) delete process.env.FACTDESK_TRUSTED_PROXY;
  else process.env.FACTDESK_TRUSTED_PROXY = value;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.FACTDESK_TRUSTED_PROXY;
    else process.env.FACTDESK_TRUSTED_PROXY = before;
  }
}

describe("FACTDESK_TRUSTED_PROXY", () => {
  it("trusts nobody by default", () => {
    for (const value of [undefined, "", "false"]) {
      withTrust(value, () => {
        expect(isTrustedProxy("127.0.0.1")).toBe(false);
        expect(isTrustedProxy("10.0.0.5")).toBe(false);
      });
    }
  });

  it("loopback trusts this machine only, IPv4-mapped addresses included", () => {
    const setting = parseTrustedProxy("loopback");
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isTrustedProxy(address, setting), address).toBe(true);
    for (const address of ["10.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", "localhost", "", null]) expect(isTrustedProxy(address, setting), String(address)).toBe(false);
  });

  it("takes addresses and CIDR ranges, IPv4 and IPv6, and 'true' for every peer", () => {
    const setting = parseTrustedProxy("10.1.0.0/16, 192.0.2.7, 2001:db8::/32, loopback");
    expect(isTrustedProxy("10.1.200.3", setting)).toBe(true);
    expect(isTrustedProxy("10.2.0.1", setting)).toBe(false);
    expect(isTrustedProxy("192.0.2.7", setting)).toBe(true);
    expect(isTrustedProxy("192.0.2.8", setting)).toBe(false);
    expect(isTrustedProxy("2001:db8:1::9", setting)).toBe(true);
    expect(isTrustedProxy("127.0.0.1", setting)).toBe(true);
    expect(isTrustedProxy("198.51.100.1", parseTrustedProxy("true"))).toBe(true);
  });

  it("refuses an entry it cannot read, naming it", () => {
    for (const value of ["yes", "10.0.0.0/33", "10.0.0.1/8/1", "example.com", "::1/200"]) {
      expect(() => parseTrustedProxy(value), value).toThrow(/FACTDESK_TRUSTED_PROXY/);
    }
  });
});

describe("client address and scheme", () => {
  it("from an untrusted peer, forwarded headers are ignored", () => {
    withTrust("loopback", () => {
      const h = headers({ "x-forwarded-for": "198.51.100.66", "x-forwarded-proto": "https" });
      expect(clientAddress(h, "203.0.113.5")).toBe("203.0.113.5");
      expect(forwardedOverHttps(h, "203.0.113.5")).toBe(false);
    });
  });

  it("with every peer trusted, only the hop the proxy appended counts: a client cannot choose its address", () => {
    withTrust("true", () => {
      expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.66" }), "10.0.0.2")).toBe("198.51.100.66");
      expect(clientAddress(headers({ "x-forwarded-for": "junk, 198.51.100.66" }), "10.0.0.2")).toBe("198.51.100.66");
      expect(clientAddress(headers({}), "10.0.0.2")).toBe("10.0.0.2");
    });
  });

  it("behind a trusted proxy, the client is the first untrusted hop from the right, not what the client wrote", () => {
    withTrust("loopback, 10.0.0.0/8", () => {
      // The client forged 1.2.3.4; the edge proxy (10.0.0.2) appended the real address, then the local one.
      const h = headers({ "x-forwarded-for": "1.2.3.4, 198.51.100.66, 10.0.0.2", "x-forwarded-proto": "https" });
      expect(clientAddress(h, "127.0.0.1")).toBe("198.51.100.66");
      expect(forwardedOverHttps(h, "127.0.0.1")).toBe(true);
      expect(clientAddress(headers({}), "127.0.0.1")).toBe("127.0.0.1");
      expect(clientAddress(headers({ "x-forwarded-for": "not-an-ip" }), "127.0.0.1")).toBeNull();
    });
  });

  it("reads the scheme the nearest proxy appended, and nothing when the peer is unknown", () => {
    withTrust("loopback", () => {
      expect(forwardedOverHttps(headers({ "x-forwarded-proto": "https, http" }), "127.0.0.1")).toBe(false);
      expect(forwardedOverHttps(headers({ "x-forwarded-proto": "HTTPS" }), "::1")).toBe(true);
      expect(forwardedOverHttps(headers({ "x-forwarded-proto": "https" }), null)).toBe(false);
      expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.66" }), null)).toBeNull();
    });
  });

  it("takes the peer from the stamped header, and only a well-formed address", () => {
    expect(peerAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(peerAddress(headers({ [PEER_ADDRESS_HEADER]: "garbage" }))).toBeNull();
    expect(peerAddress(headers({}))).toBeNull();
    withTrust("loopback", () => {
      expect(forwardedOverHttps(headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1", "x-forwarded-proto": "https" }))).toBe(true);
      expect(forwardedOverHttps(headers({ [PEER_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-proto": "https" }))).toBe(false);
    });
  });
});

describe("content security policy", () => {
  it("sorts paths into desk, public and api", () => {
    expect(securityArea("/summaries")).toBe("public");
    expect(securityArea("/summaries/some-slug/v/2")).toBe("public");
    expect(securityArea("/summaries-admin")).toBe("desk");
    expect(securityArea("/api/v1/claims")).toBe("api");
    expect(securityArea("/admin/users")).toBe("desk");
    expect(securityArea("/sign-in")).toBe("desk");
  });

  it("gives the desk a nonce and no inline scripts, the public pages no nonce, the API nothing at all", () => {
    const desk = contentSecurityPolicy("desk", { nonce: "abc123" });
    expect(desk).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(desk.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("'unsafe-inline'");
    expect(desk).toContain("frame-ancestors 'none'");
    expect(desk).not.toContain("unsafe-eval");
    expect(() => contentSecurityPolicy("desk")).toThrow();
    const pub = contentSecurityPolicy("public", { https: true });
    expect(pub).toContain("script-src 'self' 'unsafe-inline'");
    expect(pub).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("public")).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("api")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
