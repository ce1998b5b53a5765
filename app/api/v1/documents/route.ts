import { route, readJson } from "@/features/auth/server/route";
import { listWorkbenchDocuments } from "@/features/workbench/server/service";
import { createDocument, createDocumentSchema } from "@/features/documents/server/service";

/** Documents with per-language progress. */
export const GET = route({
  access: "authenticated",
  handler: async ({ db }) => Response.json({ documents: await listWorkbenchDocuments(db) }),
});

/** Creates a document from its segments (a preview, merged and split as wanted); 409 when the slug exists. */
export const POST = route({
  access: "document.import",
  handler: async ({ request, db, principal, ip }) => {
    const input = await readJson(request, createDocumentSchema, 8_000_000);
    return Response.json(await createDocument(db, input, principal, ip), { status: 201 });
  },
});
