import { revokeRole } from "@/features/auth/server/users";
import { route } from "@/features/auth/server/route";

/** Revokes one grant. */
export const DELETE = route<{ id: string; grantId: string }>({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ params, db, principal, ip }) => {
    await revokeRole(db, params.id, params.grantId, principal, ip);
    return new Response(null, { status: 204 });
  },
});
