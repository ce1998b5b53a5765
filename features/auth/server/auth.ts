import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { admin, username } from "better-auth/plugins";
import type { Kysely } from "kysely";
import { dialectOf } from "@/lib/db/connection";
import type { Database } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { deleteOtherSessions, getOrCreateSecret, insertAudit } from "./repository";
import { releaseSignIn, reserveSignIn, resolveSignInAccount, type SignInAccount, type SignInReservation } from "./rate-limit";

/** The client's address (see lib/http/client-address.ts: the socket, or the entry trusted proxies vouch for). */
export function clientIp(headers: Headers): string | null {
  return clientAddress(headers);
}

export const MIN_PASSWORD_LENGTH = 10;
export const SESSION_DAYS = 7;

/** Paths of better-auth's own API that the app exposes; everything else answers 404. */
export const EXPOSED_AUTH_PATHS = new Set(["/sign-in/email", "/sign-in/username", "/sign-out", "/get-session", "/change-password"]);

/** Endpoints that check a password: limited per account and per client address. */
const GUARDED_PATHS = new Set(["/sign-in/email", "/sign-in/username", "/change-password"]);

/** Reservations made by the before hook, for the after hook of the same call. */
const reservations = new WeakMap<object, SignInReservation>();
const attemptOf = (ctx: { request?: Request; body?: unknown }): object => ctx.request ?? (ctx.body as object);

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
      // The session and its user in one query (a join) instead of two in sequence: one database
      // round trip fewer for every signed-in request.
      database: { joins: true },
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
    },
    telemetry: { enabled: false },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 64, usernameValidator: (u) => /^[a-z0-9][a-z0-9._-]{1,63}$/.test(u) }), admin({ defaultRole: "user", adminRoles: ["admin"] })],
    hooks: {
      // Sign-in and change-password attempts are reserved against the account
      // (and the client address) before the password is checked.
      before: createAuthMiddleware(async (ctx) => {
        if (!GUARDED_PATHS.has(ctx.path)) return;
        const ip = ctx.request ? clientIp(ctx.request.headers) : null;
        let account: SignInAccount;
        if (ctx.path === "/change-password") {
          const session = await getSessionFromCtx(ctx);
          if (!session) return; // better-auth answers 401 itself
          account = await resolveSignInAccount(db, "user", session.user.id);
        } else {
          // The endpoint decides which field names the account; any other field is ignored.
          const kind = ctx.path === "/sign-in/email" ? "email" : "username";
          account = await resolveSignInAccount(db, kind, String(ctx.body?.[kind] ?? ""));
        }
        const attempt = await reserveSignIn(db, account, ip, now());
        if (!attempt.allowed) {
          const minutes = Math.ceil(attempt.retryAfterMs / 60_000);
          await insertAudit(db, { action: ctx.path === "/change-password" ? "auth.change_password" : "auth.sign_in", outcome: "denied", actor_id: account.userId, actor_label: account.label.slice(0, 200), target_type: "user", target_id: account.userId, target_label: account.label.slice(0, 200), lang: null, ip, details: { reason: "rate_limited", retryAfterMinutes: minutes } });
          throw new APIError("TOO_MANY_REQUESTS", {
            code: "rate_limited",
            message: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
            retryAfterMinutes: minutes,
          });
        }
        reservations.set(attemptOf(ctx), attempt.reservation);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (!GUARDED_PATHS.has(ctx.path) && ctx.path !== "/sign-out") return;
        const ip = ctx.request ? clientIp(ctx.request.headers) : null;
        const reservation = reservations.get(attemptOf(ctx));
        reservations.delete(attemptOf(ctx));
        const returned = ctx.context.returned;
        if (ctx.path.startsWith("/sign-in/")) {
          const session = ctx.context.newSession;
          if (session) {
            if (reservation) await releaseSignIn(db, reservation, "success");
            await insertAudit(db, { action: "auth.sign_in", outcome: "success", actor_id: session.user.id, actor_label: session.user.email, target_type: "user", target_id: session.user.id, target_label: session.user.email, lang: null, ip });
          } else {
            if (returned instanceof APIError && returned.statusCode === 429) return;
            // The reservation stays: it is the failure.
            const label = (reservation?.account.label ?? "").slice(0, 200);
            const userId = reservation?.account.userId ?? null;
            await insertAudit(db, { action: "auth.sign_in", outcome: "failure", actor_id: userId, actor_label: label, target_type: "user", target_id: userId, target_label: label, lang: null, ip, details: { reason: returned instanceof APIError ? returned.body?.code ?? String(returned.status) : "unknown" } });
          }
        } else if (ctx.path === "/change-password") {
          const session = ctx.context.session;
          const ok = !(returned instanceof APIError);
          if (ok && session) {
            // A new password ends every other session, whatever the client asked.
            const keep = [session.session.token, ctx.context.newSession?.session.token].filter((t): t is string => !!t);
            await deleteOtherSessions(db, session.user.id, keep);
          }
          if (reservation) {
            const wrongPassword = returned instanceof APIError && returned.body?.code === "INVALID_PASSWORD";
            if (!wrongPassword) await releaseSignIn(db, reservation, ok ? "success" : "not_a_failure");
          }
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
