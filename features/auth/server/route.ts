import "server-only";
import type { Kysely } from "kysely";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { readRequestText } from "@/lib/api/body";
import { isCrossOrigin } from "@/lib/api/origin";
import type { Database } from "@/lib/db/schema";
import { getDb } from "@/lib/db";
import { isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import { can, type Permission, type Principal } from "../permissions";
import { clientIp, getAuth, type Auth } from "./auth";
import { principalFromHeaders } from "./principal";
import { insertAudit } from "./repository";

/** What a route requires: a permission, any signed-in user, or nothing. */
export type Access = Permission | "authenticated" | "public";

export interface RouteContext<P> {
  readonly request: Request;
  readonly params: P;
  readonly principal: Principal;
  readonly db: Kysely<Database>;
  readonly auth: Auth;
  readonly ip: string | null;
  /**
   * The language the permission was checked in, when the spec declares one
   * (`lang`): handlers act in this language and never read it again from the
   * request, so the check and the work cannot disagree.
   */
  readonly lang: LanguageCode | undefined;
}

export interface RouteSpec<P> {
  readonly access: Access;
  /**
   * The language the permission is checked in: usually a route parameter,
   * else read from the request (see queryLang, bodyLang). It runs once the
   * caller is known to be signed in. A value that is not a language code
   * answers 404.
   */
  readonly lang?: (params: P, request: Request) => string | undefined | Promise<string | undefined>;
  /**
   * Answer when a signed-in user lacks the permission: "forbidden" (403) for
   * resources everyone can see, "not_found" (404) for ones outside their scope.
   */
  readonly deny?: "forbidden" | "not_found";
  readonly handler: (ctx: RouteContext<P>) => Promise<Response>;
}

export type RouteHandler<P> = ((request: Request, context: { params: Promise<P> }) => Promise<Response>) & {
  readonly access: Access;
  readonly deny: "forbidden" | "not_found";
};

/** Dependencies the wrapper resolves; tests can swap them. */
export interface RouteDeps {
  getDb(): Promise<Kysely<Database>>;
  getAuth(): Promise<Auth>;
}
const deps: RouteDeps = { getDb, getAuth };

/** Replaces the database and auth used by every route (tests only). */
export function setRouteDeps(next: Partial<RouteDeps>): void {
  Object.assign(deps, next);
}

/**
 * Wraps a route handler with its declared access rule: resolves the session,
 * checks the permission (per language where it applies), records denials in
 * the audit log, and turns every error into the one error shape.
 */
export function route<P extends Record<string, string | string[]> = Record<string, never>>(spec: RouteSpec<P>): RouteHandler<P> {
  const deny = spec.deny ?? "forbidden";
  const handler = async (request: Request, context: { params: Promise<P> }) => {
    try {
      // The proxy does not see the API (its body buffering would cut uploads), so writes from another origin are refused here.
      if (isCrossOrigin(request.method, request.headers)) throw new ApiError("cross_origin", "Cross-origin requests may not change anything here.");
      const params = ((await context?.params) ?? {}) as P;
      const [db, auth] = await Promise.all([deps.getDb(), deps.getAuth()]);
      const principal = await principalFromHeaders(auth, db, request.headers);
      const ip = clientIp(request.headers);
      const denied = (lang: string | null, details: Record<string, unknown>) =>
        principal.kind !== "user"
          ? Promise.resolve()
          : insertAudit(db, {
              action: "permission.denied",
              outcome: "denied",
              actor_id: principal.userId,
              actor_label: principal.email,
              target_type: "route",
              target_id: null,
              target_label: `${request.method} ${new URL(request.url).pathname}`,
              lang,
              ip,
              details: { permission: spec.access, ...details },
            });
      const repeated = repeatedParameter(new URL(request.url).searchParams);
      if (repeated !== undefined) {
        // A signed-in caller repeating a parameter is probing the checks: audited.
        await denied(null, { reason: "repeated_parameter", parameter: repeated });
        throw repeatedParameterError(repeated);
      }
      let checkedLang: LanguageCode | undefined;
      if (spec.access !== "public") {
        if (principal.kind !== "user") throw new ApiError("unauthorized", "Sign in to do this.");
        if (spec.lang) {
          const lang = await spec.lang(params, request);
          if (!isLanguageCode(lang)) throw new ApiError("not_found", "No such language.");
          checkedLang = lang;
        }
        if (spec.access !== "authenticated" && !can(principal, spec.access, checkedLang)) {
          await denied(checkedLang ?? null, {});
          throw deny === "not_found"
            ? new ApiError("not_found", "Not found.")
            : new ApiError("forbidden", checkedLang ? `You may not do this in ${checkedLang}.` : "You may not do this.");
        }
      }
      return await spec.handler({ request, params, principal, db, auth, ip, lang: checkedLang });
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(handler, { access: spec.access, deny });
}

/** Parses a JSON body with a zod schema; malformed JSON is a validation error. */
export async function readJson<T>(request: Request, schema: { parse(v: unknown): T }, maxBytes = 1_000_000): Promise<T> {
  const text = await readRequestText(request, maxBytes, "The request body");
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError("validation_failed", "The request body is not valid JSON.");
  }
  return schema.parse(value);
}

/**
 * The first query parameter named more than once (`?lang=tr&lang=ar`), which
 * every route refuses: a permission check and a handler could each read a
 * different copy.
 */
export function repeatedParameter(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return key.slice(0, 100);
    seen.add(key);
  }
  return undefined;
}

const repeatedParameterError = (name: string) =>
  new ApiError("validation_failed", `The query parameter \`${name}\` is given more than once.`, { parameter: name });

/**
 * The language named by a query parameter (`?lang=tr`), for route({ lang });
 * the handler gets it as `ctx.lang`.
 */
export const queryLang =
  (name = "lang") =>
  (_params: unknown, request: Request): string | undefined => {
    const values = new URL(request.url).searchParams.getAll(name);
    if (values.length > 1) throw repeatedParameterError(name);
    return values[0];
  };

/**
 * The language named by the JSON body's `lang`, for route({ lang }): read from
 * a copy of the body (the handler gets it as `ctx.lang` and must act in it,
 * whatever else it reads from the body), refused with 400 when the
 * body is larger than `maxBytes`, not JSON, or names no language.
 */
export const bodyLang =
  (maxBytes: number, field = "lang") =>
  async (_params: unknown, request: Request): Promise<string> => {
    const missing = () => new ApiError("validation_failed", `The body needs a \`${field}\`: the target language code.`);
    let lang: unknown;
    try {
      const text = await readRequestText(request.clone(), maxBytes);
      lang = (JSON.parse(text) as Record<string, unknown> | null)?.[field];
    } catch {
      lang = undefined;
    }
    if (!isLanguageCode(lang)) throw missing();
    return lang;
  };
