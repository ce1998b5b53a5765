import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { route } from "@/features/auth/server/route";
import { atomFeed } from "@/features/reader/server/feeds";

export const dynamic = "force-dynamic";

/** `/feeds/{lang}.xml`: the Atom feed of the newest published editions in a language. */
export const GET = route<{ file: string }>({
  access: "public",
  handler: async ({ params, db }) => {
    const lang = params.file.replace(/\.xml$/, "");
    if (!params.file.endsWith(".xml") || !isLanguageCode(lang)) throw new ApiError("not_found", "No such feed.");
    return new Response(await atomFeed(db, lang), {
      headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=60, s-maxage=60, stale-while-revalidate=600" },
    });
  },
});
