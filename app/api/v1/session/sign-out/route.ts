import { insertAudit } from "@/features/auth/server/repository";
import { route } from "@/features/auth/server/route";

/** Same-site path to go back to after signing out; anything else goes home. */
function safeNext(value: FormDataEntryValue | null): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

/** Signs out from a plain HTML form (works without JavaScript) and goes back. */
export const POST = route({
  access: "authenticated",
  handler: async ({ request, auth, db, principal, ip }) => {
    const form = await request.formData().catch(() => null);
    const result = await auth.api.signOut({ headers: request.headers, asResponse: true });
    if (principal.kind === "user") {
      await insertAudit(db, { action: "auth.sign_out", outcome: "success", actor_id: principal.userId, actor_label: principal.email, target_type: "user", target_id: principal.userId, target_label: principal.email, lang: null, ip });
    }
    const headers = new Headers({ location: safeNext(form?.get("next") ?? null) });
    for (const cookie of result.headers.getSetCookie()) headers.append("set-cookie", cookie);
    return new Response(null, { status: 303, headers });
  },
});
