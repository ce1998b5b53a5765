import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { admin, username } from "better-auth/plugins";
import type { Kysely } from "kysely";
import { dialectOf } from "@/lib/db/connection";
import type { Database } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { getOrCreateSecret, insertAudit } from "./repository";
import { checkSignIn, recordSignInFailure, recordSignInSuccess } from "./rate-limit";

/** Client address, from the reverse proxy's (or Next's) forwarding headers. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export const MIN_PASSWORD_LENGTH = 10;
export const SESSION_DAYS = 7;

/** Paths of better-auth's own API that the app exposes; everything else answers 404. */
export const EXPOSED_AUTH_PATHS = new Set(["/sign-in/email", "/sign-in/username", "/sign-out", "/get-session", "/change-password"]);

export interface AuthOptions {
  readonly secret: string;
  /** Public origin, e.g. https://news.example.org; decides Secure cookies. */
  readonly baseURL: string;
  /** Clock for rate limiting (tests move it). */
  readonly now?: () => number;
}

/** The better-auth instance over our database (username + admin plugins, no open sign-up). */
export function createAuth(db: Kysely<Database>, options: AuthOptions) {
  const now = options.now ?? Date.now;
  const secure = options.baseURL.startsWith("https:");
  return betterAuth({
    appName: "Newsroom Workbench",
    baseURL: options.baseURL,
    basePath: "/api/auth",
    secret: options.secret,
    database: { db: db as Kysely<any>, type: dialectOf(db) },
    // Same-origin requests are trusted whatever host name the app is reached by;
    // the proxy refuses cross-origin writes before they get here.
    trustedOrigins: async (request) => {
      const host = request?.headers.get("host");
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60, cookieCache: { enabled: false } },
    // Our own limiter counts failures per account and per address (rate-limit.ts).
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: "wb",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
    },
    telemetry: { enabled: false },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: (u) => /^[a-z0-9][a-z0-9._-]{1,63}$/.test(u) }), admin({ defaultRole: "user", adminRoles: ["admin"] })],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (!ctx.path.startsWith("/sign-in/")) return;
        const identifier = String(ctx.body?.username ?? ctx.body?.email ?? "");
        const ip = ctx.request ? clientIp(ctx.request.headers) : null;
        const verdict = await checkSignIn(db, identifier, ip, now());
        if (!verdict.allowed) {
          const minutes = Math.ceil(verdict.retryAfterMs / 60_000);
          await insertAudit(db, { action: "auth.sign_in", outcome: "denied", actor_id: null, actor_label: identifier.slice(0, 200), target_type: "user", target_id: null, target_label: identifier.slice(0, 200), lang: null, ip, details: { reason: "rate_limited", retryAfterMinutes: minutes } });
          throw new APIError("TOO_MANY_REQUESTS", {
            code: "rate_limited",
            message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
            retryAfterMinutes: minutes,
          });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (!ctx.path.startsWith("/sign-in/") && ctx.path !== "/sign-out" && ctx.path !== "/change-password") return;
        const ip = ctx.request ? clientIp(ctx.request.headers) : null;
        if (ctx.path.startsWith("/sign-in/")) {
          const identifier = String(ctx.body?.username ?? ctx.body?.email ?? "");
          const session = ctx.context.newSession;
          if (session) {
            await recordSignInSuccess(db, identifier);
            await insertAudit(db, { action: "auth.sign_in", outcome: "success", actor_id: session.user.id, actor_label: session.user.email, target_type: "user", target_id: session.user.id, target_label: session.user.email, lang: null, ip });
          } else {
            const returned = ctx.context.returned as { status?: string | number; body?: { code?: string } } | undefined;
            if (returned instanceof APIError && returned.statusCode === 429) return;
            await recordSignInFailure(db, identifier, ip, now());
            await insertAudit(db, { action: "auth.sign_in", outcome: "failure", actor_id: null, actor_label: identifier.slice(0, 200), target_type: "user", target_id: null, target_label: identifier.slice(0, 200), lang: null, ip, details: { reason: returned instanceof APIError ? returned.body?.code ?? String(returned.status) : "unknown" } });
          }
        } else if (ctx.path === "/change-password") {
          const session = ctx.context.session;
          const ok = !(ctx.context.returned instanceof APIError);
          if (session) await insertAudit(db, { action: "auth.change_password", outcome: ok ? "success" : "failure", actor_id: session.user.id, actor_label: session.user.email, target_type: "user", target_id: session.user.id, target_label: session.user.email, lang: null, ip });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const state = globalThis as unknown as { __wbAuth?: Promise<Auth> };

/** The app's auth instance. */
export function getAuth(): Promise<Auth> {
  state.__wbAuth ??= (async () => {
    const db = await getDb();
    const secret = process.env.BETTER_AUTH_SECRET || (await getOrCreateSecret(db, "auth"));
    const baseURL = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`;
    return createAuth(db, { secret, baseURL });
  })();
  state.__wbAuth.catch(() => (state.__wbAuth = undefined));
  return state.__wbAuth;
}
