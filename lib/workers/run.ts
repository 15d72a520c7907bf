import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { fail, ok, type Result } from "@/lib/core/result";
import type { JobInput, JobName, JobOutput } from "./jobs";

export interface WorkerBudget {
  /** Wall-clock time the job may take once a thread picks it up; past it the thread is stopped. */
  timeMs: number;
  /** What the job is doing, for the error message: "Reading report.docx". */
  label: string;
}

/** Heap each job thread may use (V8 old generation): past it the thread dies, not the server. */
export const WORKER_MEMORY_MB = Number(process.env.FACTDESK_WORKER_MEMORY_MB ?? 768);
const POOL_SIZE = Math.max(1, Number(process.env.FACTDESK_WORKERS ?? Math.min(4, Math.max(2, availableParallelism() - 1))));

// Resolved at run time from the source tree, never bundled: the production server starts the same
// file the tests do.
function workerFile(): string {
  return path.join(/* turbopackIgnore: true */ process.env.FACTDESK_ROOT ?? process.cwd(), "lib", "workers", "worker.mjs");
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

interface Task {
  id: number;
  job: JobName;
  input: unknown;
  budget: WorkerBudget;
  resolve: (result: Result<unknown>) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer?: NodeJS.Timeout;
}

const pool = (globalThis as unknown as { factdeskWorkers?: { slots: Slot[]; queue: Task[]; nextId: number } }).factdeskWorkers ??= {
  slots: [],
  queue: [],
  nextId: 1,
};

function finish(slot: Slot, result: Result<unknown>): void {
  const task = slot.task;
  if (!task) return;
  clearTimeout(slot.timer);
  slot.task = null;
  slot.worker.unref();
  task.resolve(result);
  dispatch();
}

function retire(slot: Slot): void {
  pool.slots = pool.slots.filter((s) => s !== slot);
  void slot.worker.terminate();
}

function spawn(): Slot {
  const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB }, stdout: false, stderr: false });
  const slot: Slot = { worker, task: null };
  worker.on("message", (reply: Reply) => {
    if (!slot.task || reply.id !== slot.task.id) return;
    const label = slot.task.budget.label;
    finish(slot, reply.ok ? ok(reply.value) : fail("invalid", `${label} failed: ${reply.message}`));
  });
  worker.on("error", (error: Error & { code?: string }) => {
    const label = slot.task?.budget.label ?? "A background job";
    retire(slot);
    finish(
      slot,
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? fail("payload_too_large", `${label} needed more than ${WORKER_MEMORY_MB} MB of memory and was stopped.`)
        : fail("invalid", `${label} failed: ${error.message}`),
    );
  });
  worker.on("exit", (code) => {
    retire(slot);
    finish(slot, fail("invalid", `${slot.task?.budget.label ?? "A background job"} stopped unexpectedly (exit ${code}).`));
  });
  worker.unref();
  pool.slots.push(slot);
  return slot;
}

function dispatch(): void {
  while (pool.queue.length > 0) {
    const slot = pool.slots.find((s) => s.task === null) ?? (pool.slots.length < POOL_SIZE ? spawn() : null);
    if (!slot) return;
    const task = pool.queue.shift()!;
    slot.task = task;
    slot.worker.ref();
    const seconds = Math.round(task.budget.timeMs / 100) / 10;
    slot.timer = setTimeout(() => {
      // The thread may be deep in a regular expression or an inflate: only terminating it stops that.
      retire(slot);
      finish(slot, fail("invalid", `${task.budget.label} took longer than ${seconds} s, the most one request may take, and was stopped.`));
    }, task.budget.timeMs);
    slot.worker.postMessage({ id: task.id, job: task.job, input: task.input });
  }
}

/**
 * Runs a job on a worker thread so the request thread stays free for everyone else, within a time
 * budget (the thread is terminated past it) and a memory cap. Threads are kept warm and reused; at
 * most a few run at once and further jobs wait their turn. Failures are values: 422 when over time
 * or when the job threw, 413 when it ran out of memory.
 */
export function runInWorker<J extends JobName>(job: J, input: JobInput<J>, budget: WorkerBudget): Promise<Result<JobOutput<J>>> {
  return new Promise((resolve) => {
    pool.queue.push({ id: pool.nextId++, job, input, budget, resolve: resolve as (result: Result<unknown>) => void });
    dispatch();
  });
}

let warmed = false;

/** Starts one job thread and loads the job modules in it, ahead of the first upload or long article. */
export function prewarmWorkers(): void {
  if (warmed) return;
  warmed = true;
  void runInWorker("warm", undefined, { timeMs: 120_000, label: "Preparing a job thread" });
}

// In the server, as soon as a module that hands work to threads is loaded (the upload form and the
// article routes are): a thread costs a second or more to start, better spent before it is needed.
if (process.env.NEXT_RUNTIME === "nodejs") setImmediate(prewarmWorkers);
