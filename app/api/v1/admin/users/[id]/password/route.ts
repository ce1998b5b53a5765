import { z } from "zod";
import { passwordSchema, resetUserPassword } from "@/features/auth/server/users";
import { readJson, route } from "@/features/auth/server/route";
import { announceSessionsEnded } from "@/features/workbench/server/events";

/** Sets a new password and signs the user out everywhere. */
export const PUT = route<{ id: string }>({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ request, params, auth, db, principal, ip }) => {
    const { password } = await readJson(request, z.object({ password: passwordSchema }));
    await resetUserPassword(auth, db, params.id, password, principal, ip);
    await announceSessionsEnded(params.id);
    return new Response(null, { status: 204 });
  },
});
