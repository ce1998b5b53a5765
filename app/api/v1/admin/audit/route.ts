import { listAuditPage, AUDIT_ORDER } from "@/features/auth/server/repository";
import { route } from "@/features/auth/server/route";
import { auditQuerySchema } from "@/features/admin/schemas";
import { pageRequestOrThrow, searchParamsOrThrow } from "@/lib/api/page";

/** One page of the audit log, newest first, filtered by action, outcome, user, language and time. */
export const GET = route({
  access: "audit.read",
  deny: "not_found",
  handler: async ({ request, db }) => {
    const { limit, after, before, ...filter } = auditQuerySchema.parse(searchParamsOrThrow(request.url));
    const page = await listAuditPage(db, filter, pageRequestOrThrow({ limit, after, before }, AUDIT_ORDER.length));
    return Response.json({ entries: page.items.map((e) => ({ ...e, details: e.details ? JSON.parse(e.details) : null })), next: page.next, prev: page.prev });
  },
});
