import { buildOpenApi } from "@/lib/api/openapi";
import { route } from "@/features/auth/server/route";

let cached: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 description of this API. */
export const GET = route({
  access: "public",
  handler: async () => Response.json((cached ??= buildOpenApi())),
});
