import { reviewSchema, reviewTranslation, translationDto } from "@/features/stories/server/translations";
import { readJson, route } from "@/features/auth/server/route";

/** A reviewer approves the translation, or rejects it with a comment. */
export const POST = route<{ segmentId: string; lang: string }>({
  access: "translation.approve",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, reviewSchema);
    const saved = await reviewTranslation(db, params.segmentId, params.lang, input, principal.kind === "user" ? principal.userId : "");
    return Response.json({ translation: translationDto(saved) });
  },
});
