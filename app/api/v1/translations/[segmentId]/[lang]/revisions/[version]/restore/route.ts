import { ApiError } from "@/lib/api/errors";
import { readJson, route } from "@/features/auth/server/route";
import { translationDto } from "@/features/stories/server/translations";
import { restoreInputSchema } from "@/features/workbench/schemas";
import { announceTranslation, restoreRevision } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

/** Restores an earlier revision; the restore is itself a new revision. */
export const POST = route<{ segmentId: string; lang: string; version: string }>({
  access: "translation.edit",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const version = Number(params.version);
    if (!Number.isInteger(version) || version < 1) throw new ApiError("not_found", "No such revision.");
    const { baseVersion } = await readJson(request, restoreInputSchema);
    const saved = await restoreRevision(db, principal, params.segmentId, params.lang, version, baseVersion);
    await announceTranslation(db, getEventBus(), saved);
    return Response.json({ translation: translationDto(saved, principal.kind === "user" ? principal.name : null) });
  },
});
