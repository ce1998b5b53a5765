/**
 * Reading request bodies: the one reader for raw uploads (files sent as the
 * body) and JSON. A body is never handed on truncated: larger than its
 * endpoint's limit is 413 (from Content-Length before anything is read, else
 * as soon as it passes the limit), and a body that ends before (or differs
 * from) its Content-Length is 400.
 */
import { ApiError } from "./errors";

export interface BodyOptions {
  /** What the body is, for messages ("The TMX file"). */
  readonly what?: string;
  /** Called after each chunk with the bytes read so far and the announced total (Content-Length), if any. */
  readonly onProgress?: (bytes: number, total: number | undefined) => void;
}

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * The Content-Length a request announces, or undefined when it sends its body
 * chunked; a malformed value is 400 and one over `maxBytes` is 413.
 */
export function announcedLength(request: Request, maxBytes: number, what = "The upload"): number | undefined {
  const header = request.headers.get("content-length");
  if (header === null || header.trim() === "") return undefined;
  if (!/^\d+$/.test(header.trim())) throw new ApiError("validation_failed", `The Content-Length header (${header.slice(0, 40)}) is not a number of bytes.`);
  const length = Number(header.trim());
  if (length > maxBytes) throw tooLarge(maxBytes, what);
  return length;
}

function tooLarge(maxBytes: number, what: string): ApiError {
  return new ApiError("payload_too_large", `${what} is larger than ${megabytes(maxBytes)} (${maxBytes} bytes).`, { maxBytes });
}

/**
 * A raw request body as it arrives, chunk by chunk, enforcing `maxBytes` and
 * the Content-Length: it throws (413 or 400) instead of ending early, so a
 * consumer that reaches the end has read the whole body, and a consumer that
 * writes only after the end never writes a truncated upload.
 */
export async function* requestChunks(request: Request, maxBytes: number, options: BodyOptions = {}): AsyncGenerator<Uint8Array> {
  const what = options.what ?? "The upload";
  const total = announcedLength(request, maxBytes, what);
  if (!request.body) {
    if (total) throw truncated(0, total, what);
    return;
  }
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new ApiError("validation_failed", `${what} was interrupted after ${size} bytes${total === undefined ? "" : ` of ${total}`}; nothing was read from it.`);
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes, what);
      if (total !== undefined && size > total) throw mismatch(size, total, what);
      options.onProgress?.(size, total);
      yield chunk.value;
    }
    if (total !== undefined && size !== total) throw truncated(size, total, what);
  } finally {
    // Stops reading a body that is refused (or whose consumer stopped early).
    reader.cancel().catch(() => {});
  }
}

function truncated(size: number, total: number, what: string): ApiError {
  return new ApiError("validation_failed", `${what} ended after ${size} of the ${total} bytes its Content-Length announced; nothing was read from it.`, { received: size, contentLength: total });
}

function mismatch(size: number, total: number, what: string): ApiError {
  return new ApiError("validation_failed", `${what} is longer than the ${total} bytes its Content-Length announced; nothing was read from it.`, { received: size, contentLength: total });
}

/** A whole raw request body (see requestChunks for the limits it enforces). */
export async function readRequestBytes(request: Request, maxBytes: number, what?: string | BodyOptions): Promise<Uint8Array> {
  const options = typeof what === "string" ? { what } : (what ?? {});
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of requestChunks(request, maxBytes, options)) {
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A whole request body as UTF-8 text (a byte order mark is dropped), with the same limits. */
export async function readRequestText(request: Request, maxBytes: number, what?: string): Promise<string> {
  return new TextDecoder().decode(await readRequestBytes(request, maxBytes, what));
}
