import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { route } from "@/features/auth/server/route";
import { getRevisions } from "@/features/workbench/server/service";

/** Every revision of the segment's translation, oldest first. */
export const GET = route<{ segmentId: string; lang: string }>({
  access: "authenticated",
  handler: async ({ params, db }) => {
    if (!isLanguageCode(params.lang)) throw new ApiError("not_found", "No such language.");
    return Response.json({ revisions: await getRevisions(db, params.segmentId, params.lang) });
  },
});
