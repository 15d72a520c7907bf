import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDatabasePath } from "@/db/path";
import { databaseEngine } from "@/lib/core/engine";

/**
 * The session-signing secret: AUTH_SECRET when set, otherwise one generated on first start and kept
 * beside the database (mode 600), so sessions survive restarts without any configuration. On
 * PostgreSQL it is kept in data/ of the working directory: several app servers must share one
 * secret, so there set AUTH_SECRET on every server (the README says so).
 */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const dbPath = databaseEngine() === "postgres" ? null : resolveDatabasePath();
  const dir = dbPath === null || dbPath === ":memory:" ? path.resolve(process.cwd(), "data") : path.dirname(dbPath);
  const file = path.join(dir, ".auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, "utf8").trim();
  process.env.AUTH_SECRET = secret;
  return secret;
}
