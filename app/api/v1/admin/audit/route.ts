import { z } from "zod";
import { listAudit } from "@/features/auth/server/repository";
import { route } from "@/features/auth/server/route";

const auditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  user: z.string().max(200).optional(),
  lang: z.string().max(10).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The audit log, newest first, filtered by action, outcome, user, language and time. */
export const GET = route({
  access: "audit.read",
  deny: "not_found",
  handler: async ({ request, db }) => {
    const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const entries = await listAudit(db, query);
    return Response.json({ entries: entries.map((e) => ({ ...e, details: e.details ? JSON.parse(e.details) : null })) });
  },
});
