/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e.g. the e2e suite) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native modules, and pdf.js (inside unpdf), which expects to run as plain Node code rather than from a bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "unpdf"],
  poweredByHeader: false,
  experimental: {
    authInterrupts: true,
  },
};

module.exports = nextConfig;
