import { insertAudit } from "@/features/auth/server/repository";
import { route } from "@/features/auth/server/route";
import { safeNext } from "@/lib/http/safe-next";
import { announceSessionsEnded } from "@/features/workbench/server/events";

/** Signs out from a plain HTML form (works without JavaScript) and goes back. */
export const POST = route({
  access: "authenticated",
  handler: async ({ request, auth, db, principal, ip }) => {
    const form = await request.formData().catch(() => null);
    const result = await auth.api.signOut({ headers: request.headers, asResponse: true });
    if (principal.kind === "user") {
      await announceSessionsEnded(principal.userId);
      await insertAudit(db, { action: "auth.sign_out", outcome: "success", actor_id: principal.userId, actor_label: principal.email, target_type: "user", target_id: principal.userId, target_label: principal.email, lang: null, ip });
    }
    const headers = new Headers({ location: safeNext(form?.get("next"), "/") });
    for (const cookie of result.headers.getSetCookie()) headers.append("set-cookie", cookie);
    return new Response(null, { status: 303, headers });
  },
});
