import { afterAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { WorkerPool, defineJob } from "@/lib/worker/pool";
import type * as Jobs from "../helpers/worker-jobs";

const M = "tests/helpers/worker-jobs.ts";
const double = defineJob<typeof Jobs.double>(M, "double");
const later = defineJob<typeof Jobs.later>(M, "later");
const spin = defineJob<typeof Jobs.spin>(M, "spin");
const refuse = defineJob<typeof Jobs.refuse>(M, "refuse");
const crash = defineJob<typeof Jobs.crash>(M, "crash");
const hog = defineJob<typeof Jobs.hog>(M, "hog");

const pools: WorkerPool[] = [];
function pool(options: Partial<WorkerPool["options"]> = {}): WorkerPool {
  const p = new WorkerPool({ size: 1, maxQueue: 4, budgetMs: 60_000, maxMemoryMb: 128, root: process.cwd(), ...options });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("lib/worker", () => {
  it("runs a TypeScript job (a server-only module, with @/ imports) in a worker thread and returns its result", async () => {
    const p = pool();
    expect(await p.run(double, { n: 21 })).toEqual({ n: 42, thread: true });
    expect(await p.run(later, { n: 1 })).toBe(2);
    // The worker is reused.
    expect(p.stats()).toEqual({ workers: 1, running: 0, queued: 0 });
  });

  it("terminates a job past its time budget with time_budget_exceeded, and the pool goes on", async () => {
    const p = pool();
    const e = await rejection(p.run(spin, undefined as never, { budgetMs: 300 }));
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe("time_budget_exceeded");
    expect((e as ApiError).status).toBe(422);
    expect(await p.run(double, { n: 2 })).toEqual({ n: 4, thread: true });
  });

  it("passes the job's own ApiError through (a cap answers 4xx) and other errors as errors", async () => {
    const p = pool();
    const e = await rejection(p.run(refuse, { limit: 7 }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: "payload_too_large", details: { limit: 7 } });
    const c = await rejection(p.run(crash, undefined as never));
    expect(c).not.toBeInstanceOf(ApiError);
    expect((c as Error).message).toBe("broken job");
  });

  it("fails a job that outgrows the worker's heap with memory_budget_exceeded", async () => {
    const p = pool({ maxMemoryMb: 32 });
    const e = await rejection(p.run(hog, undefined as never));
    expect((e as ApiError).code).toBe("memory_budget_exceeded");
    expect(await p.run(double, { n: 3 })).toEqual({ n: 6, thread: true });
  });

  it("answers server_busy with Retry-After when the queue is full, and runs the queued jobs in turn", async () => {
    const p = pool({ maxQueue: 1 });
    await p.run(double, { n: 0 });
    const running = p.run(spin, undefined as never, { budgetMs: 2_000 });
    const queued = p.run(double, { n: 5 });
    const refused = await rejection(p.run(double, { n: 6 }));
    expect(refused).toMatchObject({ code: "server_busy", status: 503, headers: { "Retry-After": "5" } });
    expect((await rejection(running)) as ApiError).toMatchObject({ code: "time_budget_exceeded" });
    expect(await queued).toEqual({ n: 10, thread: true });
  });

  it("cancels a running job (its worker is terminated) and a queued one (it leaves the queue)", async () => {
    const p = pool();
    await p.run(double, { n: 0 });
    const a = new AbortController();
    const b = new AbortController();
    const running = p.run(spin, undefined as never, { signal: a.signal });
    const queued = p.run(double, { n: 1 }, { signal: b.signal });
    b.abort();
    expect(await rejection(queued)).toMatchObject({ name: "AbortError" });
    expect(p.stats().queued).toBe(0);
    a.abort();
    expect(await rejection(running)).toMatchObject({ name: "AbortError" });
    expect(await p.run(double, { n: 4 })).toEqual({ n: 8, thread: true });
  });
});
