import { editTranslation, saveTranslationSchema, translationDto } from "@/features/stories/server/translations";
import { readJson, route } from "@/features/auth/server/route";
import { can } from "@/features/auth/permissions";
import { announceTranslation } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

/** Saves a translation (draft or translated) based on the version the editor started from; confirming passes the quality checks. */
export const PUT = route<{ segmentId: string; lang: string }>({
  access: "translation.edit",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, saveTranslationSchema);
    const writer = { id: principal.kind === "user" ? principal.userId : "", canOverrideQa: can(principal, "translation.approve", params.lang) };
    const saved = await editTranslation(db, params.segmentId, params.lang, input, writer);
    await announceTranslation(db, getEventBus(), saved);
    return Response.json({ translation: translationDto(saved, principal.kind === "user" ? principal.name : null) });
  },
});
