import { route } from "@/features/auth/server/route";
import { revalidateReaderPagesAfterGlossaryChange } from "@/features/reader/server/cache";
import { announcedLength } from "@/lib/api/body";
import { importResponse, readUpload, type ImportProgress } from "@/lib/api/import-stream";
import { defineJob, runImportJob } from "@/lib/worker/pool";
import { jobDbConfig } from "@/lib/worker/db";
import { IMPORT_MAX_BYTES, importQuerySchema, problemsResponse, queryOf } from "@/features/glossary/server/exchange";
import type * as GlossaryJob from "@/features/glossary/server/import-job";

const glossaryImportJob = defineJob<typeof GlossaryJob.glossaryImportJob>("features/glossary/server/import-job.ts", "glossaryImportJob");

/**
 * Imports a TBX (v3 or 2008) or CSV glossary sent as the raw body, all or
 * nothing; `dryRun=1` reports what would happen and writes nothing. A file
 * with any problem answers 422 with every problem and imports nothing. The
 * file is parsed and written in a worker thread (lib/worker importPool); with
 * `Accept: application/x-ndjson` the answer streams progress lines
 * (lib/api/import-stream).
 */
export const POST = route({
  access: "glossary.manage",
  handler: async ({ request, db, principal }) => {
    const query = importQuerySchema.parse(queryOf(request));
    announcedLength(request, IMPORT_MAX_BYTES, "The file");
    const config = jobDbConfig(db);
    return importResponse(request, async (send) => {
      const bytes = await readUpload(request, IMPORT_MAX_BYTES, "The file", send);
      const result = await runImportJob(
        glossaryImportJob,
        {
          db: config,
          bytes,
          format: query.format,
          actorId: principal.kind === "user" ? principal.userId : "",
          fileName: query.filename || "upload",
          defaultStatus: query.status,
          dryRun: query.dryRun,
        },
        { transfer: [bytes.buffer as ArrayBuffer], onProgress: (p) => send(p as ImportProgress) },
      );
      if (!result.ok) return problemsResponse(result.problems, result.ignored);
      if (!query.dryRun) await revalidateReaderPagesAfterGlossaryChange();
      return result.summary;
    });
  },
});
