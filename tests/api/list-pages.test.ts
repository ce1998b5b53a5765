import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { buildStories, scaleSlug } from "../helpers/scale";
import { createUserAccount } from "@/features/auth/server/users";
import { insertAudit } from "@/features/auth/server/repository";
import { insertConcept, insertTerm, newTermRow } from "@/features/glossary/server/repository";
import { insertTmUnits } from "@/features/tm/server/repository";
import { buildOpenApi } from "@/lib/api/openapi";

const PASSWORD = "list-pages-password";
type Json = Record<string, any>;
const json = async (r: Response) => (await r.json()) as Json;
const SEGMENT = "seg_scale_000000_1";
const T0 = Date.parse("2026-03-01T00:00:00.000Z");
/** Two rows share each second, so the id has to break ties. */
const at = (i: number) => new Date(T0 + Math.floor(i / 2) * 1000).toISOString();

/**
 * Every page of a list through the API, following `next` from the first; checks on
 * the way that `prev` leads back to the same rows.
 */
async function walk(url: string, key: string, cookie: string | undefined): Promise<{ pages: Json[][]; last: Json }> {
  const pages: Json[][] = [];
  let page = await json(await call("GET", url, { cookie }));
  expect(page.prev).toBeNull();
  for (;;) {
    pages.push(page[key]);
    if (pages.length > 1) {
      const back = await json(await call("GET", `${url}&before=${page.prev}`, { cookie }));
      expect(back[key]).toEqual(pages[pages.length - 2]);
    }
    if (!page.next) return { pages, last: page };
    page = await json(await call("GET", `${url}&after=${page.next}`, { cookie }));
    expect(page.prev).not.toBeNull();
  }
}

/** Each key strictly before the previous one (newest first, then the greater id). */
function expectDescending(keys: readonly (readonly [string, string])[]): void {
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1]!, keys[i]!];
    expect(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]), `${a} before ${b}`).toBe(true);
  }
}

/** A list refuses cursors it did not make, both cursors at once, repeated parameters and limits over 100, with a JSON error. */
async function expectBadPagesRefused(url: string, cookie: string | undefined): Promise<void> {
  const sep = url.includes("?") ? "&" : "?";
  for (const query of ["after=not-a-cursor", "before=bm90IGEgY3Vyc29y", "after=WzFd&before=WzFd", "limit=101", "limit=0", "limit=1&limit=2"]) {
    const r = await call("GET", `${url}${sep}${query}`, { cookie });
    expect(r.status, query).toBe(400);
    const body = await json(r);
    expect(body.error.code, query).toBe("validation_failed");
    expect(typeof body.error.message).toBe("string");
  }
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`paged lists on ${dialect.name}`, () => {
    let t: TestDatabase;
    let admin: string;
    let translator: string;

    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 1);
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Admin", email: "admin@example.org", username: "admin", password: PASSWORD, admin: true }, null);
      await createUserAccount(auth, t.db, { name: "Ayşe Demir", email: "ayse@example.org", username: "ayse", password: PASSWORD, grants: [{ role: "translator", lang: "tr" }] }, null);
      admin = (await signIn("admin", PASSWORD)).cookie!;
      translator = (await signIn("ayse", PASSWORD)).cookie!;
      const sqlite = dialect.name === "sqlite";
      // 25 more accounts, every fifth disabled (inserted directly: hashing 25 passwords proves nothing here).
      await t.db
        .insertInto("user")
        .values(
          Array.from({ length: 25 }, (_, i) => ({
            id: `user_list_${String(i).padStart(2, "0")}`,
            name: `Reporter ${String(i).padStart(2, "0")}`,
            email: `reporter${i}@example.org`,
            emailVerified: sqlite ? 1 : true,
            image: null,
            createdAt: new Date(T0).toISOString(),
            updatedAt: new Date(T0).toISOString(),
            username: `reporter${i}`,
            displayUsername: `reporter${i}`,
            role: "user",
            banned: i % 5 === 0 ? (sqlite ? 1 : true) : null,
            banReason: null,
            banExpires: null,
          })),
        )
        .execute();
      for (let i = 0; i < 30; i++) {
        await insertAudit(t.db, {
          action: i % 3 === 0 ? "document.import" : "translation.save",
          outcome: i % 4 === 0 ? "denied" : "success",
          actor_id: "u_list",
          actor_label: i % 2 === 0 ? "editor@example.org" : "desk@example.org",
          target_type: "document",
          target_id: `doc_${i}`,
          target_label: `Story ${i}`,
          lang: i % 2 === 0 ? "tr" : "ar",
          ip: null,
          details: { i },
          created_at: at(i),
        });
      }
      for (let i = 0; i < 30; i++) {
        const id = `list-concept-${String(i).padStart(2, "0")}`;
        const now = at(i);
        await insertConcept(t.db, { id, subject: i % 2 === 0 ? "military" : "politics", definition: i === 7 ? "A city in İdlib province." : `Concept number ${i}.`, note: null, created_by: null, created_at: now, updated_at: now });
        await insertTerm(t.db, newTermRow(`term_list_en_${i}`, id, "en", { text: `English term ${i}`, type: "fullForm", pos: "noun", usage: "preferred" }, { by: "seed", now, status: "approved" }));
        if (i % 3 === 0) await insertTerm(t.db, newTermRow(`term_list_tr_${i}`, id, "tr", { text: i === 9 ? "İDLİB KIRSALI" : `Türkçe terim ${i}`, type: "fullForm", pos: "noun", usage: "preferred" }, { by: "seed", now, status: i % 2 === 0 ? "approved" : "proposed" }));
        if (i === 12) await insertTerm(t.db, newTermRow("term_list_ar_12", id, "ar", { text: "إدلب", type: "fullForm", pos: "noun", usage: "preferred" }, { by: "seed", now, status: "approved" }));
      }
      for (let i = 0; i < 30; i++) {
        await t.db
          .insertInto("comments")
          .values({ id: `cmt_list_${String(i).padStart(2, "0")}`, segment_id: SEGMENT, lang: "tr", thread_id: `cmt_list_${String(i - (i % 3)).padStart(2, "0")}`, author_id: "u_list", author_name: "Ayşe", body: `Comment ${i}`, mentions: "[]", resolved_at: null, resolved_by: null, created_at: at(i) })
          .execute();
      }
      await insertTmUnits(
        t.db,
        Array.from({ length: 30 }, (_, i) => ({
          id: `tmu_list_${String(i).padStart(2, "0")}`,
          source_lang: "en",
          target_lang: "tr",
          source_text: i % 2 === 0 ? `The convoy reached Idlib on day ${i}.` : `Unrelated sentence ${i}.`,
          target_text: i % 2 === 0 ? `Konvoy ${i}. gün İdlib'e ulaştı.` : `İlgisiz cümle ${i}.`,
          context_before: null,
          context_after: null,
          origin: "tmx",
          origin_detail: "list.tmx",
          document_id: null,
          segment_id: null,
          author: null,
          created_at: at(i),
          updated_at: at(i),
        })),
        { sentences: false },
      );
    }, 120_000);
    afterAll(async () => {
      await t?.destroy();
    });

    describe("GET /api/v1/admin/audit", () => {
      const url = "/api/v1/admin/audit?user=u_list&limit=7";
      it("pages newest first (ties broken by id) through every entry, with prev leading back", async () => {
        const { pages, last } = await walk(url, "entries", admin);
        expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 2]);
        const entries = pages.flat();
        expect(entries.map((e) => e.details.i).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
        expectDescending(entries.map((e) => [e.created_at, e.id]));
        expect(last.next).toBeNull();
      });

      it("filters by action, outcome, language and time in SQL, paging within the filter", async () => {
        const { pages } = await walk("/api/v1/admin/audit?user=u_list&action=document.import&outcome=denied&limit=1", "entries", admin);
        expect(pages.flat().map((e) => e.details.i)).toEqual([24, 12, 0]);
        const ar = (await walk("/api/v1/admin/audit?user=desk&lang=ar&limit=100", "entries", admin)).pages.flat();
        expect(ar).toHaveLength(15);
        const window = (await walk(`/api/v1/admin/audit?user=u_list&from=${at(10)}&to=${at(13)}&limit=3`, "entries", admin)).pages.flat();
        expect(window.map((e) => e.details.i).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
        expectDescending(window.map((e) => [e.created_at, e.id]));
      });

      it("answers an empty page when nothing matches", async () => {
        expect(await json(await call("GET", "/api/v1/admin/audit?user=nobody-at-all", { cookie: admin }))).toEqual({ entries: [], next: null, prev: null });
      });

      it("refuses a bad cursor or limit with 400, and hides the log from non-admins", async () => {
        await expectBadPagesRefused("/api/v1/admin/audit", admin);
        expect((await call("GET", "/api/v1/admin/audit", { cookie: translator })).status).toBe(404);
      });
    });

    describe("GET /api/v1/admin/users", () => {
      it("pages by name with each account's grants", async () => {
        const { pages } = await walk("/api/v1/admin/users?limit=10", "users", admin);
        expect(pages.map((p) => p.length)).toEqual([10, 10, 7]);
        const names = pages.flat().map((u) => u.name);
        expect(names.filter((n) => n.startsWith("Reporter"))).toEqual(Array.from({ length: 25 }, (_, i) => `Reporter ${String(i).padStart(2, "0")}`));
        expect(pages.flat().find((u) => u.username === "ayse")!.grants).toEqual([expect.objectContaining({ role: "translator", lang: "tr" })]);
      });

      it("searches name, e-mail and username, and filters by status", async () => {
        const disabled = (await walk("/api/v1/admin/users?status=disabled&limit=2", "users", admin)).pages.flat();
        expect(disabled.map((u) => u.username)).toEqual(["reporter0", "reporter5", "reporter10", "reporter15", "reporter20"]);
        const active = (await walk("/api/v1/admin/users?status=active&q=REPORTER&limit=100", "users", admin)).pages.flat();
        expect(active).toHaveLength(20);
        const byMail = (await walk("/api/v1/admin/users?q=reporter1%40&limit=100", "users", admin)).pages.flat();
        expect(byMail.map((u) => u.username)).toEqual(["reporter1"]);
        expect(await json(await call("GET", "/api/v1/admin/users?q=zzz_nobody", { cookie: admin }))).toEqual({ users: [], next: null, prev: null });
      });

      it("refuses a bad cursor or limit with 400", async () => {
        await expectBadPagesRefused("/api/v1/admin/users", admin);
        expect((await call("GET", "/api/v1/admin/users?status=banned", { cookie: admin })).status).toBe(400);
      });
    });

    describe("GET /api/v1/glossary/concepts", () => {
      const ours = (concepts: Json[]) => concepts.filter((c) => c.id.startsWith("list-concept-")).map((c) => c.id);
      it("pages by id through every concept with its terms", async () => {
        const { pages } = await walk("/api/v1/glossary/concepts?q=list-concept&limit=8", "concepts", translator);
        expect(pages.map((p) => p.length)).toEqual([8, 8, 8, 6]);
        expect(ours(pages.flat())).toEqual(Array.from({ length: 30 }, (_, i) => `list-concept-${String(i).padStart(2, "0")}`));
        const nine = pages.flat().find((c) => c.id === "list-concept-09")!;
        expect(nine.terms.map((x: Json) => [x.lang, x.status])).toEqual([
          ["en", "approved"],
          ["tr", "proposed"],
        ]);
      });

      it("filters by language, status and subject in SQL; readers see approved terms only", async () => {
        const tr = ours((await walk("/api/v1/glossary/concepts?q=list-concept&lang=tr&limit=3", "concepts", translator)).pages.flat());
        expect(tr).toEqual(["00", "03", "06", "09", "12", "15", "18", "21", "24", "27"].map((n) => `list-concept-${n}`));
        const proposed = ours((await walk("/api/v1/glossary/concepts?q=list-concept&lang=tr&status=proposed&limit=100", "concepts", translator)).pages.flat());
        expect(proposed).toEqual(["03", "09", "15", "21", "27"].map((n) => `list-concept-${n}`));
        const anonymous = ours((await walk("/api/v1/glossary/concepts?q=list-concept&lang=tr&limit=100", "concepts", undefined)).pages.flat());
        expect(anonymous).toEqual(["00", "06", "12", "18", "24"].map((n) => `list-concept-${n}`));
        expect(ours((await walk("/api/v1/glossary/concepts?q=list-concept&lang=tr&status=proposed&limit=100", "concepts", undefined)).pages.flat())).toEqual([]);
        const politics = ours((await walk("/api/v1/glossary/concepts?q=list-concept&subject=politics&limit=100", "concepts", translator)).pages.flat());
        expect(politics).toHaveLength(15);
      });

      it("searches terms, definitions and ids with case, dotted capitals and Arabic letter variants folded", async () => {
        const search = async (q: string, extra = "") => ours((await walk(`/api/v1/glossary/concepts?q=${encodeURIComponent(q)}${extra}&limit=100`, "concepts", translator)).pages.flat());
        expect(await search("idlib kırsalı")).toEqual(["list-concept-09"]);
        expect(await search("idlib province")).toEqual(["list-concept-07"]);
        expect(await search("ادلب")).toEqual(["list-concept-12"]);
        // With a language, the search looks at that language's terms (and the definition and id).
        expect(await search("english term 4", "&lang=tr")).toEqual([]);
        expect(await search("english term 4", "&lang=en")).toEqual(["list-concept-04"]);
        expect(await json(await call("GET", "/api/v1/glossary/concepts?q=zzqx-nothing", { cookie: translator }))).toEqual({ concepts: [], next: null, prev: null });
      });

      it("refuses a bad cursor or limit with 400", async () => {
        await expectBadPagesRefused("/api/v1/glossary/concepts", translator);
        expect((await call("GET", "/api/v1/glossary/concepts?status=maybe")).status).toBe(400);
      });
    });

    describe("GET /api/v1/translations/{segmentId}/{lang}/comments", () => {
      const url = `/api/v1/translations/${SEGMENT}/tr/comments?limit=8`;
      it("pages the comments oldest first (ties broken by id)", async () => {
        const { pages } = await walk(url, "comments", translator);
        expect(pages.map((p) => p.length)).toEqual([8, 8, 8, 6]);
        expect(pages.flat().map((c) => c.body)).toEqual(Array.from({ length: 30 }, (_, i) => `Comment ${i}`));
      });

      it("answers an empty page for a segment without comments, and 400 to bad cursors", async () => {
        expect(await json(await call("GET", `/api/v1/translations/${SEGMENT}/ar/comments`, { cookie: translator }))).toEqual({ comments: [], next: null, prev: null });
        await expectBadPagesRefused(`/api/v1/translations/${SEGMENT}/tr/comments`, translator);
      });
    });

    describe("GET /api/v1/tm/concordance", () => {
      it("pages the units containing the words, newest first, in the pair", async () => {
        const { pages } = await walk("/api/v1/tm/concordance?targetLang=tr&q=idlib&limit=4", "units", translator);
        expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 3]);
        expect(pages.flat().map((u) => u.id)).toEqual(Array.from({ length: 15 }, (_, i) => `tmu_list_${String(28 - 2 * i).padStart(2, "0")}`));
        const target = (await walk("/api/v1/tm/concordance?targetLang=tr&q=ilgisiz&in=target&limit=100", "units", translator)).pages.flat();
        expect(target).toHaveLength(15);
        expect(await json(await call("GET", "/api/v1/tm/concordance?targetLang=ar&q=idlib", { cookie: translator }))).toEqual({ units: [], next: null, prev: null });
      });

      it("refuses a bad cursor or limit with 400", async () => {
        await expectBadPagesRefused("/api/v1/tm/concordance?targetLang=tr&q=idlib", translator);
      });
    });

    it("leaves the document list's scale fixture alone", async () => {
      expect((await json(await call("GET", "/api/v1/documents?limit=5", { cookie: translator }))).documents.map((d: Json) => d.slug)).toEqual([scaleSlug(0)]);
    });
  });
}

describe("OpenAPI for the paged lists", () => {
  const paths = buildOpenApi().paths as Json;
  for (const [path, key] of [
    ["/api/v1/admin/audit", "entries"],
    ["/api/v1/admin/users", "users"],
    ["/api/v1/glossary/concepts", "concepts"],
    ["/api/v1/translations/{segmentId}/{lang}/comments", "comments"],
    ["/api/v1/tm/concordance", "units"],
  ] as const) {
    it(`documents the cursors and the limit of GET ${path}`, () => {
      const op = paths[path].get;
      const params = Object.fromEntries(op.parameters.map((p: Json) => [p.name, p]));
      expect(params.limit.schema).toMatchObject({ type: "integer", maximum: 100 });
      expect(params.after.schema.type).toBe("string");
      expect(params.before.schema.type).toBe("string");
      const schema = op.responses["200"].content["application/json"].schema;
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining([key, "next", "prev"]));
      expect(Object.keys(op.responses)).toContain("400");
    });
  }
});
