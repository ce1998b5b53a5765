import { z } from "zod";
import { route } from "@/features/auth/server/route";
import { errorResponse } from "@/lib/api/errors";
import { announcedLength, requestChunks } from "@/lib/api/body";
import { MAX_TMX_BYTES, importTmx } from "@/features/tm/server/transfer";

const querySchema = z.object({
  filename: z.string().trim().min(1).max(200).default("upload.tmx"),
  dryRun: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
});

/**
 * Imports a TMX 1.4b file (the request body) into the translation memory, all
 * or nothing. With `Accept: application/x-ndjson` the answer streams progress
 * lines ({ "type": "progress", "bytes", "total", "units" }) and ends with
 * { "type": "done", "summary" } or { "type": "error", "error" }.
 */
export const POST = route({
  access: "document.import",
  handler: async ({ request, db, principal }) => {
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    // Refused (413, or 400 for a malformed Content-Length) before anything is read.
    const total = announcedLength(request, MAX_TMX_BYTES, "The TMX file");
    const body = () => requestChunks(request, MAX_TMX_BYTES, { what: "The TMX file" });
    const author = principal.kind === "user" ? principal.userId : null;
    if (!request.headers.get("accept")?.includes("application/x-ndjson")) {
      return Response.json({ summary: await importTmx(db, body(), { ...query, author }) });
    }
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        let last = 0;
        try {
          const summary = await importTmx(db, body(), {
            ...query,
            author,
            onProgress: (bytes, units) => {
              // A line every 256 KB is enough for a progress bar.
              if (bytes - last < 256 * 1024) return;
              last = bytes;
              send({ type: "progress", bytes, total, units });
            },
          });
          send({ type: "done", summary });
        } catch (e) {
          const response = errorResponse(e);
          send({ type: "error", status: response.status, ...((await response.json()) as object) });
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
  },
});
