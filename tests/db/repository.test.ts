import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { loadStoryContent } from "@/features/stories/server/content";
import { SEED_AUTHOR, seedSegmentId, seedStories } from "@/features/stories/server/seed";
import {
  countTranslationsByStatus,
  findDocumentBySlug,
  findTranslation,
  listRevisions,
  listSegments,
  listTranslations,
  saveTranslation,
} from "@/features/stories/server/repository";
import { getReaderStory, listReaderStories } from "@/features/reader/server/service";
import { migrateToLatest } from "@/lib/db/migrate";

const SLUG = "idlib-2020-02-28";
const content = loadStoryContent();
const seg = (key: string) => seedSegmentId(SLUG, key);

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`data layer on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, content, "2026-01-01T00:00:00.000Z");
    });
    afterAll(async () => {
      await t?.destroy();
    });

    describe("migrations", () => {
      it("are recorded and a second run applies nothing", async () => {
        const again = await migrateToLatest(t.db);
        expect(again.results).toEqual([]);
        const rows = await sql<{ name: string }>`select name from schema_migrations`.execute(t.db);
        expect(rows.rows.map((r) => r.name)).toContain("2026-11-25T2330-initial");
      });
    });

    describe("seed", () => {
      it("creates the story with 35 segments in order and stable ids", async () => {
        const doc = await findDocumentBySlug(t.db, SLUG);
        expect(doc).toMatchObject({ slug: SLUG, source_lang: "en", status: "published" });
        const segments = await listSegments(t.db, doc!.id);
        expect(segments).toHaveLength(35);
        expect(segments.map((s) => s.position)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
        expect(segments[0]).toMatchObject({ id: seg("s01"), kind: "title" });
        expect(segments[19]).toMatchObject({ kind: "heading", source_text: "NATO meets" });
        expect(segments[0]!.source_hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it("stores every translation as approved version 1 with a revision", async () => {
        const doc = (await findDocumentBySlug(t.db, SLUG))!;
        const rows = await listTranslations(t.db, doc.id, ["tr", "ru", "ar", "ckb"]);
        expect(rows).toHaveLength(140);
        expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["approved"]));
        const revisions = await listRevisions(t.db, seg("s05"), "tr");
        expect(revisions).toHaveLength(1);
        expect(revisions[0]).toMatchObject({ version: 1, origin: "seed", author_id: SEED_AUTHOR, status: "approved" });
      });

      it("is idempotent and never overwrites an edit made in the app", async () => {
        const before = (await findTranslation(t.db, seg("s04"), "ru"))!;
        const edited = await saveTranslation(t.db, {
          segmentId: seg("s04"),
          lang: "ru",
          text: "Правка редактора",
          status: "translated",
          baseVersion: before.version,
          authorId: "user_editor",
          origin: "editor",
        });
        expect(edited.kind).toBe("saved");
        const report = await seedStories(t.db, content);
        expect(report).toMatchObject({ documentsCreated: 0, segmentsCreated: 0, translationsCreated: 0, translationsUpdated: 0 });
        expect(report.translationsKept).toBeGreaterThanOrEqual(1);
        expect(await findTranslation(t.db, seg("s04"), "ru")).toMatchObject({ text: "Правка редактора", version: 2, updated_by: "user_editor" });
      });

      it("refreshes a seeded translation whose file text changed, keeping history", async () => {
        const changed = content.map((c) => ({
          ...c,
          translations: c.translations.map((f) => (f.lang === "tr" ? { ...f, translations: { ...f.translations, s03: "Yeni metin." } } : f)),
        }));
        const report = await seedStories(t.db, changed);
        expect(report.translationsUpdated).toBe(1);
        expect((await findTranslation(t.db, seg("s03"), "tr"))!.text).toBe("Yeni metin.");
        expect((await listRevisions(t.db, seg("s03"), "tr")).map((r) => r.version)).toEqual([1, 2]);
        await seedStories(t.db, content); // restore the file text for the tests below
      });
    });

    describe("saveTranslation", () => {
      it("creates a translation at version 1 from base version 0", async () => {
        const doc = (await findDocumentBySlug(t.db, SLUG))!;
        await t.db.insertInto("segments").values({
          id: "seg_extra", document_id: doc.id, key: "extra", position: 99, kind: "paragraph",
          source_text: "Extra.", source_hash: "h", removed_at: null, created_at: "2026-01-01T00:00:00.000Z", updated_at: "2026-01-01T00:00:00.000Z",
        }).execute();
        const r = await saveTranslation(t.db, { segmentId: "seg_extra", lang: "tr", text: "Ek.", status: "draft", baseVersion: 0, authorId: "u1", origin: "editor" });
        expect(r).toMatchObject({ kind: "saved", changed: true, translation: { version: 1, text: "Ek.", status: "draft", source_hash: "h" } });
      });

      it("refuses a write based on a stale version and returns the current text", async () => {
        const r = await saveTranslation(t.db, { segmentId: "seg_extra", lang: "tr", text: "Eski temelli.", status: "draft", baseVersion: 0, authorId: "u2", origin: "editor" });
        expect(r.kind).toBe("conflict");
        if (r.kind === "conflict") expect(r.current).toMatchObject({ text: "Ek.", version: 1, updated_by: "u1" });
      });

      it("bumps the version and keeps every change as a revision", async () => {
        const r = await saveTranslation(t.db, { segmentId: "seg_extra", lang: "tr", text: "Ek metin.", status: "translated", baseVersion: 1, authorId: "u2", origin: "editor", note: "düzeltme" });
        expect(r).toMatchObject({ kind: "saved", translation: { version: 2 } });
        const revs = await listRevisions(t.db, "seg_extra", "tr");
        expect(revs.map((v) => [v.version, v.text, v.status, v.author_id])).toEqual([
          [1, "Ek.", "draft", "u1"],
          [2, "Ek metin.", "translated", "u2"],
        ]);
        expect(revs[1]!.note).toBe("düzeltme");
      });

      it("treats an identical save as a no-op without a new revision", async () => {
        const r = await saveTranslation(t.db, { segmentId: "seg_extra", lang: "tr", text: "Ek metin.", status: "translated", baseVersion: 2, authorId: "u2", origin: "editor" });
        expect(r).toMatchObject({ kind: "saved", changed: false, translation: { version: 2 } });
        expect(await listRevisions(t.db, "seg_extra", "tr")).toHaveLength(2);
      });

      it("lets exactly one of many concurrent writers on the same version win", async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            saveTranslation(t.db, { segmentId: "seg_extra", lang: "tr", text: `Yazar ${i}`, status: "draft", baseVersion: 2, authorId: `w${i}`, origin: "editor" }),
          ),
        );
        expect(results.filter((r) => r.kind === "saved")).toHaveLength(1);
        expect(results.filter((r) => r.kind === "conflict")).toHaveLength(11);
        const revs = await listRevisions(t.db, "seg_extra", "tr");
        expect(revs.map((v) => v.version)).toEqual([1, 2, 3]);
        const winner = results.find((r) => r.kind === "saved")!;
        if (winner.kind === "saved") expect(revs[2]!.text).toBe(winner.translation.text);
      });

      it("reports a missing segment", async () => {
        const r = await saveTranslation(t.db, { segmentId: "nope", lang: "tr", text: "x", status: "draft", baseVersion: 0, authorId: null, origin: "editor" });
        expect(r.kind).toBe("segment_not_found");
      });
    });

    describe("counts and the reader", () => {
      it("counts translations by document, language and status", async () => {
        const doc = (await findDocumentBySlug(t.db, SLUG))!;
        const counts = await countTranslationsByStatus(t.db, [doc.id]);
        const get = (lang: string, status: string) => counts.find((c) => c.lang === lang && c.status === status)?.count ?? 0;
        expect(get("ar", "approved")).toBe(35);
        expect(get("ru", "approved")).toBe(34);
        expect(get("ru", "translated")).toBe(1);
        expect(typeof counts[0]!.count).toBe("number");
      });

      it("shows approved text and falls back to English, marked, where none is approved", async () => {
        const story = (await getReaderStory(t.db, SLUG, ["ru"]))!;
        const s04 = story.segments.find((s) => s.key === "s04")!;
        expect(s04.texts.ru).toEqual({ text: "NATO officials will meet later on Friday to discuss the situation.", lang: "en", translated: false });
        const s05 = story.segments.find((s) => s.key === "s05")!;
        expect(s05.texts.ru).toMatchObject({ lang: "ru", translated: true });
        // 34 body segments from the seed plus "extra"; s04 (ru) and extra are not approved.
        expect(story.progress.ru).toEqual({ translated: 33, total: 35 });
        expect(story.progress.ar).toEqual({ translated: 34, total: 35 });
      });

      it("lists published stories with the title in the reader's language", async () => {
        const {
          items: [summary],
        } = await listReaderStories(t.db, "tr");
        expect(summary).toMatchObject({ slug: SLUG, title: { lang: "tr", translated: true } });
        expect(summary!.title.text).toContain("İdlib");
      });
    });
  });
}

describe.runIf(!DIALECTS.find((d) => d.name === "postgres")!.available)("PostgreSQL", () => {
  it("suite skipped: set TEST_POSTGRES_URL to run the data layer against PostgreSQL", () => {
    console.warn("PostgreSQL data-layer suite skipped (TEST_POSTGRES_URL is not set).");
  });
});
