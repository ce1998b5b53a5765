import { bodyLang, readJson, route } from "@/features/auth/server/route";
import { applyAlignment } from "@/features/align/server/service";
import { alignApplyInputSchema } from "@/features/align/schemas";
import { announceTranslation } from "@/features/workbench/server/service";
import { getEventBus } from "@/features/workbench/server/events";

const MAX_BYTES = 8_000_000;

/** Stores a corrected alignment as draft translations and/or memory units, all or nothing, with a report. */
export const POST = route<{ slug: string }>({
  access: "translation.edit",
  // The language is in the body ({ "lang": … }).
  lang: bodyLang(MAX_BYTES),
  handler: async ({ request, params, db, principal, lang }) => {
    const input = await readJson(request, alignApplyInputSchema, MAX_BYTES);
    // Act in the language the permission was checked in.
    const { report, saved } = await applyAlignment(db, params.slug, { ...input, lang: lang! }, principal.kind === "user" ? principal.userId : "");
    // Editors with the document open see the new drafts.
    for (const t of saved) await announceTranslation(db, getEventBus(), t);
    return Response.json(report);
  },
});
