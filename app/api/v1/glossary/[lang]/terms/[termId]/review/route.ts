import { readJson, route } from "@/features/auth/server/route";
import { revalidateReaderPagesAfterGlossaryChange } from "@/features/reader/server/cache";
import { reviewTerm, reviewTermSchema, termDto } from "@/features/glossary/server/workflow";

/** A reviewer of the language approves or rejects a proposed term, or deprecates an approved one. */
export const POST = route<{ lang: string; termId: string }>({
  access: "glossary.approve",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, reviewTermSchema);
    const term = await reviewTerm(db, params.lang, params.termId, input, principal.kind === "user" ? principal.userId : "");
    // Approved terms are marked on the public pages: cached ones are dropped on every instance.
    await revalidateReaderPagesAfterGlossaryChange();
    return Response.json({ term: termDto(term) });
  },
});
