/**
 * CPU-heavy work off the request thread: a small pool of worker threads, each
 * running jobs (a named export of one of the app's modules, called with a
 * structured-clone-able input). A job that runs past its time budget has its
 * worker terminated and fails with `time_budget_exceeded`; a job whose
 * worker runs out of memory fails with `memory_budget_exceeded`; when every
 * worker is busy and the queue is full the caller gets `server_busy` (503,
 * Retry-After). A job can be cancelled with an AbortSignal (the request's,
 * say): queued, it leaves the queue; running, its worker is terminated.
 *
 * The worker script is lib/worker/entry.mjs, loaded from the app's root (the
 * working directory of `npm start`, `next start`, vitest and the CLI, or
 * WORKBENCH_ROOT); it loads the TypeScript sources with tsx, so jobs run
 * the same code in every one of them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ApiError, ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";

/** A job: the module (path from the app's root) and the name of the function it exports. `F` types input and result. */
export interface Job<F extends (input: never) => unknown> {
  readonly module: string;
  readonly fn: string;
  /** Type only. */
  readonly __type?: F;
}

/**
 * Names a job. Type it with the function itself, imported as a type only so
 * the request thread never loads the module:
 * `defineJob<typeof import("@/features/align/compute")["alignCompute"]>("features/align/compute.ts", "alignCompute")`.
 */
export function defineJob<F extends (input: never) => unknown>(module: string, fn: string): Job<F> {
  return { module, fn };
}

export type JobInput<F> = F extends (input: infer I) => unknown ? I : never;
export type JobResult<F> = F extends (input: never) => infer R ? Awaited<R> : never;

export interface RunOptions {
  /** Milliseconds the job may run (from when a worker takes it). Default: the pool's. */
  readonly budgetMs?: number;
  /** Cancels the job: it leaves the queue, or its worker is terminated. */
  readonly signal?: AbortSignal;
  /** Called with what the job reports through its second argument's `progress` (see JobContext). */
  readonly onProgress?: (value: unknown) => void;
  /** Buffers moved to the worker instead of copied (a large upload's bytes); the caller must not use them after. */
  readonly transfer?: readonly ArrayBuffer[];
}

/** A job's second argument in the worker: `progress(value)` reaches the caller's RunOptions.onProgress. */
export interface JobContext {
  progress(value: unknown): void;
}

export interface PoolOptions {
  /** Worker threads at most. */
  readonly size: number;
  /** Jobs waiting for a worker at most; beyond, `server_busy`. */
  readonly maxQueue: number;
  readonly budgetMs: number;
  /** Heap limit of each worker (MB). */
  readonly maxMemoryMb: number;
  /** The app's root (where lib/worker/entry.mjs and tsconfig.json are). */
  readonly root: string;
}

interface Pending {
  readonly job: Job<never>;
  readonly input: unknown;
  readonly budgetMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (value: unknown) => void;
  readonly transfer?: readonly ArrayBuffer[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  onAbort?: () => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  current: (Pending & { id: number; timer?: NodeJS.Timeout }) | null;
}

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  details?: unknown;
  headers?: Record<string, string>;
}

/** The error a job threw, rebuilt on this side: an ApiError stays one (a cap the job enforces answers 4xx). */
function revive(e: SerializedError): Error {
  if (e.name === "ApiError" && typeof e.code === "string" && e.code in ERROR_STATUS) {
    return new ApiError(e.code as ErrorCode, e.message, e.details, e.headers);
  }
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

let nextId = 1;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly entry: string;
  private closed = false;

  constructor(readonly options: PoolOptions) {
    this.entry = path.join(options.root, "lib", "worker", "entry.mjs");
  }

  /** Runs a job in a worker thread; see the module comment for its errors. */
  run<F extends (input: never) => unknown>(job: Job<F>, input: JobInput<F>, options: RunOptions = {}): Promise<JobResult<F>> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error("The worker pool is closed."));
      if (options.signal?.aborted) return reject(cancelled());
      const pending: Pending = {
        job: job as Job<never>,
        input,
        budgetMs: options.budgetMs ?? this.options.budgetMs,
        signal: options.signal,
        onProgress: options.onProgress,
        transfer: options.transfer,
        resolve: resolve as (v: unknown) => void,
        reject,
      };
      const idle = this.slots.find((s) => s.ready && !s.current);
      if (idle) return this.dispatch(idle, pending);
      if (this.slots.length < this.options.size) {
        this.queue.push(pending);
        this.watchQueued(pending);
        this.spawn();
        return;
      }
      // Jobs waiting for a worker that is starting are not counted against the queue.
      const starting = this.slots.filter((s) => !s.ready).length;
      if (this.queue.length >= this.options.maxQueue + starting) {
        return reject(
          new ApiError("server_busy", "The server is busy with other heavy requests. Try again shortly.", { queue: this.options.maxQueue }, { "Retry-After": "5" }),
        );
      }
      this.queue.push(pending);
      this.watchQueued(pending);
    });
  }

  /** Jobs running and waiting (for tests and metrics). */
  stats(): { workers: number; running: number; queued: number } {
    return { workers: this.slots.length, running: this.slots.filter((s) => s.current).length, queued: this.queue.length };
  }

  /** Terminates every worker; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("The worker pool is closed."));
    await Promise.all(this.slots.splice(0).map((s) => this.kill(s, new Error("The worker pool is closed."))));
  }

  private watchQueued(p: Pending): void {
    if (!p.signal) return;
    p.onAbort = () => {
      const i = this.queue.indexOf(p);
      if (i >= 0) this.queue.splice(i, 1);
      p.reject(cancelled());
    };
    p.signal.addEventListener("abort", p.onAbort, { once: true });
  }

  private spawn(): void {
    if (!fs.existsSync(this.entry)) throw new Error(`The worker script ${this.entry} is missing: run the app from its root directory (or set WORKBENCH_ROOT).`);
    const worker = new Worker(this.entry, {
      workerData: { root: this.options.root },
      // The worker loads the sources as the CLI does (server modules resolve as on the server).
      execArgv: ["--conditions=react-server"],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, current: null };
    this.slots.push(slot);
    worker.unref();
    worker.on("message", (m: { ready?: true; id?: number; ok?: boolean; value?: unknown; error?: SerializedError; progress?: unknown }) => {
      if (m.ready) {
        slot.ready = true;
        this.next(slot);
        return;
      }
      const cur = slot.current;
      if (!cur || cur.id !== m.id) return;
      if ("progress" in m) {
        cur.onProgress?.(m.progress);
        return;
      }
      this.finish(slot);
      if (m.ok) cur.resolve(m.value);
      else cur.reject(revive(m.error!));
      this.next(slot);
    });
    worker.on("error", (e: Error & { code?: string }) => this.lost(slot, e));
    worker.on("exit", () => this.lost(slot, new Error("The worker thread exited.")));
  }

  /** A worker died (out of memory, a crash): its job fails, and a new worker takes the queue. */
  private lost(slot: Slot, e: Error & { code?: string }): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const cur = slot.current;
    if (cur) {
      this.finish(slot);
      cur.reject(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ApiError("memory_budget_exceeded", "This request needs more memory than one request may use. Send less at a time.", { limitMb: this.options.maxMemoryMb })
          : e,
      );
    } else if (!slot.ready) {
      // The worker could not start: the waiting jobs cannot run either.
      for (const p of this.queue.splice(0)) p.reject(e);
    }
    if (this.queue.length && !this.closed) this.spawn();
  }

  private next(slot: Slot): void {
    const p = this.queue.shift();
    if (p) this.dispatch(slot, p);
  }

  private dispatch(slot: Slot, p: Pending): void {
    if (p.onAbort) p.signal!.removeEventListener("abort", p.onAbort);
    const id = nextId++;
    const cur: NonNullable<Slot["current"]> = { ...p, id };
    slot.current = cur;
    slot.worker.ref();
    cur.timer = setTimeout(() => {
      void this.kill(
        slot,
        new ApiError("time_budget_exceeded", `This request needs more than ${Math.round(p.budgetMs / 1000)} s of work; the limit is there so one request cannot hold up the others. Send less at a time.`, {
          budgetMs: p.budgetMs,
        }),
      );
    }, p.budgetMs);
    if (p.signal) {
      cur.onAbort = () => void this.kill(slot, cancelled());
      p.signal.addEventListener("abort", cur.onAbort, { once: true });
    }
    slot.worker.postMessage({ id, module: p.job.module, fn: p.job.fn, input: p.input }, p.transfer ? [...p.transfer] : []);
  }

  private finish(slot: Slot): void {
    const cur = slot.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    if (cur.onAbort) cur.signal?.removeEventListener("abort", cur.onAbort);
    slot.current = null;
    slot.worker.unref();
  }

  /** Terminates a worker and fails its job with `error`; a new worker takes the queue. */
  private async kill(slot: Slot, error: Error): Promise<void> {
    const cur = slot.current;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (cur) {
      this.finish(slot);
      cur.reject(error);
    }
    if (this.queue.length && !this.closed) this.spawn();
    await slot.worker.terminate();
  }
}

function cancelled(): Error {
  const e = new Error("The job was cancelled.");
  e.name = "AbortError";
  return e;
}

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

const GLOBAL_KEY = Symbol.for("workbench.workerPool");

/**
 * The process's pool (one per process, even when the framework loads this
 * module more than once). Sized by WORKER_THREADS (default: one per core
 * beyond the first, at least one, at most 4), WORKER_QUEUE (16),
 * WORKER_TIME_BUDGET_MS (20 000) and WORKER_MEMORY_MB (512).
 */
export function workerPool(): WorkerPool {
  const g = globalThis as unknown as Record<symbol, WorkerPool | undefined>;
  return (g[GLOBAL_KEY] ??= new WorkerPool({
    size: envInt("WORKER_THREADS", Math.min(4, Math.max(1, os.availableParallelism() - 1))),
    maxQueue: envInt("WORKER_QUEUE", 16),
    budgetMs: envInt("WORKER_TIME_BUDGET_MS", 20_000),
    maxMemoryMb: envInt("WORKER_MEMORY_MB", 512),
    root: process.env.WORKBENCH_ROOT || path.resolve(/* turbopackIgnore: true */ process.cwd()),
  }));
}

const IMPORT_POOL_KEY = Symbol.for("workbench.importPool");

/**
 * The process's pool for file imports (TMX, glossary CSV/TBX, XLIFF), apart
 * from the compute pool so that a long import never holds up an alignment or
 * a QA report, nor the reverse. Sized by IMPORT_THREADS (default 1: imports
 * run one at a time), IMPORT_QUEUE (4), IMPORT_MEMORY_MB (1024); the time
 * budget (IMPORT_TIME_BUDGET_MS, 120 000) is read at each import.
 */
export function importPool(): WorkerPool {
  const g = globalThis as unknown as Record<symbol, WorkerPool | undefined>;
  return (g[IMPORT_POOL_KEY] ??= new WorkerPool({
    size: envInt("IMPORT_THREADS", 1),
    maxQueue: envInt("IMPORT_QUEUE", 4),
    budgetMs: envInt("IMPORT_TIME_BUDGET_MS", 120_000),
    maxMemoryMb: envInt("IMPORT_MEMORY_MB", 1024),
    root: process.env.WORKBENCH_ROOT || path.resolve(/* turbopackIgnore: true */ process.cwd()),
  }));
}

/** Runs an import job in the import pool, within IMPORT_TIME_BUDGET_MS as it is now. */
export function runImportJob<F extends (input: never) => unknown>(job: Job<F>, input: JobInput<F>, options: RunOptions = {}): Promise<JobResult<F>> {
  return importPool().run(job, input, { budgetMs: envInt("IMPORT_TIME_BUDGET_MS", 120_000), ...options });
}

/** Runs a job in the process's pool. */
export function runJob<F extends (input: never) => unknown>(job: Job<F>, input: JobInput<F>, options?: RunOptions): Promise<JobResult<F>> {
  return workerPool().run(job, input, options);
}
