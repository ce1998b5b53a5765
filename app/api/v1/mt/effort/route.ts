import { route } from "@/features/auth/server/route";
import { effortQuerySchema, effortReport } from "@/features/mt/server/service";

/** For admins: post-editing effort per provider and language in a month (share of suggestions used, median effort). */
export const GET = route({
  access: "user.manage",
  handler: async ({ request, db }) => {
    const { month } = effortQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await effortReport(db, month));
  },
});
