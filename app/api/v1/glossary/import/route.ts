import { route } from "@/features/auth/server/route";
import { parseGlossaryFile } from "@/features/glossary/exchange";
import { IMPORT_MAX_BYTES, importGlossary, importQuerySchema, problemsResponse, queryOf, readRequestBytes } from "@/features/glossary/server/exchange";

/**
 * Imports a TBX (v3 or 2008) or CSV glossary sent as the raw body, all or
 * nothing; `dryRun=1` reports what would happen and writes nothing. A file
 * with any problem answers 422 with every problem and imports nothing.
 */
export const POST = route({
  access: "glossary.manage",
  handler: async ({ request, db, principal }) => {
    const query = importQuerySchema.parse(queryOf(request));
    const bytes = await readRequestBytes(request, IMPORT_MAX_BYTES);
    const parsed = parseGlossaryFile(query.format, bytes, { maxBytes: IMPORT_MAX_BYTES });
    const result = await importGlossary(db, parsed, {
      actorId: principal.kind === "user" ? principal.userId : "",
      fileName: query.filename || "upload",
      defaultStatus: query.status,
      dryRun: query.dryRun,
    });
    if (!result.ok) return problemsResponse(result.problems, result.ignored);
    return Response.json(result.summary);
  },
});
