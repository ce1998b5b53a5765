/** Jobs for tests/unit/worker.test.ts (run in worker threads by lib/worker). */
import "server-only";
import { ApiError } from "@/lib/api/errors";

export function double(input: { n: number }): { n: number; thread: boolean } {
  return { n: input.n * 2, thread: !require("node:worker_threads").isMainThread };
}

export async function later(input: { n: number }): Promise<number> {
  await new Promise((r) => setTimeout(r, 1));
  return input.n + 1;
}

/** Never returns: only a terminated worker ends it. */
export function spin(): never {
  for (;;) {
    /* busy */
  }
}

export function refuse(input: { limit: number }): never {
  throw new ApiError("payload_too_large", `More than ${input.limit} sentences.`, { limit: input.limit });
}

export function crash(): never {
  throw new TypeError("broken job");
}

/** Grows until the worker's heap limit ends it. */
export function hog(): number {
  const keep: number[][] = [];
  for (;;) keep.push(new Array(1_000_000).fill(1));
}
