import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { METHODS, MUTATING, TestClock, call, listRouteFiles, loadRoute, signIn, useAuth } from "../helpers/api";
import { ANONYMOUS, can, type Permission, type Principal } from "@/features/auth/permissions";
import { createDocument } from "@/features/documents/server/service";
import { startPretranslation } from "@/features/mt/server/pretranslate";
import { createUserAccount } from "@/features/auth/server/users";
import { addGrant, listAudit } from "@/features/auth/server/repository";
import { principalFromHeaders } from "@/features/auth/server/principal";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation } from "@/features/stories/server/repository";
import { addComment } from "@/features/workbench/server/comments";
import { ERROR_CODES } from "@/lib/api/errors";
import type { Auth } from "@/features/auth/server/auth";
import type { Database } from "@/lib/db/schema";

const PASSWORD = "matrix-password";
const SEGMENT = seedSegmentId("idlib-2020-02-28", "s04");

/** Who calls: anonymous, a user without roles, a tr translator, a tr reviewer, an admin. */
const ACTORS = {
  anonymous: null,
  noRoles: { username: "no-roles", grants: [] },
  trTranslator: { username: "tr-trans", grants: [{ role: "translator", lang: "tr" }] },
  trReviewer: { username: "tr-rev", grants: [{ role: "reviewer", lang: "tr" }] },
  admin: { username: "root", admin: true, grants: [] },
} as const;
type ActorName = keyof typeof ACTORS;

/** tr is inside the grants above; ar is outside them. */
const TARGETS = ["tr", "ar"] as const;

interface Fixture {
  readonly db: Kysely<Database>;
  readonly auth: Auth;
  readonly victimId: string;
  cookieOf(actor: ActorName): Promise<string | undefined>;
}

interface Case {
  readonly method: (typeof MUTATING)[number];
  readonly pattern: string;
  /** The access rule this endpoint must declare. */
  readonly access: string;
  /** Builds a valid request for target language `lang`, so an allowed call succeeds. */
  make(f: Fixture, lang: string): Promise<{ url: string; json?: unknown; body?: BodyInit; headers?: Record<string, string>; freshSession?: boolean }>;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Every mutating endpoint. A new one must be added here, or the test below fails. */
const CASES: readonly Case[] = [
  {
    method: "POST",
    pattern: "/api/auth/[...all]",
    access: "public",
    make: async () => ({ url: "/api/auth/sign-in/username", json: { username: "matrix-nobody", password: "wrong-password" } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/admin/users",
    access: "user.manage",
    make: async (_f, lang) => {
      const id = unique();
      return { url: "/api/v1/admin/users", json: { name: `User ${id}`, email: `u${id}@example.org`, username: `u${id}`, password: PASSWORD, grants: [{ role: "translator", lang }] } };
    },
  },
  {
    method: "PATCH",
    pattern: "/api/v1/admin/users/[id]",
    access: "user.manage",
    make: async (f) => ({ url: `/api/v1/admin/users/${f.victimId}`, json: { disabled: false } }),
  },
  {
    method: "PUT",
    pattern: "/api/v1/admin/users/[id]/password",
    access: "user.manage",
    make: async (f) => ({ url: `/api/v1/admin/users/${f.victimId}/password`, json: { password: PASSWORD } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/admin/users/[id]/grants",
    access: "user.manage",
    make: async (f, lang) => ({ url: `/api/v1/admin/users/${f.victimId}/grants`, json: { role: "reviewer", lang } }),
  },
  {
    method: "DELETE",
    pattern: "/api/v1/admin/users/[id]/grants/[grantId]",
    access: "user.manage",
    make: async (f, lang) => {
      const { grant } = await addGrant(f.db, { userId: f.victimId, role: "translator", lang, grantedBy: null });
      return { url: `/api/v1/admin/users/${f.victimId}/grants/${grant.id}` };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/session/sign-out",
    access: "authenticated",
    make: async () => ({ url: "/api/v1/session/sign-out", body: new URLSearchParams({ next: "/en" }), headers: { "content-type": "application/x-www-form-urlencoded" }, freshSession: true }),
  },
  {
    method: "POST",
    pattern: "/api/v1/glossary/[lang]/terms",
    access: "glossary.propose",
    make: async (_f, lang) => ({ url: `/api/v1/glossary/${lang}/terms`, json: { conceptId: "matrix-concept", term: { text: `Terim ${unique()}` } } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/glossary/[lang]/terms/[termId]/review",
    access: "glossary.approve",
    make: async (f, lang) => {
      const id = `term_matrix_${unique()}`;
      const now = new Date().toISOString();
      await f.db.insertInto("terms").values({ id, concept_id: "matrix-concept", lang, text: id, type: "fullForm", pos: "noun", usage: "preferred", case_sensitive: 0, do_not_translate: 0, note: null, status: "proposed", proposed_by: null, proposed_at: now, reviewed_by: null, reviewed_at: null, review_comment: null, updated_at: now }).execute();
      return { url: `/api/v1/glossary/${lang}/terms/${id}/review`, json: { decision: "approve" } };
    },
  },
  {
    method: "PATCH",
    pattern: "/api/v1/glossary/concepts/[id]",
    access: "glossary.manage",
    make: async (f) => {
      const c = await f.db.selectFrom("concepts").select("updated_at").where("id", "=", "matrix-concept").executeTakeFirstOrThrow();
      return { url: "/api/v1/glossary/concepts/matrix-concept", json: { note: `Matrix ${unique()}`, baseUpdatedAt: c.updated_at } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/glossary/lookup",
    access: "public",
    make: async (_f, lang) => ({ url: "/api/v1/glossary/lookup", json: { targetLang: lang, source: "Idlib", target: "" } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/glossary/import",
    access: "glossary.manage",
    make: async (_f, lang) => {
      const id = unique();
      const csv = `conceptId,lang,text\r\nmatrix-import-${id},en,matrix import ${id}\r\nmatrix-import-${id},${lang},matrix ${lang} ${id}\r\n`;
      return { url: "/api/v1/glossary/import?format=csv&filename=matrix.csv", body: csv, headers: { "content-type": "text/csv" } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/tm/import",
    access: "document.import",
    make: async (_f, lang) => {
      const id = unique();
      const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="matrix" creationtoolversion="1" segtype="sentence" o-tmf="matrix" adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Matrix ${id}</seg></tuv><tuv xml:lang="${lang}"><seg>Matrix ${id} (${lang})</seg></tuv></tu></body></tmx>`;
      return { url: "/api/v1/tm/import?filename=matrix.tmx", body: tmx, headers: { "content-type": "application/xml" } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/xliff",
    access: "translation.edit",
    make: async (_f, lang) => {
      const xliff = `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="${lang}"><file id="f1"><unit id="s04"><segment><source>Matrix</source></segment></unit></file></xliff>`;
      return { url: `/api/v1/documents/idlib-2020-02-28/xliff?lang=${lang}&dryRun=1`, body: xliff, headers: { "content-type": "application/xliff+xml" } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/preview",
    access: "document.import",
    make: async () => ({ url: "/api/v1/documents/preview?format=txt", body: "Matrix story\n\nA paragraph.", headers: { "content-type": "text/plain" } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/documents",
    access: "document.import",
    make: async () => ({ url: "/api/v1/documents", json: { slug: `matrix-${unique()}`, title: "Matrix story", segments: [{ kind: "paragraph", text: "A paragraph." }] } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/source",
    access: "document.import",
    make: async (f) => {
      const slug = `matrix-source-${unique()}`;
      await createDocument(f.db, { slug, title: "Matrix source", status: "published", segments: [{ kind: "paragraph", text: "The first version." }] }, ANONYMOUS);
      return { url: `/api/v1/documents/${slug}/source`, json: { text: "Matrix source\n\nThe second version.", format: "txt" } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/pretranslate",
    access: "translation.edit",
    make: async (f, lang) => {
      const slug = `matrix-pretranslate-${unique()}`;
      await createDocument(f.db, { slug, title: "Matrix pre-translation", status: "published", segments: [{ kind: "paragraph", text: "Nothing in the memory." }] }, ANONYMOUS);
      return { url: `/api/v1/documents/${slug}/pretranslate`, json: { lang, useMt: false } };
    },
  },
  {
    method: "DELETE",
    pattern: "/api/v1/documents/[slug]/pretranslate",
    access: "translation.edit",
    make: async (f, lang) => {
      const slug = `matrix-pretranslate-${unique()}`;
      await createDocument(f.db, { slug, title: "Matrix pre-translation", status: "published", segments: [{ kind: "paragraph", text: "Nothing in the memory." }] }, ANONYMOUS);
      await startPretranslation(f.db, slug, { lang, threshold: 90, useMt: false }, "matrix");
      return { url: `/api/v1/documents/${slug}/pretranslate?lang=${lang}` };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/qa/check",
    access: "public",
    make: async (_f, lang) => ({ url: "/api/v1/qa/check", json: { sourceLang: "en", targetLang: lang, source: "Idlib, 12 posts.", target: "12" } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/glossary/recognize",
    access: "public",
    make: async (_f, lang) => ({ url: "/api/v1/glossary/recognize", json: { lang, text: "İdlib'de" } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/mt/suggest",
    access: "translation.edit",
    // No provider is configured here: an allowed call answers 200 with no suggestions.
    make: async (_f, lang) => ({ url: "/api/v1/mt/suggest", json: { sourceLang: "en", targetLang: lang, text: "Idlib, 12 posts." } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/align",
    access: "translation.edit",
    make: async (_f, lang) => ({ url: "/api/v1/documents/idlib-2020-02-28/align", json: { lang, text: "Matrix alignment text." } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/align/apply",
    access: "translation.edit",
    make: async (_f, lang) => ({ url: "/api/v1/documents/idlib-2020-02-28/align/apply", json: { lang, store: "memory", links: [{ segmentKey: "s04", text: `Matrix ${unique()}` }] } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/documents/[slug]/presence",
    access: "authenticated",
    make: async (_f, lang) => ({ url: "/api/v1/documents/idlib-2020-02-28/presence", json: { lang, segmentId: SEGMENT, editing: true } }),
  },
  {
    method: "POST",
    pattern: "/api/v1/translations/[segmentId]/[lang]/revisions/[version]/restore",
    access: "translation.edit",
    make: async (f, lang) => {
      const current = await findTranslation(f.db, SEGMENT, lang);
      return { url: `/api/v1/translations/${SEGMENT}/${lang}/revisions/1/restore`, json: { baseVersion: current!.version } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/translations/[segmentId]/[lang]/comments",
    access: "translation.edit",
    make: async (_f, lang) => ({ url: `/api/v1/translations/${SEGMENT}/${lang}/comments`, json: { body: `Check this, @root ${unique()}` } }),
  },
  {
    method: "PATCH",
    pattern: "/api/v1/translations/[segmentId]/[lang]/comments/[threadId]",
    access: "translation.edit",
    make: async (f, lang) => {
      const c = await addComment(f.db, { segmentId: SEGMENT, lang, authorId: f.victimId, authorName: "Victim", body: "Thread" });
      return { url: `/api/v1/translations/${SEGMENT}/${lang}/comments/${c.id}`, json: { resolved: true } };
    },
  },
  {
    method: "PUT",
    pattern: "/api/v1/translations/[segmentId]/[lang]",
    access: "translation.edit",
    make: async (f, lang) => {
      const current = await findTranslation(f.db, SEGMENT, lang);
      // The published translation: it passes the quality checks that confirming runs.
      const published = loadStoryContent().flatMap((c) => c.translations).find((x) => x.lang === lang)!.translations.s04!;
      return { url: `/api/v1/translations/${SEGMENT}/${lang}`, json: { text: published, status: "translated", baseVersion: current?.version ?? 0 } };
    },
  },
  {
    method: "POST",
    pattern: "/api/v1/translations/[segmentId]/[lang]/review",
    access: "translation.approve",
    make: async (f, lang) => {
      const current = await findTranslation(f.db, SEGMENT, lang);
      return { url: `/api/v1/translations/${SEGMENT}/${lang}/review`, json: { decision: "approve", baseVersion: current!.version } };
    },
  },
];

describe("every route handler declares its access rule", () => {
  const routes = listRouteFiles();

  it("finds the API routes", () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  for (const r of routes) {
    it(`${r.pattern}: each exported method is wrapped by route() with a declared access`, async () => {
      const mod = await loadRoute(r.file);
      const methods = Object.keys(mod).filter((k) => (METHODS as readonly string[]).includes(k));
      expect(methods.length, `${r.pattern} exports no HTTP method`).toBeGreaterThan(0);
      for (const m of methods) {
        const handler = mod[m] as { access?: string };
        expect(typeof handler.access, `${m} ${r.pattern} has no declared access (wrap it in route())`).toBe("string");
        expect(["public", "authenticated", ...(Object.keys(await import("@/features/auth/permissions").then((p) => p.PERMISSIONS)))]).toContain(handler.access);
      }
    });
  }

  it("has a matrix case for every mutating endpoint", async () => {
    const missing: string[] = [];
    for (const r of routes) {
      const mod = await loadRoute(r.file);
      for (const m of MUTATING) if (mod[m] && !CASES.some((c) => c.method === m && c.pattern === r.pattern)) missing.push(`${m} ${r.pattern}`);
    }
    expect(missing, "add these endpoints to CASES in this file").toEqual([]);
  });

  it("has no server action outside the matrix (none exist yet)", () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(e.name) && /^\s*["']use server["']/m.test(fs.readFileSync(full, "utf8"))) found.push(full);
      }
    };
    for (const d of ["app", "features", "lib"]) walk(path.join(process.cwd(), d));
    expect(found, "server actions must go through route() semantics and be added to this matrix").toEqual([]);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`permission matrix on ${dialect.name}`, () => {
    let t: TestDatabase;
    let fixture: Fixture;
    const principals = new Map<ActorName, Principal>();

    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent());
      const auth = useAuth(t.db, new TestClock());
      const victim = await createUserAccount(auth, t.db, { name: "Victim", email: "victim@example.org", username: "victim", password: PASSWORD }, null);
      const now = new Date().toISOString();
      await t.db.insertInto("concepts").values({ id: "matrix-concept", subject: "phrase", definition: "A concept for the permission matrix.", note: null, created_by: null, created_at: now, updated_at: now }).execute();
      for (const [name, spec] of Object.entries(ACTORS)) {
        if (!spec) continue;
        await createUserAccount(auth, t.db, { name, email: `${spec.username}@example.org`, username: spec.username, password: PASSWORD, admin: "admin" in spec, grants: [...spec.grants] }, null);
      }
      const cookies = new Map<ActorName, string>();
      fixture = {
        db: t.db,
        auth,
        victimId: victim.id,
        async cookieOf(actor) {
          const spec = ACTORS[actor];
          if (!spec) return undefined;
          if (!cookies.has(actor)) cookies.set(actor, (await signIn(spec.username, PASSWORD)).cookie!);
          return cookies.get(actor);
        },
      };
      for (const name of Object.keys(ACTORS) as ActorName[]) {
        const cookie = await fixture.cookieOf(name);
        principals.set(name, await principalFromHeaders(auth, t.db, new Headers(cookie ? { cookie } : {})));
      }
    });
    afterAll(async () => {
      await t?.destroy();
    });

    /** Sends the case's request (its URL passed through `url`) and returns the answer with its JSON body. */
    async function send(c: Case, actor: ActorName, lang: string, url: (u: string) => string = (u) => u) {
      const req = await c.make(fixture, lang);
      const spec = ACTORS[actor];
      const cookie = req.freshSession && spec ? (await signIn(spec.username, PASSWORD)).cookie : await fixture.cookieOf(actor);
      const response = await call(c.method, url(req.url), { cookie, json: req.json, body: req.body, headers: req.headers });
      const body = response.status === 204 || response.status === 303 ? null : ((await response.json()) as { error?: { code: string; message: string } });
      if (!response.ok && response.status !== 303) {
        expect(body?.error?.message, "error answers have a message").toBeTruthy();
        expect(ERROR_CODES).toContain(body?.error?.code);
      }
      return { response, body };
    }

    /** The answer the permission table gives for the case in target language `lang`. */
    async function expectDecision(c: Case, actor: ActorName, lang: string, url?: (u: string) => string) {
      const mod = await loadRoute(listRouteFiles().find((r) => r.pattern === c.pattern)!.file);
      const handler = mod[c.method] as { access: string; deny: "forbidden" | "not_found" };
      expect(handler.access, "declared access").toBe(c.access);
      const { response, body } = await send(c, actor, lang, url);
      const principal = principals.get(actor)!;
      if (handler.access === "public") {
        expect(["unauthorized", "forbidden"]).not.toContain(body?.error?.code);
        return;
      }
      if (actor === "anonymous") {
        expect(response.status).toBe(401);
        return;
      }
      const allowed = handler.access === "authenticated" || can(principal, handler.access as Permission, lang);
      if (allowed) {
        expect(response.status, JSON.stringify(body)).toBeLessThan(400);
      } else {
        expect(response.status).toBe(handler.deny === "not_found" ? 404 : 403);
        const denials = await listAudit(t.db, { action: "permission.denied", user: principal.kind === "user" ? principal.userId : "", limit: 1 });
        expect(denials[0]?.target_label).toContain(c.method);
      }
    }

    const withQuery = (url: string, pairs: readonly (readonly [string, string])[]) => {
      const u = new URL(url, "http://localhost");
      for (const [k, v] of pairs) u.searchParams.append(k, v);
      return `${u.pathname}${u.search}`;
    };

    for (const c of CASES) {
      for (const actor of Object.keys(ACTORS) as ActorName[]) {
        for (const lang of TARGETS) {
          const other = lang === "tr" ? "ar" : "tr";
          it(`${c.method} ${c.pattern} as ${actor}, target ${lang}`, async () => {
            await expectDecision(c, actor, lang);
          });

          it(`${c.method} ${c.pattern} as ${actor}, target ${lang}: a repeated parameter is refused with 400`, async () => {
            for (const pair of [[lang, other], [other, lang], [lang, lang]] as const) {
              const { response, body } = await send(c, actor, lang, (u) => withQuery(u, pair.map((l) => ["lang", l] as const)));
              expect(response.status, JSON.stringify(body)).toBe(400);
              expect(body?.error?.code).toBe("validation_failed");
              const principal = principals.get(actor)!;
              if (principal.kind === "user") {
                const [denial] = await listAudit(t.db, { action: "permission.denied", user: principal.userId, limit: 1 });
                expect(denial?.details).toContain("repeated_parameter");
              }
            }
          });

          it(`${c.method} ${c.pattern} as ${actor}, target ${lang}: a conflicting language elsewhere in the request changes nothing`, async () => {
            // The query names the other language once; the decision (and the work) stay in the declared one.
            await expectDecision(c, actor, lang, (u) => (new URL(u, "http://localhost").searchParams.has("lang") ? u : withQuery(u, [["lang", other]])));
          });
        }
      }
    }
  });
}
