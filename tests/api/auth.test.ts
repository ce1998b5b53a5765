import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { BASE, TestClock, call, signIn, useAuth } from "../helpers/api";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { principalFromHeaders } from "@/features/auth/server/principal";
import { createAuth, type Auth } from "@/features/auth/server/auth";
import { createUserAccount } from "@/features/auth/server/users";
import { listAudit } from "@/features/auth/server/repository";
import { SIGN_IN_LIMITS } from "@/features/auth/server/rate-limit";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation } from "@/features/stories/server/repository";
import { proxy } from "@/proxy";
import { CLIENT_CHAIN_HEADER } from "@/lib/http/client-address";

const PASSWORD = "auth-test-password";
const SEGMENT = seedSegmentId("idlib-2020-02-28", "s06");

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`accounts and sessions on ${dialect.name}`, () => {
    let t: TestDatabase;
    let auth: Auth;
    let adminCookie: string;
    const clock = new TestClock();
    let translatorId: string;

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      auth = useAuth(t.db, clock);
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: PASSWORD, admin: true }, null);
      translatorId = (await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null)).id;
      await createUserAccount(auth, t.db, { name: "Limited", email: "limited@example.org", username: "limited", password: PASSWORD }, null);
      await createUserAccount(auth, t.db, { name: "Locked", email: "locked@example.org", username: "locked", password: PASSWORD }, null);
      adminCookie = (await signIn("admin", PASSWORD)).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    describe("POST /api/auth/sign-in/*", () => {
      it("signs in with a username or an e-mail address and sets an HttpOnly, SameSite=Lax cookie", async () => {
        const byName = await signIn("ayse", PASSWORD);
        expect(byName.response.status).toBe(200);
        expect(byName.cookie).toBeTruthy();
        const setCookie = byName.response.headers.getSetCookie().find((c) => c.startsWith("wb.session_token="))!;
        expect(setCookie).toMatch(/HttpOnly/i);
        expect(setCookie).toMatch(/SameSite=Lax/i);
        expect(setCookie).not.toMatch(/Secure/i);
        const byMail = await signIn("AYSE@example.org", PASSWORD);
        expect(byMail.response.status).toBe(200);
      });

      it("marks cookies Secure when served over HTTPS", async () => {
        const https = createAuth(t.db, { secret: "test-secret-test-secret-test-secret-0123", baseURL: "https://news.example.org" });
        const res = await https.api.signInUsername({ body: { username: "ayse", password: PASSWORD }, asResponse: true });
        expect(res.headers.getSetCookie().find((c) => c.includes("session_token"))).toMatch(/;\s*Secure/i);
      });

      it("answers a wrong password and an unknown account identically", async () => {
        const wrong = await signIn("limited", "not-the-password");
        const unknown = await signIn("no-such-person", "not-the-password");
        expect(wrong.response.status).toBe(401);
        expect(unknown.response.status).toBe(401);
        expect(await wrong.response.json()).toEqual(await unknown.response.json());
      });
    });

    describe("the principal of a request", () => {
      /** Records when each query starts and ends, by the tables it reads. */
      function recorder() {
        const events: string[] = [];
        const tables = (node: RootOperationNode) => [...JSON.stringify(node).matchAll(/"kind":"TableNode","table":\{"kind":"SchemableIdentifierNode","identifier":\{"kind":"IdentifierNode","name":"(\w+)"/g)].map((m) => m[1]!);
        const name = (node: RootOperationNode) => [...new Set(tables(node))].filter((n) => n !== "primary").sort().join("+");
        const ids = new WeakMap<object, string>();
        const plugin: KyselyPlugin = {
          transformQuery(args: PluginTransformQueryArgs) {
            ids.set(args.queryId, name(args.node));
            events.push(`start ${name(args.node)}`);
            return args.node;
          },
          async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
            events.push(`end ${ids.get(args.queryId)}`);
            return args.result;
          },
        };
        return { events, db: t.db.withPlugin(plugin) };
      }
      const authOver = (db: typeof t.db) => createAuth(db, { secret: "test-secret-test-secret-test-secret-0123", baseURL: BASE, now: () => clock.now });

      it("reads the session with its user in one query, and the grants beside it", async () => {
        const { cookie } = await signIn("ayse", PASSWORD);
        const { events, db } = recorder();
        const auth = authOver(db);
        await principalFromHeaders(auth, db, new Headers({ cookie: cookie! })); // better-auth's own first queries
        events.length = 0;
        const principal = await principalFromHeaders(auth, db, new Headers({ cookie: cookie! }));
        expect(principal).toMatchObject({ kind: "user", username: "ayse", grants: [{ role: "translator", lang: "tr" }] });
        const starts = events.filter((e) => e.startsWith("start"));
        expect(starts, events.join(", ")).toHaveLength(2);
        const lookup = starts.find((e) => e.includes("session") && e.includes("user"))?.slice("start ".length);
        expect(lookup, events.join(", ")).toBeTruthy();
        // The grants query is sent before the session lookup has answered: no round trip waits for another.
        const grants = events.indexOf("start role_grants+session");
        expect(grants, events.join(", ")).toBeGreaterThanOrEqual(0);
        expect(grants, events.join(", ")).toBeLessThan(events.indexOf(`end ${lookup}`));
      });

      it("uses those grants only for a session better-auth verified", async () => {
        const { cookie } = await signIn("ayse", PASSWORD);
        const [name, value] = cookie!.split("=") as [string, string];
        const token = decodeURIComponent(value).split(".")[0]!;
        const { db } = recorder();
        // The right token with a forged signature, and a token no session has.
        for (const forged of [`${token}.${"A".repeat(43)}=`, `${"x".repeat(32)}.${"A".repeat(43)}=`]) {
          const principal = await principalFromHeaders(authOver(db), db, new Headers({ cookie: `${name}=${encodeURIComponent(forged)}` }));
          expect(principal.kind).toBe("anonymous");
        }
        // A signed-in user without grants has none, whatever the cookie says about others.
        const limited = await signIn("limited", PASSWORD);
        expect(await principalFromHeaders(authOver(db), db, new Headers({ cookie: limited.cookie! }))).toMatchObject({ kind: "user", username: "limited", grants: [] });
      });
    });

    describe("sign-in rate limiting", () => {
      it("locks an account after repeated failures, says for how long, and lifts after the window", async () => {
        for (let i = 0; i < SIGN_IN_LIMITS.account.max; i++) expect((await signIn("locked", "wrong-password")).response.status).toBe(401);
        const blocked = await signIn("locked", PASSWORD);
        expect(blocked.response.status).toBe(429);
        const body = (await blocked.response.json()) as { error: { code: string; message: string; details: { retryAfterMinutes: number } } };
        expect(body.error.code).toBe("rate_limited");
        expect(body.error.details.retryAfterMinutes).toBe(15);
        expect(body.error.message).toBe("Too many sign-in attempts. Try again in 15 minutes.");
        expect(blocked.response.headers.get("retry-after")).toBe("900");

        clock.advance(10 * 60_000);
        const still = await signIn("locked", PASSWORD);
        expect(((await still.response.json()) as { error: { details: { retryAfterMinutes: number } } }).error.details.retryAfterMinutes).toBe(5);

        clock.advance(5 * 60_000 + 1000);
        expect((await signIn("locked", PASSWORD)).response.status).toBe(200);
      });

      const newAccount = async (username: string) =>
        (await createUserAccount(auth, t.db, { name: username, email: `${username}@example.org`, username, password: PASSWORD }, null)).id;
      const signInEmail = (body: Record<string, string>) => call("POST", "/api/auth/sign-in/email", { json: body });

      it("counts against the e-mail's account whatever else the body says (a decoy `username` is no way round)", async () => {
        const victimId = await newAccount("decoy-victim");
        for (let i = 0; i < SIGN_IN_LIMITS.account.max; i++) {
          expect((await signInEmail({ email: "decoy-victim@example.org", password: "wrong-password", username: `decoy-${i}` })).status).toBe(401);
        }
        const blocked = await signInEmail({ email: "decoy-victim@example.org", password: PASSWORD, username: "decoy-last" });
        expect(blocked.status).toBe(429);
        // The audit log names the account tried, not the decoy.
        const failures = await t.db.selectFrom("audit_log").selectAll().where("action", "=", "auth.sign_in").where("actor_id", "=", victimId).execute();
        expect(failures.map((f) => [f.outcome, f.actor_label, f.target_id])).toEqual([
          ...Array.from({ length: SIGN_IN_LIMITS.account.max }, () => ["failure", "decoy-victim@example.org", victimId]),
          ["denied", "decoy-victim@example.org", victimId],
        ]);
      });

      it("keeps one counter for the username and the e-mail address of an account", async () => {
        await newAccount("two-names");
        for (let i = 0; i < 3; i++) expect((await signIn("two-names", "wrong-password")).response.status).toBe(401);
        for (let i = 0; i < 2; i++) expect((await signIn("Two-Names@example.org", "wrong-password")).response.status).toBe(401);
        expect((await signIn("two-names", PASSWORD)).response.status).toBe(429);
        expect((await signIn("two-names@example.org", PASSWORD)).response.status).toBe(429);
      });

      it("lets at most the limit through a burst of 20 simultaneous wrong passwords", async () => {
        const id = await newAccount("burst-target");
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? signIn("burst-target", `wrong-password-${i}`) : signIn("burst-target@example.org", `wrong-password-${i}`)).then((r) => r.response.status)));
        const checked = answers.filter((s) => s === 401).length;
        expect(answers.filter((s) => s !== 401 && s !== 429)).toEqual([]);
        expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.max);
        const failures = await t.db.selectFrom("audit_log").select("id").where("action", "=", "auth.sign_in").where("outcome", "=", "failure").where("actor_id", "=", id).execute();
        expect(failures).toHaveLength(checked);
      });

      it("limits wrong current passwords on change-password with the sign-in counter, and a new password ends every other session", async () => {
        await newAccount("changer");
        const cookie = (await signIn("changer", PASSWORD)).cookie!;
        const other = (await signIn("changer@example.org", PASSWORD)).cookie!;
        const change = (currentPassword: string, newPassword: string) => call("POST", "/api/auth/change-password", { cookie, json: { currentPassword, newPassword } });
        // Other sessions end even though the client did not ask (no revokeOtherSessions).
        expect((await change(PASSWORD, "changer-password-2")).status).toBe(200);
        const me = (c: string) => call("GET", "/api/v1/me", { cookie: c }).then(async (r) => ((await r.json()) as { principal: { kind: string } }).principal.kind);
        expect(await me(other)).toBe("anonymous");
        expect(await me(cookie)).toBe("user");

        expect((await signIn("changer", "wrong-password")).response.status).toBe(401);
        for (let i = 1; i < SIGN_IN_LIMITS.account.max; i++) expect((await change(`wrong-password-${i}`, "changer-password-3")).status).toBe(400);
        const blocked = await change("changer-password-2", "changer-password-3");
        expect(blocked.status).toBe(429);
        expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
        expect((await signIn("changer", "changer-password-2")).response.status).toBe(429);
      }, 120_000);

      it("locks a client address that tries many accounts, whatever the accounts", async () => {
        const from = { [CLIENT_CHAIN_HEADER]: "203.0.113.9" };
        for (let i = 0; i < SIGN_IN_LIMITS.address.max; i++) await signIn(`guess-${i}`, "wrong-password", from);
        expect((await signIn("admin", PASSWORD, from)).response.status).toBe(429);
        expect((await signIn("admin", PASSWORD, { [CLIENT_CHAIN_HEADER]: "198.51.100.4" })).response.status).toBe(200);
        clock.advance(SIGN_IN_LIMITS.address.windowMs + 1000);
        expect((await signIn("admin", PASSWORD, from)).response.status).toBe(200);
      }, 120_000); // 24 password hashes: slow on a busy machine
    });

    describe("disabling an account", () => {
      it("ends the user's sessions at once and refuses new sign-ins until re-enabled", async () => {
        const { cookie } = await signIn("ayse", PASSWORD);
        const current = await findTranslation(t.db, SEGMENT, "tr");
        const ok = await call("PUT", `/api/v1/translations/${SEGMENT}/tr`, { cookie, json: { text: "Önce.", status: "draft", baseVersion: current!.version } });
        expect(ok.status).toBe(200);

        const disable = await call("PATCH", `/api/v1/admin/users/${translatorId}`, { cookie: adminCookie, json: { disabled: true } });
        expect(disable.status).toBe(200);
        expect(((await disable.json()) as { user: { disabled: boolean } }).user.disabled).toBe(true);

        const me = (await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { kind: string } };
        expect(me.principal.kind).toBe("anonymous");
        const after = await call("PUT", `/api/v1/translations/${SEGMENT}/tr`, { cookie, json: { text: "Sonra.", status: "draft", baseVersion: current!.version + 1 } });
        expect(after.status).toBe(401);
        const again = await signIn("ayse", PASSWORD);
        expect(again.response.status).toBe(403);
        expect(((await again.response.json()) as { error: { code: string } }).error.code).toBe("account_disabled");

        expect((await call("PATCH", `/api/v1/admin/users/${translatorId}`, { cookie: adminCookie, json: { disabled: false } })).status).toBe(200);
        expect((await signIn("ayse", PASSWORD)).response.status).toBe(200);
      });
    });

    describe("POST /api/v1/session/sign-out", () => {
      it("goes back only to a path on the app (no open redirect)", async () => {
        for (const [next, location] of [["/tr/stories/idlib-2020-02-28#s04", "/tr/stories/idlib-2020-02-28#s04"], ["/\t/evil.example/x", "/"], ["/\\evil.example", "/"], ["//evil.example", "/"], ["https://evil.example", "/"]] as const) {
          const { cookie } = await signIn("admin", PASSWORD);
          const r = await call("POST", "/api/v1/session/sign-out", { cookie, body: new URLSearchParams({ next }), headers: { "content-type": "application/x-www-form-urlencoded" } });
          expect(r.status).toBe(303);
          expect(r.headers.get("location"), next).toBe(location);
        }
      }, 120_000);
    });

    describe("passwords", () => {
      it("lets a user change their own password and signs out their other sessions", async () => {
        const first = (await signIn("ayse", PASSWORD)).cookie!;
        const second = (await signIn("ayse", PASSWORD)).cookie!;
        const res = await call("POST", "/api/auth/change-password", { cookie: first, json: { currentPassword: PASSWORD, newPassword: "a-new-password-1", revokeOtherSessions: true } });
        expect(res.status).toBe(200);
        expect(((await (await call("GET", "/api/v1/me", { cookie: second })).json()) as { principal: { kind: string } }).principal.kind).toBe("anonymous");
        expect((await signIn("ayse", PASSWORD)).response.status).toBe(401);
        expect((await signIn("ayse", "a-new-password-1")).response.status).toBe(200);
      });

      it("refuses a wrong current password", async () => {
        const cookie = (await signIn("ayse", "a-new-password-1")).cookie!;
        const res = await call("POST", "/api/auth/change-password", { cookie, json: { currentPassword: "wrong-wrong-wrong", newPassword: "another-password-2" } });
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_credentials");
      });

      it("lets an admin reset a password, which signs the user out everywhere", async () => {
        const cookie = (await signIn("ayse", "a-new-password-1")).cookie!;
        const res = await call("PUT", `/api/v1/admin/users/${translatorId}/password`, { cookie: adminCookie, json: { password: PASSWORD } });
        expect(res.status).toBe(204);
        expect(((await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { kind: string } }).principal.kind).toBe("anonymous");
        expect((await signIn("ayse", PASSWORD)).response.status).toBe(200);
      });

      it("rejects a short password with a clear validation error", async () => {
        const res = await call("PUT", `/api/v1/admin/users/${translatorId}/password`, { cookie: adminCookie, json: { password: "short" } });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("validation_failed");
        expect(body.error.message).toMatch(/at least 10 characters/);
      });
    });

    describe("admin API", () => {
      it("creates an account, refuses a duplicate, grants and revokes a role", async () => {
        const created = await call("POST", "/api/v1/admin/users", { cookie: adminCookie, json: { name: "Олег", email: "oleg@example.org", username: "oleg", password: PASSWORD } });
        expect(created.status).toBe(201);
        const { user } = (await created.json()) as { user: { id: string } };
        const dup = await call("POST", "/api/v1/admin/users", { cookie: adminCookie, json: { name: "Олег 2", email: "OLEG@example.org", username: "oleg2", password: PASSWORD } });
        expect(dup.status).toBe(409);
        expect(((await dup.json()) as { error: { code: string } }).error.code).toBe("already_exists");

        const grant = await call("POST", `/api/v1/admin/users/${user.id}/grants`, { cookie: adminCookie, json: { role: "reviewer", lang: "ru" } });
        expect(grant.status).toBe(201);
        const { grant: g } = (await grant.json()) as { grant: { id: string } };
        const cookie = (await signIn("oleg", PASSWORD)).cookie!;
        expect(((await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { grants: unknown[] } }).principal.grants).toEqual([{ role: "reviewer", lang: "ru" }]);
        expect((await call("DELETE", `/api/v1/admin/users/${user.id}/grants/${g.id}`, { cookie: adminCookie })).status).toBe(204);
        expect(((await (await call("GET", "/api/v1/me", { cookie })).json()) as { principal: { grants: unknown[] } }).principal.grants).toEqual([]);
      });

      it("answers malformed JSON and unknown ids in the one error shape", async () => {
        const bad = await call("POST", "/api/v1/admin/users", { cookie: adminCookie, body: "{not json", headers: { "content-type": "application/json" } });
        expect(bad.status).toBe(400);
        expect(await bad.json()).toEqual({ error: { code: "validation_failed", message: "The request body is not valid JSON." } });
        const missing = await call("PATCH", "/api/v1/admin/users/nope", { cookie: adminCookie, json: { disabled: true } });
        expect(missing.status).toBe(404);
        expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
      });
    });

    describe("audit log", () => {
      it("records sign-ins, failures, admin changes and permission denials with actor, target, time and address", async () => {
        const from = { [CLIENT_CHAIN_HEADER]: "192.0.2.77" };
        const ayse = (await signIn("ayse", PASSWORD, from)).cookie!;
        await call("PUT", `/api/v1/translations/${SEGMENT}/ar`, { cookie: ayse, json: { text: "x", status: "draft", baseVersion: 1 }, headers: from });
        const entries = await listAudit(t.db, { limit: 500 });
        const actions = new Set(entries.map((e) => `${e.action}:${e.outcome}`));
        for (const a of ["auth.sign_in:success", "auth.sign_in:failure", "auth.sign_in:denied", "user.create:success", "user.disable:success", "user.enable:success", "user.reset_password:success", "role.grant:success", "role.revoke:success", "permission.denied:denied", "auth.change_password:success"]) {
          expect(actions, a).toContain(a);
        }
        const denial = entries.find((e) => e.action === "permission.denied" && e.lang === "ar")!;
        expect(denial).toMatchObject({ actor_label: "ayse@example.org", ip: "192.0.2.77", target_label: `PUT /api/v1/translations/${SEGMENT}/ar` });
        expect(Date.parse(denial.created_at)).not.toBeNaN();
        const disable = entries.find((e) => e.action === "user.disable")!;
        expect(disable).toMatchObject({ actor_label: "admin@example.org", target_label: "ayse@example.org" });
      });

      it("can be filtered by action, outcome and user through the API, for admins only", async () => {
        const res = await call("GET", "/api/v1/admin/audit?action=auth.sign_in&outcome=failure&user=limited", { cookie: adminCookie });
        const { entries } = (await res.json()) as { entries: { action: string; outcome: string; actor_label: string }[] };
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every((e) => e.action === "auth.sign_in" && e.outcome === "failure" && e.actor_label === "limited")).toBe(true);
        const ayse = (await signIn("ayse", PASSWORD)).cookie!;
        expect((await call("GET", "/api/v1/admin/audit", { cookie: ayse })).status).toBe(404);
      });
    });
  });
}

describe("cross-origin writes (proxy)", () => {
  const req = (method: string, path: string, headers: Record<string, string>) => new NextRequest(new URL(path, "http://localhost:3000"), { method, headers: { host: "localhost:3000", ...headers } });
  const refused = async (r: Response) => r.status === 403 && ((await r.json()) as { error: { code: string } }).error.code === "cross_origin";

  it("refuses a POST to the API from another origin", async () => {
    expect(await refused(proxy(req("POST", "/api/v1/admin/users", { origin: "https://evil.example" })))).toBe(true);
  });
  it("refuses a form or server-action POST to a page from another site", async () => {
    expect(await refused(proxy(req("POST", "/en/admin/users", { "sec-fetch-site": "cross-site" })))).toBe(true);
    expect(await refused(proxy(req("PUT", "/api/v1/translations/x/tr", { "sec-fetch-site": "same-site", origin: "http://localhost:3000" })))).toBe(true);
    expect(await refused(proxy(req("DELETE", "/api/v1/admin/users/x/grants/y", { origin: "null" })))).toBe(true);
  });
  it("lets same-origin writes and cross-origin reads through", async () => {
    expect(proxy(req("POST", "/api/v1/admin/users", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect(proxy(req("GET", "/api/v1/me", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(200);
  });
  it("sets a nonce-based Content-Security-Policy on pages rendered per request", () => {
    // Anonymous reader pages are cached and get a hash-based policy instead (tests/http/reader-cache.test.ts).
    for (const page of ["/en/workbench", "/tr/sign-in", "/ar/glossary"]) {
      const res = proxy(req("GET", page, {}));
      const csp = res.headers.get("content-security-policy")!;
      expect(csp, page).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(csp, page).toContain("object-src 'none'");
    }
  });
});
