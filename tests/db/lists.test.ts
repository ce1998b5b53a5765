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

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`lists on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 60);
    }, 120_000);
    afterAll(async () => {
      await t?.destroy();
    });

    /** What the reader of `lang` should list, computed row by row. */
    async function expectedReaderSlugs(lang: string): Promise<string[]> {
      const docs = await t.db.selectFrom("documents").select(["id", "slug", "published_at", "source_lang"]).where("status", "=", "published").execute();
      const rows = await t.db
        .selectFrom("translations")
        .innerJoin("segments", "segments.id", "translations.segment_id")
        .select(["segments.document_id", "translations.status", "translations.source_hash", "segments.source_hash as current"])
        .where("translations.lang", "=", lang)
        .execute();
      const withContent = new Set(rows.filter((r) => r.status === "approved" && r.source_hash === r.current).map((r) => r.document_id));
      return docs
        .filter((d) => d.source_lang === lang || withContent.has(d.id))
        .sort((a, b) => (a.published_at! < b.published_at! ? 1 : a.published_at! > b.published_at! ? -1 : a.id < b.id ? 1 : -1))
        .map((d) => d.slug);
    }

    describe("the reader's story list", () => {
      it("pages newest first through every published story in the source language, without gaps or repeats", async () => {
        const pages = await walk((r) => listReaderStories(t.db, "en", r), 7, 2);
        expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
        expect(pages.flat().map((s) => s.slug)).toEqual(await expectedReaderSlugs("en"));
      });

      it("lists a story in a language once it has approved content there, with its progress and title", async () => {
        const all = (await walk((r) => listReaderStories(t.db, "tr", r), 10, 2)).flat();
        const expected = await expectedReaderSlugs("tr");
        expect(expected.length).toBeGreaterThan(0);
        expect(expected.length).toBeLessThan((await expectedReaderSlugs("en")).length);
        expect(all.map((s) => s.slug)).toEqual(expected);
        for (const s of all) {
          expect(s.total).toBeGreaterThanOrEqual(24);
          expect(s.translated).toBeGreaterThan(0);
        }
        // A story approved whole shows its translated title and every paragraph translated.
        const whole = all.find((s) => s.translated === s.total)!;
        expect(whole.title).toMatchObject({ lang: "tr", translated: true });
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
      const small = await countQueries(t.db);
      await buildStories(t.db, 10, 1000);
      const large = await countQueries(t.db);
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

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`query plans on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await buildStories(t.db, 0, 300);
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
      ["the reader's list", (db) => listReaderStories(db, "tr")],
      ["the workbench list", (db) => listWorkbenchDocuments(db)],
      ["the workbench list, needs work", (db) => listWorkbenchDocuments(db, { sort: "title", progress: "needs_work", langs: ["tr", "ar"] })],
    ];
    it("sees a full scan when there is one (the check itself)", async () => {
      const rec = recording(t.db);
      await rec.db.selectFrom("translations").select("id").where("text", "=", "nothing").execute();
      expect(fullScans(dialect.name, await plan(rec.queries[0]!))).toHaveLength(1);
    });

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
