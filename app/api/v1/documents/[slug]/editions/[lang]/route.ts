import { readJson, route } from "@/features/auth/server/route";
import { actorOf, getEditionStatus, publishEdition, publishInputSchema } from "@/features/editions/server/service";

/** The edition of a story in one language: state, blockers, and the diff since the published snapshot. */
export const GET = route<{ slug: string; lang: string }>({
  access: "authenticated",
  handler: async ({ params, db }) => Response.json({ edition: await getEditionStatus(db, params.slug, params.lang) }),
});

/** Publishes the edition (reviewers of the language, administrators), or publishes an update with an optional correction note. */
export const POST = route<{ slug: string; lang: string }>({
  access: "edition.publish",
  lang: (p) => p.lang,
  handler: async ({ request, params, db, principal }) => {
    const input = await readJson(request, publishInputSchema, 10_000);
    const result = await publishEdition(db, actorOf(principal), params.slug, params.lang, input);
    return Response.json(result);
  },
});
