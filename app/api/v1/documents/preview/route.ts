import { route } from "@/features/auth/server/route";
import { previewOf, readSourceInput } from "@/features/documents/server/service";

/**
 * The segmentation of a new story, before it is created: a raw upload
 * (?format=txt|md|html|docx) or JSON ({ text, format } or { segments });
 * ?sentences=1 splits paragraphs into sentences. Writes nothing.
 */
export const POST = route({
  access: "document.import",
  handler: async ({ request }) => Response.json(previewOf(await readSourceInput(request))),
});
