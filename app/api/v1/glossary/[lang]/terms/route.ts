import { readJson, route } from "@/features/auth/server/route";
import { proposalSchema, proposeTerm, termDto } from "@/features/glossary/server/workflow";

/** Proposes a term in this language (for an existing concept, or with a new concept and its English term). */
export const POST = route<{ lang: string }>({
  access: "glossary.propose",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, proposalSchema);
    const terms = await proposeTerm(db, params.lang, input, principal.kind === "user" ? principal.userId : "");
    return Response.json({ terms: terms.map(termDto) }, { status: 201 });
  },
});
