import { route } from "@/features/auth/server/route";
import { listWorkbenchDocuments } from "@/features/workbench/server/service";

/** Documents with per-language progress. */
export const GET = route({
  access: "authenticated",
  handler: async ({ db }) => Response.json({ documents: await listWorkbenchDocuments(db) }),
});
