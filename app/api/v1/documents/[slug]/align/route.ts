import { bodyLang, readJson, route } from "@/features/auth/server/route";
import { previewAlignment } from "@/features/align/server/service";
import { alignPreviewInputSchema } from "@/features/align/schemas";

const MAX_BYTES = 4_000_000;

/** Aligns a pasted translation ({ lang, text }) with the document's segments: the proposal to correct. */
export const POST = route<{ slug: string }>({
  access: "translation.edit",
  // The language is in the body ({ "lang": … }).
  lang: bodyLang(MAX_BYTES),
  handler: async ({ request, params, db, lang }) => {
    const input = await readJson(request, alignPreviewInputSchema, MAX_BYTES);
    // Act in the language the permission was checked in.
    return Response.json(await previewAlignment(db, params.slug, lang!, input.text, { signal: request.signal }));
  },
});
