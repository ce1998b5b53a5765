import { readJson } from "@/features/auth/server/route";
import { routeWithBodyLang } from "@/features/align/server/route";
import { previewAlignment } from "@/features/align/server/service";
import { alignPreviewInputSchema } from "@/features/align/schemas";

const MAX_BYTES = 4_000_000;

/** Aligns a pasted translation ({ lang, text }) with the document's segments: the proposal to correct. */
export const POST = routeWithBodyLang<{ slug: string }>({
  access: "translation.edit",
  maxBytes: MAX_BYTES,
  handler: async ({ request, params, db }) => {
    const input = await readJson(request, alignPreviewInputSchema, MAX_BYTES);
    return Response.json(await previewAlignment(db, params.slug, input.lang, input.text));
  },
});
