/** Reading raw uploads (files sent as the request body). */
import { ApiError } from "./errors";

/**
 * Reads a raw request body up to `maxBytes`; a larger one is refused with 413
 * payload_too_large as soon as it passes the limit (or at once, from its
 * Content-Length), without reading the rest.
 */
export async function readRequestBytes(request: Request, maxBytes: number, what = "The upload"): Promise<Uint8Array> {
  const tooLarge = () => new ApiError("payload_too_large", `${what} is larger than ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB (${maxBytes} bytes).`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
