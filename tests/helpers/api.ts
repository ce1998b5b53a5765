/**
 * Calls the app's route handlers in-process, against a real database (SQLite
 * or PostgreSQL) and a real better-auth instance, the way Next would.
 */
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { createAuth, type Auth } from "@/features/auth/server/auth";
import { setRouteDeps, type RouteHandler } from "@/features/auth/server/route";
import type { Database } from "@/lib/db/schema";

export const BASE = "http://localhost:3000";
export const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;
export const METHODS = ["GET", "HEAD", "OPTIONS", ...MUTATING] as const;

export interface RouteFile {
  /** e.g. /api/v1/translations/[segmentId]/[lang] */
  readonly pattern: string;
  readonly regex: RegExp;
  readonly params: readonly string[];
  readonly file: string;
}

/** Every app/api/**\/route.ts, with a matcher for its URL pattern. */
export function listRouteFiles(root = path.join(process.cwd(), "app", "api")): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const pattern = "/" + path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
        const params: string[] = [];
        const regex = new RegExp(
          "^" +
            pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
              params.push((rest ? "..." : "") + name);
              return rest ? "(.+)" : "([^/]+)";
            }) +
            "$",
        );
        out.push({ pattern, regex, params, file: full });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const routes = listRouteFiles();

export async function loadRoute(file: string): Promise<Record<string, RouteHandler<Record<string, string>> | unknown>> {
  return import(/* @vite-ignore */ file);
}

export interface CallOptions {
  readonly cookie?: string;
  readonly json?: unknown;
  readonly body?: BodyInit;
  readonly headers?: Record<string, string>;
}

/** Routes a request to its handler as Next would, and returns the response. */
export async function call(method: string, url: string, options: CallOptions = {}): Promise<Response> {
  const pathname = new URL(url, BASE).pathname;
  const route = routes.find((r) => r.regex.test(pathname));
  if (!route) throw new Error(`No route for ${pathname}`);
  const match = pathname.match(route.regex)!;
  const params = Object.fromEntries(route.params.map((p, i) => (p.startsWith("...") ? [p.slice(3), match[i + 1]!.split("/")] : [p, decodeURIComponent(match[i + 1]!)])));
  const mod = await loadRoute(route.file);
  const handler = mod[method] as RouteHandler<Record<string, string>> | undefined;
  if (!handler) return new Response(null, { status: 405 });
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.json !== undefined) headers.set("content-type", "application/json");
  headers.set("origin", BASE);
  headers.set("host", new URL(BASE).host);
  const request = new Request(new URL(url, BASE), { method, headers, body: options.json !== undefined ? JSON.stringify(options.json) : options.body });
  return handler(request, { params: Promise.resolve(params) });
}

/** A clock the tests can move. */
export class TestClock {
  constructor(public now = Date.parse("2026-11-25T12:00:00Z")) {}
  advance(ms: number) {
    this.now += ms;
  }
}

/** An auth instance over `db`, wired into every route handler. */
export function useAuth(db: Kysely<Database>, clock: TestClock): Auth {
  const auth = createAuth(db, { secret: "test-secret-test-secret-test-secret-0123", baseURL: BASE, now: () => clock.now });
  setRouteDeps({ getDb: async () => db, getAuth: async () => auth });
  return auth;
}

/** Signs in through the API and returns the session cookie. */
export async function signIn(identifier: string, password: string, headers: Record<string, string> = {}): Promise<{ response: Response; cookie: string | undefined }> {
  const isEmail = identifier.includes("@");
  const response = await call("POST", isEmail ? "/api/auth/sign-in/email" : "/api/auth/sign-in/username", {
    json: isEmail ? { email: identifier, password } : { username: identifier, password },
    headers,
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("wb.session_token=") && !c.endsWith("="));
  return { response, cookie };
}
