import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type KyselyPlugin, type Kysely, type CompiledQuery } from "kysely";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { buildStories, scaleSlug } from "../helpers/scale";
import type { Database } from "@/lib/db/schema";
import { listReaderStories } from "@/features/reader/server/service";
import { getWorkbenchDocument, getRevisions, listWorkbenchDocuments, resolveDocumentListQuery } from "@/features/workbench/server/service";
import { documentListQuerySchema } from "@/features/workbench/schemas";
import { exportXliff } from "@/features/exchange/xliff/server/service";
import { exportStory } from "@/features/stories/server/export";
import { previewAlignment } from "@/features/align/server/service";
import { saveTranslation } from "@/features/stories/server/repository";
import { decodeCursor, type PageRequest } from "@/lib/db/keyset";
import { optimizeDatabase } from "@/lib/db/connection";
import type { Principal } from "@/features/auth/permissions";
import { listAuditActions, listAuditPage } from "@/features/auth/server/repository";
import { listUsersPage } from "@/features/auth/server/users";
import { listConceptPage, listSubjects, newTermRow } from "@/features/glossary/server/repository";
import { listComments } from "@/features/workbench/server/comments";
import { concordance, concordanceQuerySchema } from "@/features/tm/server/service";
import { TERM_STATUSES } from "@/lib/db/schema";
import { foldConceptSearch } from "@/lib/text/fold";

const translator: Principal = { kind: "user", userId: "u1", name: "T", username: "t", email: "t@example.org", isAdmin: false, grants: [{ role: "translator", lang: "tr" }] };

/** A view of `db` (transactions included) that records every query it issues, compiled (SQL and parameters). */
function recording(db: Kysely<Database>): { db: Kysely<Database>; queries: CompiledQuery[]; reset(): void } {
  const queries: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      queries.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), queries, reset: () => void queries.splice(0) };
}

/** Every page of a list, walking `next` from the first. */
async function walk<T>(fetch: (request: PageRequest) => Promise<{ items: T[]; next: string | null; prev: string | null }>, limit: number, arity: number): Promise<T[][]> {
  const pages: T[][] = [];
  let request: PageRequest = { limit };
  for (let guard = 0; guard < 1000; guard++) {
    const page = await fetch(request);
    pages.push(page.items);
    if (!page.next) break;
    request = { after: decodeCursor(page.next, arity)!, limit };
  }
  return pages;
}

/**
 * Publishes editions the way a newsroom would (issue 13): every story in
 * English, and in Turkish the stories whose every current segment has an
 * approved, current Turkish translation (computed row by row).
 */
async function publishScaleEditions(db: Kysely<Database>): Promise<void> {
  const docs = await db.selectFrom("documents").select(["id", "title", "published_at"]).where("status", "=", "published").execute();
  const segments = await db.selectFrom("segments").select(["id", "document_id", "source_hash"]).where("removed_at", "is", null).execute();
  const approved = new Set(
    (await db.selectFrom("translations").select(["segment_id", "status", "source_hash"]).where("lang", "=", "tr").execute())
      .filter((r) => r.status === "approved")
      .map((r) => `${r.segment_id}:${r.source_hash}`),
  );
  const incomplete = new Set(segments.filter((s) => !approved.has(`${s.id}:${s.source_hash}`)).map((s) => s.document_id));
  const rows = docs.flatMap((d) =>
    (incomplete.has(d.id) ? ["en"] : ["en", "tr"]).map((lang) => ({
      id: `ed_${d.id}_${lang}`, document_id: d.id, lang, status: "published" as const, title: d.title, published_at: d.published_at!, updated_at: null,
      correction_note: null, published_by: null, version: 1, unpublished_at: null, unpublished_by: null, unpublish_reason: null,
    })),
  );
  for (let i = 0; i < rows.length; i += 100) await db.insertInto("editions").values(rows.slice(i, i + 100)).onConflict((oc) => oc.columns(["document_id", "lang"]).doNothing()).execute();
}

const LIST_SEGMENT = "seg_scale_000000_1";

/**
 * Rows number `from` to `to - 1` of the other lists (issue 12): audit entries,
 * accounts, glossary concepts with terms, and comments on one segment.
 */
async function buildListRows(db: Kysely<Database>, from: number, to: number, sqlite: boolean): Promise<void> {
  const time = (n: number) => new Date(Date.parse("2026-01-01T00:00:00.000Z") + n * 60_000).toISOString();
  const id = (n: number) => String(n).padStart(6, "0");
  for (let start = from; start < to; start += 200) {
    const ns = Array.from({ length: Math.min(to, start + 200) - start }, (_, i) => start + i);
    await db.insertInto("audit_log").values(ns.map((n) => ({ id: `audit_list_${id(n)}`, action: n % 7 === 0 ? "document.import" : "translation.save", outcome: n % 5 === 0 ? ("denied" as const) : ("success" as const), actor_id: `user_list_${id(n % 50)}`, actor_label: `user${n % 50}@example.org`, target_type: "document", target_id: `doc_${n}`, target_label: `Story ${n}`, lang: n % 2 ? "tr" : "ar", ip: null, details: null, created_at: time(n) }))).execute();
    await db.insertInto("user").values(ns.map((n) => ({ id: `user_list_${id(n)}`, name: `Reporter ${id(n)}`, email: `reporter${n}@example.org`, emailVerified: sqlite ? 1 : true, image: null, createdAt: time(n), updatedAt: time(n), username: `reporter${n}`, displayUsername: `reporter${n}`, role: "user", banned: null, banReason: null, banExpires: null }))).execute();
    await db.insertInto("role_grants").values(ns.map((n) => ({ id: `grant_list_${id(n)}`, user_id: `user_list_${id(n)}`, role: "translator" as const, lang: "tr", granted_by: null, created_at: time(n) }))).execute();
    await db.insertInto("concepts").values(ns.map((n) => ({ id: `list-concept-${id(n)}`, subject: n % 3 ? "politics" : "military", definition: `Concept ${n}.`, note: null, created_by: null, created_at: time(n), updated_at: time(n), search_fold: foldConceptSearch(`list-concept-${id(n)}`, `Concept ${n}.`) }))).execute();
    await db
      .insertInto("terms")
      .values(ns.flatMap((n) => [newTermRow(`term_list_en_${id(n)}`, `list-concept-${id(n)}`, "en", { text: `Term ${n}`, type: "fullForm", pos: "noun", usage: "preferred" }, { by: "seed", now: time(n), status: "approved" }), newTermRow(`term_list_tr_${id(n)}`, `list-concept-${id(n)}`, "tr", { text: `Terim ${n}`, type: "fullForm", pos: "noun", usage: "preferred" }, { by: "seed", now: time(n), status: n % 2 ? "approved" : "proposed" })]))
      .execute();
    await db.insertInto("comments").values(ns.map((n) => ({ id: `cmt_list_${id(n)}`, segment_id: LIST_SEGMENT, lang: "tr", thread_id: `cmt_list_${id(n - (n % 4))}`, author_id: "u", author_name: "U", body: `Comment ${n}`, mentions: "[]", resolved_at: null, resolved_by: null, created_at: time(n) }))).execute();
  }
}

/** The other lists (issue 12), each by the function its route and page call. */
const OTHER_LISTS: [string, (db: Kysely<Database>) => Promise<unknown>][] = [
  ["audit log", (db) => listAuditPage(db, {}, { limit: 50 })],
  ["audit log, filtered", (db) => listAuditPage(db, { action: "document.import", outcome: "denied", lang: "ar", user: "user7" }, { limit: 50 })],
  ["audit log, next page", (db) => listAuditPage(db, {}, { after: ["2026-01-01T05:00:00.000Z", "audit_list_000300"], limit: 50 })],
  ["audit actions", (db) => listAuditActions(db)],
  ["users", (db) => listUsersPage(db, {}, { limit: 50 })],
  ["users, search", (db) => listUsersPage(db, { q: "reporter", status: "active" }, { after: ["Reporter 000005", "user_list_000005"], limit: 50 })],
  ["glossary", (db) => listConceptPage(db, { visible: TERM_STATUSES }, { limit: 50 })],
  ["glossary, filtered", (db) => listConceptPage(db, { q: "terim", lang: "tr", status: "approved", subject: "politics", visible: TERM_STATUSES }, { limit: 50 })],
  ["glossary subjects", (db) => listSubjects(db, [])],
  ["comments", (db) => listComments(db, LIST_SEGMENT, "tr", { limit: 50 })],
  ["concordance", (db) => concordance(db, concordanceQuerySchema.parse({ targetLang: "tr", q: "the" }))],
];

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`lists on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 60);
      await publishScaleEditions(t.db);
    }, 120_000);
    afterAll(async () => {
      await t?.destroy();
    });

    /** What the reader of `lang` should list: the published editions there, newest first (document id breaking ties). */
    async function expectedReaderSlugs(lang: string): Promise<string[]> {
      const rows = await t.db.selectFrom("editions").innerJoin("documents", "documents.id", "editions.document_id").select(["documents.slug", "editions.document_id", "editions.published_at"]).where("editions.lang", "=", lang).where("editions.status", "=", "published").execute();
      return rows.sort((a, b) => (a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : a.document_id < b.document_id ? 1 : -1)).map((r) => r.slug);
    }

    describe("the reader's story list", () => {
      it("pages newest first through every published story in the source language, without gaps or repeats", async () => {
        const pages = await walk((r) => listReaderStories(t.db, "en", r), 7, 2);
        expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
        expect(pages.flat().map((s) => s.slug)).toEqual(await expectedReaderSlugs("en"));
      });

      it("lists a story in a language only once its edition there is published, with the edition's title", async () => {
        const all = (await walk((r) => listReaderStories(t.db, "tr", r), 10, 2)).flat();
        const expected = await expectedReaderSlugs("tr");
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan((await expectedReaderSlugs("en")).length);
        expect(all.map((s) => s.slug)).toEqual(expected);
        for (const s of all) expect(s.title.lang).toBe("tr");
      });

      it("goes back with prev to the same page, and has no prev on the first and no next on the last", async () => {
        const first = await listReaderStories(t.db, "en", { limit: 5 });
        expect(first.prev).toBeNull();
        const second = await listReaderStories(t.db, "en", { after: decodeCursor(first.next!, 2)!, limit: 5 });
        expect(second.prev).not.toBeNull();
        const back = await listReaderStories(t.db, "en", { before: decodeCursor(second.prev!, 2)!, limit: 5 });
        expect(back.items.map((s) => s.slug)).toEqual(first.items.map((s) => s.slug));
        expect(back.prev).toBeNull();
        const all = await expectedReaderSlugs("en");
        const last = await listReaderStories(t.db, "en", { limit: 100 });
        expect(last.items).toHaveLength(all.length);
        expect(last.next).toBeNull();
      });
    });

    describe("the workbench document list", () => {
      const query = (q: Record<string, string>) => resolveDocumentListQuery(documentListQuerySchema.parse(q), translator);

      it("pages by last change, newest first, through every document", async () => {
        const { filter } = query({});
        const pages = await walk((r) => listWorkbenchDocuments(t.db, filter, r), 25, 2);
        expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
        expect(pages.flat().map((d) => d.slug)).toEqual(Array.from({ length: 60 }, (_, i) => scaleSlug(59 - i)));
      });

      it("sorts by title and by creation, each order total across pages", async () => {
        const byTitle = (await walk((r) => listWorkbenchDocuments(t.db, query({ sort: "title" }).filter, r), 9, 2)).flat();
        expect(new Set(byTitle.map((d) => d.slug)).size).toBe(60);
        const once = await listWorkbenchDocuments(t.db, query({ sort: "title" }).filter, { limit: 60 });
        expect(byTitle.map((d) => d.slug)).toEqual(once.items.map((d) => d.slug));
        const byCreation = (await walk((r) => listWorkbenchDocuments(t.db, query({ sort: "created" }).filter, r), 11, 2)).flat();
        expect(byCreation[0]!.slug).toBe(scaleSlug(59));
        expect(byCreation).toHaveLength(60);
      });

      it("counts progress per language from one grouped query", async () => {
        const page = await listWorkbenchDocuments(t.db, query({}).filter, { limit: 60 });
        const doc = page.items.find((d) => d.slug === scaleSlug(7))!;
        const rows = await t.db
          .selectFrom("translations")
          .innerJoin("segments", "segments.id", "translations.segment_id")
          .select(["translations.lang", "translations.status"])
          .where("segments.document_id", "=", doc.id)
          .execute();
        const total = Number((await t.db.selectFrom("segments").select((eb) => eb.fn.countAll().as("n")).where("document_id", "=", doc.id).executeTakeFirstOrThrow()).n);
        for (const lang of ["tr", "ru", "ar", "ckb"]) {
          const of = (s: string) => rows.filter((r) => r.lang === lang && r.status === s).length;
          expect(doc.progress[lang]).toEqual({ total, approved: of("approved"), translated: of("translated"), draft: of("draft"), untranslated: total - of("approved") - of("translated") - of("draft"), outdated: 0 });
        }
      });

      it("filters by status, title words and progress in a language (needs work / complete), the two progress filters partitioning the list", async () => {
        const drafts = (await walk((r) => listWorkbenchDocuments(t.db, query({ status: "draft" }).filter, r), 10, 2)).flat();
        expect(drafts.length).toBeGreaterThan(0);
        expect(drafts.every((d) => d.status === "draft")).toBe(true);

        const sample = (await listWorkbenchDocuments(t.db, query({}).filter, { limit: 1 })).items[0]!;
        const word = sample.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? sample.title.slice(0, 5);
        const found = (await listWorkbenchDocuments(t.db, query({ q: word.toUpperCase() }).filter, { limit: 100 })).items;
        expect(found.map((d) => d.slug)).toContain(sample.slug);
        expect(found.every((d) => d.title.toLowerCase().includes(word.toLowerCase()))).toBe(true);

        const needs = (await listWorkbenchDocuments(t.db, query({ lang: "tr", progress: "needs_work" }).filter, { limit: 100 })).items;
        const complete = (await listWorkbenchDocuments(t.db, query({ lang: "tr", progress: "complete" }).filter, { limit: 100 })).items;
        expect(needs.length + complete.length).toBe(60);
        expect(needs.every((d) => d.progress.tr!.approved < d.progress.tr!.total)).toBe(true);
        expect(complete.every((d) => d.progress.tr!.approved === d.progress.tr!.total)).toBe(true);
        // "In my languages": the translator's only language is Turkish.
        const mine = (await listWorkbenchDocuments(t.db, query({ mine: "1", progress: "needs_work" }).filter, { limit: 100 })).items;
        expect(mine.map((d) => d.slug)).toEqual(needs.map((d) => d.slug));
      });

      it("answers an empty page when nothing matches, and refuses a cursor it did not make", async () => {
        const empty = await listWorkbenchDocuments(t.db, query({ q: "zzqx-nothing-%" }).filter, { limit: 10 });
        expect(empty).toEqual({ items: [], next: null, prev: null });
        expect(() => query({ after: "bm90IGEgY3Vyc29y" })).toThrow(expect.objectContaining({ code: "validation_failed" }));
        expect(() => query({ after: "x", before: "y" })).toThrow(expect.objectContaining({ code: "validation_failed" }));
      });
    });
  });
}

/** Queries each list request issues, by request. */
async function countQueries(db: Kysely<Database>): Promise<Record<string, number>> {
  const rec = recording(db);
  const counts: Record<string, number> = {};
  const measure = async (name: string, fn: (db: Kysely<Database>) => Promise<unknown>) => {
    rec.reset();
    await fn(rec.db);
    counts[name] = rec.queries.length;
  };
  await measure("reader en", (d) => listReaderStories(d, "en"));
  await measure("reader tr", (d) => listReaderStories(d, "tr"));
  const first = await listReaderStories(db, "en", { limit: 2 });
  await measure("reader en, page 2", (d) => listReaderStories(d, "en", { after: decodeCursor(first.next!, 2)!, limit: 2 }));
  await measure("workbench", (d) => listWorkbenchDocuments(d));
  await measure("workbench, needs work in my languages", (d) => listWorkbenchDocuments(d, resolveDocumentListQuery(documentListQuerySchema.parse({ mine: "1", progress: "needs_work" }), translator).filter));
  await measure("workbench, title search", (d) => listWorkbenchDocuments(d, resolveDocumentListQuery(documentListQuerySchema.parse({ q: "the", sort: "title" }), translator).filter));
  for (const [name, run] of OTHER_LISTS) await measure(name, run);
  return counts;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`queries per list request on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("stay the same at 10 and at 1,000 stories", async () => {
      await buildStories(t.db, 0, 10);
      await buildListRows(t.db, 0, 10, dialect.name === "sqlite");
      await publishScaleEditions(t.db);
      const small = await countQueries(t.db);
      await buildStories(t.db, 10, 1000);
      await buildListRows(t.db, 10, 1000, dialect.name === "sqlite");
      await publishScaleEditions(t.db);
      const large = await countQueries(t.db);
      expect(Object.keys(large)).toEqual(expect.arrayContaining(OTHER_LISTS.map(([name]) => name)));
      expect(large).toEqual(small);
      for (const n of Object.values(large)) expect(n).toBeLessThanOrEqual(3);
    }, 300_000);
  });
}

/**
 * Indexes meant to serve reads of these tables: by document, by segment (and language), by id.
 * An index led by the language (or status) would read every translation in a language.
 */
const INTENDED_SQLITE_INDEXES = /^(sqlite_autoindex_(translations|segments|translation_revisions)_\d+|segments_document_position_idx|translation_revisions_segment_lang_idx)$/;

/** The lines of a plan that read every row of translations, segments or translation_revisions, or search them through another index than the intended ones. */
function fullScans(dialect: "sqlite" | "postgres", plan: string[]): string[] {
  const tables = ["translations", "segments", "translation_revisions"];
  if (dialect === "sqlite") {
    return plan.filter((line) =>
      tables.some((table) => {
        if (new RegExp(`\\bSCAN ${table}\\b`).test(line)) return true;
        const index = line.match(new RegExp(`\\bSEARCH ${table}\\b USING (?:COVERING )?INDEX (\\w+)`))?.[1];
        return index !== undefined && !INTENDED_SQLITE_INDEXES.test(index);
      }),
    );
  }
  return plan.filter((line) => tables.some((table) => new RegExp(`Seq Scan on ${table}\\b`).test(line)));
}

/** The lines of a plan that read the stored progress whole (SQLite: a SCAN, even of an index; PostgreSQL: a sequential scan or a full index scan without a condition). */
function progressScans(dialect: "sqlite" | "postgres", plan: string[]): string[] {
  const tables = ["document_progress", "document_segment_counts"];
  if (dialect === "sqlite") return plan.filter((line) => tables.some((table) => new RegExp(`\\bSCAN ${table}\\b`).test(line)));
  return plan.filter((line, i) => tables.some((table) => new RegExp(`(Seq Scan|Index (Only )?Scan using \\w+) on ${table}\\b`).test(line) && !/Index Cond/.test(plan[i + 1] ?? "")));
}

/** Tables of the other lists: none may be read whole. */
const LIST_TABLES = ["audit_log", "user", "role_grants", "concepts", "terms", "comments", "tm_units"];

/** The lines of a plan that read every row of a list's table (SQLite: a SCAN without an index; PostgreSQL: a sequential scan). */
function tableScans(dialect: "sqlite" | "postgres", plan: string[]): string[] {
  if (dialect === "sqlite") return plan.filter((line) => LIST_TABLES.some((table) => new RegExp(`\\bSCAN ${table}\\b(?! USING)`).test(line)));
  return plan.filter((line) => LIST_TABLES.some((table) => new RegExp(`Seq Scan on "?${table}"?\\b`).test(line)));
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`query plans on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 300);
      await buildListRows(t.db, 0, 600, dialect.name === "sqlite");
      await optimizeDatabase(t.db, "after-import");
      if (dialect.name === "postgres") await sql`ANALYZE`.execute(t.db);
    }, 300_000);
    afterAll(async () => {
      await t?.destroy();
    });

    /** The plan of a compiled query, one line per node. */
    async function plan(query: CompiledQuery): Promise<string[]> {
      return t.db.connection().execute(async (conn) => {
        if (dialect.name === "sqlite") {
          const r = await conn.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
          return r.rows.map((row) => row.detail);
        }
        // The tables are small here: forbid sequential scans so the plan shows whether an index can serve the query.
        await conn.executeQuery({ sql: "SET enable_seqscan = off", parameters: [], query: query.query, queryId: query.queryId });
        try {
          const r = await conn.executeQuery<{ "QUERY PLAN": string }>({ ...query, sql: `EXPLAIN ${query.sql}` });
          return r.rows.map((row) => row["QUERY PLAN"]);
        } finally {
          await conn.executeQuery({ sql: "RESET enable_seqscan", parameters: [], query: query.query, queryId: query.queryId });
        }
      });
    }

    const cases: [string, (db: Kysely<Database>) => Promise<unknown>][] = [
      ["the editor", (db) => getWorkbenchDocument(db, scaleSlug(42), "tr")],
      ["a segment's history", (db) => getRevisions(db, "seg_scale_000042_3", "tr")],
      ["a save", (db) => saveTranslation(db, { segmentId: "seg_scale_000042_5", lang: "ru", text: "Новый текст.", status: "draft", baseVersion: 0, authorId: null, origin: "editor" }).catch(() => undefined)],
      ["the XLIFF export", (db) => exportXliff(db, scaleSlug(42), "tr", "2.1")],
      ["the story export", (db) => exportStory(db, scaleSlug(42), "tr", "html")],
      ["the alignment preview", (db) => previewAlignment(db, scaleSlug(42), "tr", "Bir paragraf.\n\nİkinci paragraf.")],
      // The reader's list reads only editions (issue 13), through editions_lang_status_published_idx.
    ];
    // The workbench list reads the stored progress (document_progress, document_segment_counts), kept by triggers.
    const progressCases: [string, (db: Kysely<Database>) => Promise<unknown>][] = [
      ["the workbench list", (db) => listWorkbenchDocuments(db)],
      ["the workbench list, needs work", (db) => listWorkbenchDocuments(db, { sort: "title", progress: "needs_work", langs: ["tr", "ar"] })],
      ["the workbench list, complete", (db) => listWorkbenchDocuments(db, { sort: "updated", progress: "complete", langs: ["ru"] })],
    ];
    it("sees a full scan when there is one (the check itself)", async () => {
      const rec = recording(t.db);
      await rec.db.selectFrom("translations").select("id").where("text", "=", "nothing").execute();
      expect(fullScans(dialect.name, await plan(rec.queries[0]!))).toHaveLength(1);
    });

    it("sees the stored progress read whole when it is (the check itself)", async () => {
      const rec = recording(t.db);
      await rec.db.selectFrom("document_progress").select("document_id").where("n", "=", 12345).execute();
      expect(progressScans(dialect.name, await plan(rec.queries[0]!))).toHaveLength(1);
    });

    for (const [name, run] of progressCases) {
      it(`${name} reads the stored progress by its keys, never translations or segments`, async () => {
        const rec = recording(t.db);
        await run(rec.db);
        expect(rec.queries.filter((q) => /\bdocument_(progress|segment_counts)\b/.test(q.sql)).length).toBeGreaterThan(0);
        for (const q of rec.queries) {
          expect(q.sql).not.toMatch(/\b(translations|segments)\b/);
          expect(progressScans(dialect.name, await plan(q)), q.sql).toEqual([]);
        }
      }, 60_000);
    }

    it("sees a list's table read whole when it is (the check itself)", async () => {
      const rec = recording(t.db);
      await rec.db.selectFrom("audit_log").select("id").where("target_label", "=", "nothing").execute();
      expect(tableScans(dialect.name, await plan(rec.queries[0]!))).toHaveLength(1);
    });

    for (const [name, run] of OTHER_LISTS) {
      it(`the ${name} list reads its page through an index, in the index's order`, async () => {
        const rec = recording(t.db);
        await run(rec.db);
        expect(rec.queries.length).toBeGreaterThan(0);
        for (const [i, q] of rec.queries.entries()) {
          const lines = await plan(q);
          expect(tableScans(dialect.name, lines), q.sql).toEqual([]);
          // The page itself (the first query) is read in the order of an index, never sorted whole.
          if (i === 0 && dialect.name === "sqlite") expect(lines.filter((l) => /TEMP B-TREE FOR (LAST TERM OF )?ORDER BY/.test(l)), q.sql).toEqual([]);
        }
      }, 60_000);
    }

    for (const [name, run] of cases) {
      it(`${name} reads translations, segments and revisions through an index`, async () => {
        const rec = recording(t.db);
        await run(rec.db);
        const relevant = rec.queries.filter((q) => /\b(translations|segments|translation_revisions)\b/.test(q.sql) && /^\s*select/i.test(q.sql));
        expect(relevant.length).toBeGreaterThan(0);
        for (const q of relevant) expect(fullScans(dialect.name, await plan(q)), q.sql).toEqual([]);
      }, 60_000);
    }
  });
}
