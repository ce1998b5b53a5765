import { route } from "@/features/auth/server/route";
import { ApiError } from "@/lib/api/errors";
import { TERM_STATUSES } from "@/lib/db/schema";
import { exportFileType, serializeGlossary } from "@/features/glossary/exchange";
import { exportConcepts, exportFileName, exportQuerySchema, queryOf } from "@/features/glossary/server/exchange";

/**
 * The glossary as a TBX v3 (TBX-Basic), TBX 2008 or CSV file. Anonymous
 * callers get approved terms only, without who proposed or reviewed them.
 */
export const GET = route({
  access: "public",
  handler: async ({ request, db, principal }) => {
    const query = exportQuerySchema.parse(queryOf(request));
    const signedIn = principal.kind === "user";
    const requested = query.status.length ? query.status : signedIn ? [...TERM_STATUSES] : ["approved" as const];
    const statuses = signedIn ? requested : requested.filter((s) => s === "approved");
    const concepts = await exportConcepts(db, { langs: query.lang, statuses, includePeople: signedIn });
    // TBX 2008's DTD requires at least one entry: an empty export cannot be a valid file.
    if (concepts.length === 0 && query.format === "tbx2008") throw new ApiError("not_found", "No glossary terms match these filters.");
    const { contentType } = exportFileType(query.format);
    return new Response(serializeGlossary(query.format, concepts), {
      headers: {
        "content-type": contentType,
        "content-disposition": `attachment; filename="${exportFileName(query.format, query.lang)}"`,
        "cache-control": "private, no-store",
      },
    });
  },
});
