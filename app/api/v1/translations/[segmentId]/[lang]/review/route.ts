import { reviewSchema, reviewTranslation, translationDto } from "@/features/stories/server/translations";
import { readJson, route } from "@/features/auth/server/route";
import { announceTranslation } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

/** A reviewer approves the translation, or rejects it with a comment. */
export const POST = route<{ segmentId: string; lang: string }>({
  access: "translation.approve",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, reviewSchema);
    const saved = await reviewTranslation(db, params.segmentId, params.lang, input, principal.kind === "user" ? principal.userId : "");
    await announceTranslation(db, getEventBus(), saved);
    return Response.json({ translation: translationDto(saved, principal.kind === "user" ? principal.name : null) });
  },
});
