import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One throwaway database per run. The config is evaluated again in each worker, which inherits
// this environment, so every process agrees on the same file.
if (!process.env.FACTDESK_E2E_DATABASE) {
  process.env.FACTDESK_E2E_DATABASE = path.join(mkdtempSync(path.join(os.tmpdir(), "factdesk-e2e-")), "e2e.db");
}
const PORT = Number(process.env.FACTDESK_E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // The real `npm start` path: migrations, demo seed, production build when sources changed.
    command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
    url: `${baseURL}/sign-in`,
    timeout: 15 * 60 * 1000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.FACTDESK_E2E_DATABASE,
      PORT: String(PORT),
      AUTH_SECRET: "factdesk-e2e-secret-not-for-production-use-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
      FACTDESK_API_RATE_LIMIT: "100000",
      // The test client stands in for a reverse proxy on the same machine (HSTS, client addresses).
      FACTDESK_TRUSTED_PROXY: "loopback",
      // e2e/webhooks.spec.ts: its receiver is plain http on 127.0.0.1, and the retry after a 503 comes within seconds.
      FACTDESK_WEBHOOKS_ALLOW_HTTP_LOOPBACK: "1",
      FACTDESK_DELIVERY_BACKOFF_MS: "1000",
    },
  },
});
