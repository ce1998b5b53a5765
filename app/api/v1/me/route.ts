import { route } from "@/features/auth/server/route";

/** Who the caller is, with their grants (anonymous when not signed in). */
export const GET = route({
  access: "public",
  handler: async ({ principal }) => Response.json({ principal }),
});
