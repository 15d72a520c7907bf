#!/usr/bin/env node
// The operator CLI. Runs the TypeScript entry point with tsx, keeping the caller's working directory
// (so DATABASE_URL and relative paths mean what they mean to the caller).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const tsxCli = path.join(path.dirname(require.resolve("tsx/package.json")), "dist", "cli.mjs");
const result = spawnSync(
  process.execPath,
  [tsxCli, "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "scripts", "cli.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, FACTDESK_ROOT: root } },
);
process.exit(result.status ?? 1);
