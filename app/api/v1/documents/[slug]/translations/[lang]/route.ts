import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { route } from "@/features/auth/server/route";
import { getWorkbenchDocument } from "@/features/workbench/server/service";

/** Every segment of the document with its translation in one language. */
export const GET = route<{ slug: string; lang: string }>({
  access: "authenticated",
  handler: async ({ params, db }) => {
    if (!isLanguageCode(params.lang)) throw new ApiError("not_found", "No such language.");
    return Response.json(await getWorkbenchDocument(db, params.slug, params.lang));
  },
});
