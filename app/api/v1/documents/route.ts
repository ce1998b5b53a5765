import { route, readJson } from "@/features/auth/server/route";
import { listWorkbenchDocuments, resolveDocumentListQuery } from "@/features/workbench/server/service";
import { documentListQuerySchema } from "@/features/workbench/schemas";
import { createDocument, createDocumentSchema } from "@/features/documents/server/service";

/** One page of documents with per-language progress; filters, sort and cursors in the query string. */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db, principal }) => {
    const query = documentListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { filter, request: page } = resolveDocumentListQuery(query, principal);
    const result = await listWorkbenchDocuments(db, filter, page);
    return Response.json({ documents: result.items, next: result.next, prev: result.prev });
  },
});

/** Creates a document from its segments (a preview, merged and split as wanted); 409 when the slug exists. */
export const POST = route({
  access: "document.import",
  handler: async ({ request, db, principal, ip }) => {
    const input = await readJson(request, createDocumentSchema, 8_000_000);
    return Response.json(await createDocument(db, input, principal, ip), { status: 201 });
  },
});
