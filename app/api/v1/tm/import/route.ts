import { z } from "zod";
import { route } from "@/features/auth/server/route";
import { announcedLength } from "@/lib/api/body";
import { importResponse, readUpload, type ImportProgress } from "@/lib/api/import-stream";
import { defineJob, runImportJob } from "@/lib/worker/pool";
import { jobDbConfig } from "@/lib/worker/db";
import { MAX_TMX_BYTES } from "@/features/tm/server/transfer";
import type * as TmxJob from "@/features/tm/server/import-job";

const tmxImportJob = defineJob<typeof TmxJob.tmxImportJob>("features/tm/server/import-job.ts", "tmxImportJob");

const querySchema = z.object({
  filename: z.string().trim().min(1).max(200).default("upload.tmx"),
  dryRun: z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true"),
});

/**
 * Imports a TMX 1.4b file (the request body) into the translation memory, all
 * or nothing. The file is parsed and written in a worker thread (lib/worker
 * importPool), within the import time budget. With
 * `Accept: application/x-ndjson` the answer streams progress lines (upload,
 * parse, write) and ends with { "type": "done", "summary" } or
 * { "type": "error", "status", "error" } (lib/api/import-stream).
 */
export const POST = route({
  access: "document.import",
  handler: async ({ request, db, principal }) => {
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    // Refused (413, or 400 for a malformed Content-Length) before anything is read.
    announcedLength(request, MAX_TMX_BYTES, "The TMX file");
    const author = principal.kind === "user" ? principal.userId : null;
    const config = jobDbConfig(db);
    return importResponse(request, async (send) => {
      const bytes = await readUpload(request, MAX_TMX_BYTES, "The TMX file", send);
      const summary = await runImportJob(tmxImportJob, { db: config, bytes, ...query, author }, { transfer: [bytes.buffer as ArrayBuffer], onProgress: (p) => send(p as ImportProgress) });
      return { summary };
    });
  },
});
