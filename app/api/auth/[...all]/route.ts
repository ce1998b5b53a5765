import { ApiError, type ErrorCode } from "@/lib/api/errors";
import { EXPOSED_AUTH_PATHS } from "@/features/auth/server/auth";
import { route } from "@/features/auth/server/route";
import { announceSessionsEnded } from "@/features/workbench/server/events";

// better-auth's codes mapped onto our closed set; unknown ones fall back on the status.
const CODES: Record<string, ErrorCode> = {
  INVALID_USERNAME_OR_PASSWORD: "invalid_credentials",
  INVALID_EMAIL_OR_PASSWORD: "invalid_credentials",
  INVALID_PASSWORD: "invalid_credentials",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "invalid_credentials",
  BANNED_USER: "account_disabled",
  YOU_HAVE_BEEN_BANNED_FROM_THIS_APPLICATION: "account_disabled",
  rate_limited: "rate_limited",
  INVALID_ORIGIN: "cross_origin",
  MISSING_OR_NULL_ORIGIN: "cross_origin",
};
const BY_STATUS: Record<number, ErrorCode> = { 400: "validation_failed", 401: "unauthorized", 403: "forbidden", 404: "not_found", 422: "validation_failed", 429: "rate_limited" };

/** Messages that never tell whether an account exists. */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_credentials: "Wrong username, e-mail address or password.",
  account_disabled: "This account is disabled. Ask an administrator.",
};

/** better-auth's endpoints (sign-in, sign-out, session, change password) in the app's error shape. */
const handle = route<{ all: string[] }>({
  access: "public",
  handler: async ({ request, auth, principal }) => {
    const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
    if (!EXPOSED_AUTH_PATHS.has(path)) throw new ApiError("not_found", "No such endpoint.");
    const response = await auth.handler(request);
    if (response.ok) {
      // Signing out, or a new password (which ends the other sessions): open event streams check theirs.
      if ((path === "/sign-out" || path === "/change-password") && principal.kind === "user") await announceSessionsEnded(principal.userId);
      return response;
    }
    const body = (await response.clone().json().catch(() => null)) as { code?: string; message?: string; retryAfterMinutes?: number } | null;
    const code = (body?.code && CODES[body.code]) || BY_STATUS[response.status] || "internal";
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.set("content-type", "application/json");
    if (code === "rate_limited" && body?.retryAfterMinutes) headers.set("retry-after", String(body.retryAfterMinutes * 60));
    const details = code === "rate_limited" && body?.retryAfterMinutes ? { retryAfterMinutes: body.retryAfterMinutes } : undefined;
    const message = MESSAGES[code] ?? body?.message ?? "Request failed.";
    return new Response(JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }), { status: response.status, headers });
  },
});

export const GET = handle;
export const POST = handle;
