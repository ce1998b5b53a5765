import { route } from "@/features/auth/server/route";
import { applySourceUpdate, planSourceUpdate, readSourceInput, sourceQuerySchema } from "@/features/documents/server/service";

/**
 * A new version of a document's source (same inputs as the preview). With
 * ?dryRun=1 the answer is the plan (kept, changed with the old text, new,
 * removed) and nothing is written; without it the plan is applied in one
 * transaction. ?base= (the plan's base) refuses with 409 a document that
 * changed since the dry run.
 */
export const POST = route<{ slug: string }>({
  access: "document.import",
  handler: async ({ request, params, db, principal, ip }) => {
    const query = sourceQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const input = await readSourceInput(request);
    if (query.dryRun) return Response.json(await planSourceUpdate(db, params.slug, input.segments));
    return Response.json(await applySourceUpdate(db, params.slug, input.segments, { base: query.base, principal, ip }));
  },
});
