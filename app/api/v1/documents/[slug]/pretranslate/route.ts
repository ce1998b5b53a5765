import { ApiError } from "@/lib/api/errors";
import { bodyLang, queryLang, readJson, route } from "@/features/auth/server/route";
import { cancelPretranslation, findPretranslation, pretranslateInputSchema, startPretranslation } from "@/features/mt/server/pretranslate";

const MAX_BYTES = 4_000;

/** Starts pre-translating the document's empty segments in `lang` (memory first, then MT), as drafts; answers 202 with the job. */
export const POST = route<{ slug: string }>({
  access: "translation.edit",
  lang: bodyLang(MAX_BYTES),
  handler: async ({ request, params, db, principal, lang }) => {
    const input = await readJson(request, pretranslateInputSchema, MAX_BYTES);
    const job = await startPretranslation(db, params.slug, { ...input, lang: lang! }, principal.kind === "user" ? principal.userId : "");
    return Response.json({ job }, { status: 202 });
  },
});

/** The latest pre-translation of the document in `?lang=` on this server: progress and the report of what came from where. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    const lang = new URL(request.url).searchParams.get("lang");
    if (!lang) throw new ApiError("validation_failed", "Give the language: ?lang=tr.");
    const job = findPretranslation(db, params.slug, lang);
    if (!job) throw new ApiError("not_found", "No pre-translation of this document in this language.");
    return Response.json({ job });
  },
});

/** Cancels the running pre-translation in `?lang=`; drafts already written stay. */
export const DELETE = route<{ slug: string }>({
  access: "translation.edit",
  lang: queryLang(),
  handler: async ({ params, db, lang }) => Response.json({ job: await cancelPretranslation(db, params.slug, lang!) }),
});
