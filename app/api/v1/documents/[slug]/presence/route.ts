import { ApiError } from "@/lib/api/errors";
import { isLanguageCode } from "@/lib/i18n/languages";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { readJson, route } from "@/features/auth/server/route";
import { presenceInputSchema } from "@/features/workbench/schemas";
import { getEventBus } from "@/features/workbench/server/events";

/** Announces which segment the caller is on (or that they left), for everyone's presence list. */
export const POST = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, presenceInputSchema);
    if (!isLanguageCode(input.lang)) throw new ApiError("validation_failed", "Unknown language.");
    const doc = await findDocumentBySlug(db, params.slug);
    if (!doc) throw new ApiError("not_found", "No such document.");
    if (principal.kind !== "user") throw new ApiError("unauthorized", "Sign in to do this.");
    await getEventBus().publish({ type: "presence", documentId: doc.id, lang: input.lang, userId: principal.userId, name: principal.name, segmentId: input.segmentId, editing: input.editing, at: Date.now() });
    return new Response(null, { status: 204 });
  },
});
