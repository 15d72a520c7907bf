/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (e.g. the e2e suite) use their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  experimental: {
    authInterrupts: true,
  },
};

module.exports = nextConfig;
