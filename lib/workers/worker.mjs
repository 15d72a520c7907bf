// Entry point of the background job threads (lib/workers/run.ts starts and reuses them). A plain ES
// module outside the Next.js bundle, so the production server starts it from the source tree at run
// time; tsx compiles the TypeScript job modules it imports, with the project's path aliases.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsconfig = path.join(here, "..", "..", "tsconfig.json");
// Both loaders: the project has no "type": "module", so its .ts files load as CommonJS.
registerCjs({ tsconfig });
register({ tsconfig });
const jobs = import("./jobs.ts");

parentPort.on("message", async ({ id, job, input }) => {
  try {
    const { runJob } = await jobs;
    parentPort.postMessage({ id, ok: true, value: await runJob(job, input) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
