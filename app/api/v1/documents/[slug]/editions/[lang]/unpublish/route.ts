import { readJson, route } from "@/features/auth/server/route";
import { actorOf, unpublishEdition, unpublishInputSchema } from "@/features/editions/server/service";

/** Takes a published edition off the reader (administrators, with a reason; audited). */
export const POST = route<{ slug: string; lang: string }>({
  access: "edition.unpublish",
  handler: async ({ request, params, db, principal }) => {
    const { reason } = await readJson(request, unpublishInputSchema, 10_000);
    return Response.json({ edition: await unpublishEdition(db, actorOf(principal), params.slug, params.lang, reason) });
  },
});
