import { z } from "zod";
import { getUserOrThrow, setUserAdmin, setUserDisabled } from "@/features/auth/server/users";
import { readJson, route } from "@/features/auth/server/route";
import { announceSessionsEnded } from "@/features/workbench/server/events";

const patchSchema = z.object({ disabled: z.boolean().optional(), admin: z.boolean().optional() }).refine((v) => v.disabled !== undefined || v.admin !== undefined, "Send disabled or admin.");

/** Disables or re-enables the account, or changes its administrator role. */
export const PATCH = route<{ id: string }>({
  access: "user.manage",
  deny: "not_found",
  handler: async ({ request, params, auth, db, principal, ip }) => {
    const patch = await readJson(request, patchSchema);
    await getUserOrThrow(db, params.id);
    if (patch.disabled !== undefined) await setUserDisabled(auth, db, params.id, patch.disabled, principal, ip);
    if (patch.disabled) await announceSessionsEnded(params.id);
    if (patch.admin !== undefined) await setUserAdmin(auth, db, params.id, patch.admin, principal, ip);
    return Response.json({ user: await getUserOrThrow(db, params.id) });
  },
});
