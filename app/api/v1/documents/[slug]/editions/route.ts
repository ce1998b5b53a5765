import { route } from "@/features/auth/server/route";
import { listEditionStatuses } from "@/features/editions/server/service";

/** Every language's edition of a story: state, completeness, changes since the published snapshot. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ params, db }) => Response.json({ slug: params.slug, editions: await listEditionStatuses(db, params.slug) }),
});
