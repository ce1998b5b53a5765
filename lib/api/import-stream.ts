/**
 * The answer of a file import (TMX, glossary CSV/TBX, XLIFF): with
 * `Accept: application/x-ndjson` a stream of progress lines, one JSON object
 * a line, ending with `done` or `error`; without it, one JSON answer when the
 * import is over. The body is read here (whole, never truncated: lib/api/body)
 * into a buffer of its own, so it can be moved to the worker thread that
 * parses and writes it (lib/worker importPool).
 *
 *   { "type": "progress", "phase": "upload", "bytes", "total", "units": 0 }
 *   { "type": "progress", "phase": "parse",  "bytes", "total", "units" }
 *   { "type": "progress", "phase": "write",  "bytes", "total", "units" }
 *   { "type": "done", ...payload }               (the non-streamed answer's body)
 *   { "type": "error", "status", "error": { "code", "message", "details"? } }
 */
import { errorResponse } from "./errors";
import { requestChunks } from "./body";

export type ImportPhase = "upload" | "parse" | "write";

export interface ImportProgress {
  readonly phase: ImportPhase;
  /** Bytes of the file received (upload) or read by the parser (parse); the file's size when writing. */
  readonly bytes: number;
  /** The file's size, when known (Content-Length). */
  readonly total?: number;
  /** Units (translation units, concepts, XLIFF units) read so far. */
  readonly units: number;
}

export type SendProgress = (p: ImportProgress) => void;

/** Whether the client asked for the progress stream. */
export function wantsProgress(request: Request): boolean {
  return request.headers.get("accept")?.includes("application/x-ndjson") ?? false;
}

/** A progress line at most every this many bytes (enough for a progress bar). */
const STEP = 256 * 1024;

/**
 * A whole raw request body in a fresh buffer (never a view of a shared one,
 * so it can be transferred to a worker), reporting `upload` progress.
 */
export async function readUpload(request: Request, maxBytes: number, what: string, send?: SendProgress): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let total: number | undefined;
  let last = 0;
  for await (const chunk of requestChunks(request, maxBytes, {
    what,
    onProgress: (bytes, announced) => {
      total = announced;
    },
  })) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (send && size - last >= STEP) {
      last = size;
      send({ phase: "upload", bytes: size, ...(total === undefined ? {} : { total }), units: 0 });
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  send?.({ phase: "upload", bytes: size, total: size, units: 0 });
  return out;
}

/** Throttles parse progress to a line per STEP bytes. */
export function throttled(send: SendProgress): SendProgress {
  let phase: ImportPhase | undefined;
  let last = 0;
  return (p) => {
    if (p.phase === phase && p.phase === "parse" && p.bytes - last < STEP && p.bytes !== p.total) return;
    phase = p.phase;
    last = p.bytes;
    send(p);
  };
}

/**
 * Runs an import and answers it: `run` gets a progress callback and returns
 * the answer's body (200) or a Response (an error answer such as a 422 with
 * every problem of the file). Streamed when the client asked for it.
 */
export async function importResponse(request: Request, run: (send: SendProgress) => Promise<object | Response>): Promise<Response> {
  if (!wantsProgress(request)) {
    const result = await run(() => {});
    return result instanceof Response ? result : Response.json(result);
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      const fail = async (response: Response) => line({ type: "error", status: response.status, ...((await response.json()) as object) });
      try {
        const result = await run(throttled((p) => line({ type: "progress", ...p })));
        if (result instanceof Response) {
          if (result.ok) line({ type: "done", ...((await result.json()) as object) });
          else await fail(result);
        } else line({ type: "done", ...result });
      } catch (e) {
        await fail(errorResponse(e));
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
