import { readJson, route } from "@/features/auth/server/route";
import { reviewTerm, reviewTermSchema, termDto } from "@/features/glossary/server/workflow";

/** A reviewer of the language approves or rejects a proposed term, or deprecates an approved one. */
export const POST = route<{ lang: string; termId: string }>({
  access: "glossary.approve",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, reviewTermSchema);
    return Response.json({ term: termDto(await reviewTerm(db, params.lang, params.termId, input, principal.kind === "user" ? principal.userId : "")) });
  },
});
