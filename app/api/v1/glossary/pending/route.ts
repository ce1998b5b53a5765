import { route } from "@/features/auth/server/route";
import { pendingCounts } from "@/features/glossary/server/workflow";

/** Proposed terms waiting for review, per language. */
export const GET = route({
  access: "authenticated",
  handler: async ({ db }) => Response.json({ pending: await pendingCounts(db) }),
});
