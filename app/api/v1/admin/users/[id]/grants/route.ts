import { grantRole, grantSchema } from "@/features/auth/server/users";
import { readJson, route } from "@/features/auth/server/route";

/** Grants a role (translator or reviewer) in a language. */
export const POST = route<{ id: string }>({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ request, params, db, principal, ip }) => {
    const input = await readJson(request, grantSchema);
    const { grant, created } = await grantRole(db, params.id, input, principal, ip);
    return Response.json({ grant: { id: grant.id, role: grant.role, lang: grant.lang } }, { status: created ? 201 : 200 });
  },
});
