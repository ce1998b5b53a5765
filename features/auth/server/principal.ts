import "server-only";
import { cache } from "react";
import { getSessionCookie } from "better-auth/cookies";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { ANONYMOUS, type Principal } from "../permissions";
import { getAuth, type Auth } from "./auth";
import { listGrants, listGrantsBySessionToken } from "./repository";

const truthy = (v: unknown) => v === true || v === 1 || v === "1";

/** The signed-in user behind the request's session cookie, with their grants; disabled users are anonymous. */
export async function principalFromHeaders(auth: Auth, db: Kysely<Database>, headers: Headers): Promise<Principal> {
  // The grants are read beside better-auth's session check (by the cookie's token), not after it:
  // one database round trip fewer per signed-in request, and one turn fewer that this request waits
  // behind other work on the event loop (PostgreSQL). They are used only for the session that
  // better-auth has verified (signature, expiry), the same token and user.
  const token = sessionToken(headers);
  const [session, early] = await Promise.all([auth.api.getSession({ headers }), token ? listGrantsBySessionToken(db, token) : null]);
  if (!session) return ANONYMOUS;
  const user = session.user as typeof session.user & { role?: string | null; banned?: unknown; username?: string | null };
  if (truthy(user.banned)) return ANONYMOUS;
  const grants = early && session.session.token === token && early.userId === user.id ? early.grants : await listGrants(db, user.id);
  return {
    kind: "user",
    userId: user.id,
    name: user.name,
    username: user.username ?? null,
    email: user.email,
    isAdmin: user.role === "admin",
    grants: grants.map((g) => ({ role: g.role, lang: g.lang })),
  };
}

/** The token part of the signed session cookie (`token.signature`), unverified; null without one. */
function sessionToken(headers: Headers): string | null {
  const signed = getSessionCookie(headers, { cookiePrefix: "wb" });
  const dot = signed ? signed.lastIndexOf(".") : -1;
  return dot > 0 ? signed!.slice(0, dot) : null;
}

/** The principal for the current request (server components; memoized per request). */
export const getPrincipal = cache(async (headers: Headers): Promise<Principal> => {
  const [auth, db] = await Promise.all([getAuth(), getDb()]);
  return principalFromHeaders(auth, db, headers);
});

/** The principal of an account by username (the command line acts as a named user); disabled or unknown accounts are refused. */
export async function principalForUsername(db: Kysely<Database>, username: string): Promise<Principal & { kind: "user" }> {
  const user = await db.selectFrom("user").selectAll().where("username", "=", username.toLowerCase()).executeTakeFirst();
  if (!user) throw new Error(`No account with the username "${username}".`);
  if (truthy(user.banned)) throw new Error(`The account "${username}" is disabled.`);
  const grants = await listGrants(db, user.id);
  return { kind: "user", userId: user.id, name: user.name, username: user.username ?? null, email: user.email, isAdmin: user.role === "admin", grants: grants.map((g) => ({ role: g.role, lang: g.lang })) };
}
