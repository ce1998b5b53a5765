import { readJson, route } from "@/features/auth/server/route";
import { revalidateReaderPagesAfterGlossaryChange } from "@/features/reader/server/cache";
import { conceptEditSchema, editConcept } from "@/features/glossary/server/workflow";

/** An admin edits a concept's subject, definition or note (recorded in its history). */
export const PATCH = route<{ id: string }>({
  access: "glossary.manage",
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, conceptEditSchema);
    const concept = await editConcept(db, params.id, input, principal.kind === "user" ? principal.userId : "");
    await revalidateReaderPagesAfterGlossaryChange();
    return Response.json({ concept });
  },
});
