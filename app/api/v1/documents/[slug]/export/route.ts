import { z } from "zod";
import { route } from "@/features/auth/server/route";
import { LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { exportDocumentTmx, exportStory } from "@/features/stories/server/export";

const querySchema = z.discriminatedUnion("format", [
  z.object({ format: z.enum(["html", "md"]), lang: z.enum(LANGUAGE_CODES as [string, ...string[]]) }),
  z.object({ format: z.literal("tmx") }),
]);

const TYPES = { html: "text/html; charset=utf-8", md: "text/markdown; charset=utf-8", tmx: "application/x-tmx+xml; charset=utf-8" } as const;

/** The story in one language as HTML or Markdown (approved translations; the source elsewhere, marked), or the whole document as a multilingual TMX. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const body = query.format === "tmx" ? await exportDocumentTmx(db, params.slug) : await exportStory(db, params.slug, query.lang as LanguageCode, query.format);
    const name = query.format === "tmx" ? `${params.slug}.tmx` : `${params.slug}.${query.lang}.${query.format}`;
    return new Response(body, { headers: { "content-type": TYPES[query.format], "content-disposition": `attachment; filename="${name}"`, "x-content-type-options": "nosniff" } });
  },
});
