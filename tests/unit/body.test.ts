import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { readRequestBytes, requestChunks } from "@/lib/api/body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/v1/upload", { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

/** A chunked body: these chunks, then (optionally) a network error instead of the end. */
function stream(chunks: Uint8Array[], fail?: Error): ReadableStream<Uint8Array> {
  let pulled = 0;
  return new ReadableStream({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(chunks[pulled++]!);
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ApiError);
  return { status: (e as ApiError).status, code: (e as ApiError).code };
}

describe("readRequestBytes (lib/api/body.ts)", () => {
  it("reads a whole body whose length matches its Content-Length", async () => {
    const bytes = await readRequestBytes(post("a,b\n1,2\n", { "content-length": "8" }), 100);
    expect(new TextDecoder().decode(bytes)).toBe("a,b\n1,2\n");
  });

  it("reads a chunked body (no Content-Length) up to the limit", async () => {
    const bytes = await readRequestBytes(post(stream([new Uint8Array(40), new Uint8Array(60)])), 100);
    expect(bytes.byteLength).toBe(100);
  });

  it("refuses an announced body over the limit with 413 before reading any of it", async () => {
    let pulled = false;
    const body = new ReadableStream({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    expect(await refusal(readRequestBytes(post(body, { "content-length": "101" }), 100))).toEqual({ status: 413, code: "payload_too_large" });
    expect(pulled).toBe(false);
  });

  it("refuses a chunked body with 413 as soon as it passes the limit", async () => {
    let pulls = 0;
    const body = new ReadableStream({ pull: (c) => void (pulls++, c.enqueue(new Uint8Array(64))) });
    expect(await refusal(readRequestBytes(post(body), 100))).toEqual({ status: 413, code: "payload_too_large" });
    expect(pulls).toBeLessThan(5);
  });

  it("refuses with 400 a body that ends before its Content-Length (a truncated upload)", async () => {
    expect(await refusal(readRequestBytes(post("abc", { "content-length": "10" }), 100))).toEqual({ status: 400, code: "validation_failed" });
  });

  it("refuses with 400 a body longer than its Content-Length", async () => {
    expect(await refusal(readRequestBytes(post(stream([new Uint8Array(8), new Uint8Array(8)]), { "content-length": "10" }), 100))).toEqual({ status: 400, code: "validation_failed" });
  });

  it("refuses with 400 a malformed Content-Length", async () => {
    expect(await refusal(readRequestBytes(post("abc", { "content-length": "3; drop" }), 100))).toEqual({ status: 400, code: "validation_failed" });
  });

  it("answers 400 when the connection breaks mid-upload", async () => {
    expect(await refusal(readRequestBytes(post(stream([new Uint8Array(5)], new Error("aborted"))), 100))).toEqual({ status: 400, code: "validation_failed" });
  });
});

describe("requestChunks", () => {
  it("hands out every chunk, then throws instead of ending when the body fell short", async () => {
    const seen: number[] = [];
    const read = (async () => {
      for await (const chunk of requestChunks(post(stream([new Uint8Array(4), new Uint8Array(4)]), { "content-length": "12" }), 100)) seen.push(chunk.byteLength);
    })();
    expect(await refusal(read)).toEqual({ status: 400, code: "validation_failed" });
    expect(seen).toEqual([4, 4]);
  });

  it("reports progress with the announced total", async () => {
    const progress: [number, number | undefined][] = [];
    for await (const _ of requestChunks(post(stream([new Uint8Array(3), new Uint8Array(5)]), { "content-length": "8" }), 100, { onProgress: (b, t) => progress.push([b, t]) })) void _;
    expect(progress).toEqual([
      [3, 8],
      [8, 8],
    ]);
  });
});
