import { route } from "@/features/auth/server/route";
import { TERM_STATUSES } from "@/lib/db/schema";
import { CONCEPTS_ORDER, listConceptPage } from "@/features/glossary/server/repository";
import { conceptListQuerySchema } from "@/features/glossary/schemas";
import { pageRequestOrThrow, searchParamsOrThrow } from "@/lib/api/page";

/** One page of glossary concepts with their terms, by id; search and filters in SQL. Anonymous callers see approved terms only. */
export const GET = route({
  access: "public",
  handler: async ({ request, db, principal }) => {
    const { limit, after, before, ...filter } = conceptListQuerySchema.parse(searchParamsOrThrow(request.url));
    const visible = principal.kind === "user" ? TERM_STATUSES : (["approved"] as const);
    const page = await listConceptPage(db, { q: filter.q || undefined, lang: filter.lang, status: filter.status, subject: filter.subject || undefined, visible }, pageRequestOrThrow({ limit, after, before }, CONCEPTS_ORDER.length));
    return Response.json({
      concepts: page.items.map((c) => ({
        id: c.id,
        subject: c.subject,
        definition: c.definition,
        note: c.note,
        updatedAt: c.updated_at,
        terms: c.terms.map((t) => ({ id: t.id, lang: t.lang, text: t.text, type: t.type, usage: t.usage, status: t.status })),
      })),
      next: page.next,
      prev: page.prev,
    });
  },
});
