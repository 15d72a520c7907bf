// Copies a SQLite database with VACUUM INTO on its own thread (lib/backup/backup.ts), so the caller
// can report progress while the copy runs. VACUUM INTO reads one consistent snapshot in a single read
// transaction: in WAL mode writers carry on meanwhile and the copy never restarts.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

const { source, target } = workerData;
try {
  // Not read-only: a read-only connection cannot set up the WAL index when no other connection has.
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  db.prepare("VACUUM INTO ?").run(target);
  db.close();
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
