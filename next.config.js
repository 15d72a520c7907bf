/** Embed cards and everything else, as path-to-regexp sources (lib/http/security-headers.ts has the same rule). */
const EMBED_PATH = "/summaries/:slug/embed/:rest*";
const NOT_EMBED_PATH = "/((?!summaries/[^/]+/embed(?:/|$)).*)";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e.g. the e2e suite) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native modules, and pdf.js (inside unpdf), which expects to run as plain Node code rather than from a bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "unpdf"],
  poweredByHeader: false,
  // On every response, static files included. proxy.ts replaces the CSP with the policy of the page's
  // area (the lowercase name lets its value win) and adds HSTS behind a trusted https proxy.
  // Embed cards (/summaries/{slug}/embed...) are the one thing other sites may frame: they get no
  // X-Frame-Options and frame-ancestors *; everything else is DENY / 'none' (lib/http/frame-headers.test.ts).
  async headers() {
    const always = [
      { key: "x-content-type-options", value: "nosniff" },
      { key: "referrer-policy", value: "strict-origin-when-cross-origin" },
      { key: "cross-origin-opener-policy", value: "same-origin" },
      { key: "permissions-policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    ];
    return [
      {
        source: NOT_EMBED_PATH,
        headers: [...always, { key: "x-frame-options", value: "DENY" }, { key: "content-security-policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        source: EMBED_PATH,
        headers: [...always, { key: "content-security-policy", value: "default-src 'none'; frame-ancestors *" }],
      },
    ];
  },
  // `/summaries/{slug}/embed?claim=12` is the claim's card, /embed/claim/12 (a cached page of its own).
  async rewrites() {
    return {
      beforeFiles: [
        // A filtered or older page of the list is rendered per request; the latest, /summaries, stays cached.
        { source: "/summaries", has: [{ type: "query", key: "verdict" }], destination: "/summaries/-/list" },
        { source: "/summaries", has: [{ type: "query", key: "cursor" }], destination: "/summaries/-/list" },
        { source: "/summaries/:slug/embed", has: [{ type: "query", key: "claim", value: "(?<claim>[1-9]\\d{0,9})" }], destination: "/summaries/:slug/embed/claim/:claim" },
      ],
    };
  },
  // Public pages are cached (ISR) and say so to CDNs: s-maxage = their revalidate (300 s), then a stale
  // copy may be served for up to a day while a fresh one is fetched (lib/publish/cache-policy.ts).
  expireTime: 86400,
  experimental: {
    authInterrupts: true,
  },
};

module.exports = nextConfig;
