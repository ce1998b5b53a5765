import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import type { Database, TranslationStatus } from "@/lib/db/schema";
import { countSegments, countTranslationsByStatus, insertDocument, insertSegments, insertTranslationsWithRevisions, saveTranslation, findTranslation } from "@/features/stories/server/repository";
import { applySourceUpdate } from "@/features/documents/server/service";
import { listWorkbenchDocumentRows } from "@/features/workbench/server/repository";
import { hashSource } from "@/features/stories/stories";
import type { Principal } from "@/features/auth/permissions";
import { migrateToLatest } from "@/lib/db/migrate";
import { rng } from "@/lib/random";

// The stored progress (document_progress, document_segment_counts) is kept by
// database triggers: after every write, whatever wrote it, it must equal the counts
// recomputed from the rows.

const admin: Principal = { kind: "user", userId: "u_admin", name: "A", username: "a", email: "a@example.org", isAdmin: true, grants: [] };
const LANGS = ["tr", "ru", "ar"];
const STATUSES: TranslationStatus[] = ["draft", "translated", "approved"];
const WORDS = ["storm", "river", "council", "market", "school", "bridge", "harvest", "election", "border", "hospital"];

/** The counts as countTranslationsByStatus computed them from rows before the stored progress. */
async function fromRows(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("segments")
    .innerJoin("translations", "translations.segment_id", "segments.id")
    .select(["segments.document_id as documentId", "translations.lang as lang", "translations.status as status"])
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .select(sql<number>`sum(case when translations.source_hash = segments.source_hash then 0 else 1 end)`.as("outdated"))
    .where("segments.removed_at", "is", null)
    .groupBy(["segments.document_id", "translations.lang", "translations.status"])
    .execute();
  const segments = await db.selectFrom("segments").select("document_id").select((eb) => eb.fn.countAll<number>().as("n")).where("removed_at", "is", null).groupBy("document_id").execute();
  return {
    counts: rows.map((r) => `${r.documentId} ${r.lang} ${r.status} ${Number(r.count)} ${Number(r.outdated)}`).sort(),
    segments: segments.map((r) => `${r.document_id} ${Number(r.n)}`).sort(),
  };
}

/** The stored progress, every document, through the functions the list reads it with. */
async function stored(db: Kysely<Database>) {
  const ids = (await db.selectFrom("documents").select("id").execute()).map((r) => r.id);
  const counts = await countTranslationsByStatus(db, ids);
  const segments = await countSegments(db, ids);
  return {
    counts: counts.map((r) => `${r.documentId} ${r.lang} ${r.status} ${r.count} ${r.outdated}`).sort(),
    segments: [...segments].map(([id, n]) => `${id} ${n}`).sort(),
  };
}

/** Documents needing work in `langs` computed from rows: some current segment without an approved, current translation in one of them. */
async function needsWorkFromRows(db: Kysely<Database>, langs: readonly string[]): Promise<string[]> {
  const segments = await db.selectFrom("segments").select(["id", "document_id", "source_hash"]).where("removed_at", "is", null).execute();
  const approved = new Set((await db.selectFrom("translations").select(["segment_id", "lang", "source_hash"]).where("status", "=", "approved").execute()).map((t) => `${t.segment_id} ${t.lang} ${t.source_hash}`));
  const docs = new Set(segments.filter((s) => langs.some((l) => !approved.has(`${s.id} ${l} ${s.source_hash}`))).map((s) => s.document_id));
  return [...docs].sort();
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`stored progress on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("equals the counts from rows after every write of a random sequence (saves, approvals, source changes, removals, re-imports, deletes)", async () => {
      const db = t.db;
      const random = rng(1217);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const sentence = () => `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${Math.floor(random() * 4)}.`;
      let docCount = 0;
      let step = 0;
      let sawOutdated = false;

      const newDocument = async () => {
        const n = docCount++;
        const id = `doc_p${n}`;
        const now = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
        await insertDocument(db, { id, slug: `progress-${n}`, title: `Story ${n}`, source_lang: "en", status: "draft", published_at: null, source_updated_at: null, created_at: now, updated_at: now });
        const texts = [`Story ${n}`, ...Array.from({ length: 2 + Math.floor(random() * 4) }, sentence)];
        await insertSegments(db, texts.map((text, i) => ({ id: `seg_p${n}_${i}`, document_id: id, key: `k${i}`, position: i + 1, kind: i === 0 ? ("title" as const) : ("paragraph" as const), source_text: text, source_hash: hashSource(text), removed_at: null, created_at: now, updated_at: now })));
      };
      const documents = async () => db.selectFrom("documents").select(["id", "slug"]).orderBy("id").execute();
      const currentSegments = async () => db.selectFrom("segments").select(["id", "document_id", "source_text", "kind"]).where("removed_at", "is", null).orderBy("id").execute();

      const save = async (status: TranslationStatus) => {
        const segment = pick(await currentSegments());
        if (!segment) return;
        const lang = pick(LANGS);
        const existing = await findTranslation(db, segment.id, lang);
        const r = await saveTranslation(db, { segmentId: segment.id, lang, text: `${lang}: ${segment.source_text} ${random()}`, status, baseVersion: existing?.version ?? 0, authorId: null, origin: "test" });
        expect(r.kind).toBe("saved");
      };
      const writes: [string, () => Promise<void>][] = [
        ["new document", newDocument],
        ["save a draft", () => save("draft")],
        ["save as translated", () => save("translated")],
        ["approve", () => save("approved")],
        ["approve (again)", () => save("approved")],
        [
          "source update (change, remove, add)",
          async () => {
            const doc = pick(await documents());
            if (!doc) return;
            const segments = await db.selectFrom("segments").select(["source_text", "kind"]).where("document_id", "=", doc.id).where("removed_at", "is", null).orderBy("position").execute();
            const next = segments.flatMap((s, i) => (i > 0 && random() < 0.25 ? [] : [{ kind: i === 0 ? s.kind : ("paragraph" as const), text: i > 0 && random() < 0.3 ? sentence() : s.source_text }]));
            if (random() < 0.5 || next.length === 0) next.push({ kind: "paragraph", text: sentence() });
            await applySourceUpdate(db, doc.slug, next, { principal: admin });
          },
        ],
        [
          "re-import the same source (a removed paragraph comes back)",
          async () => {
            const removed = await db.selectFrom("segments").select(["id", "document_id"]).where("removed_at", "is not", null).executeTakeFirst();
            if (!removed) return;
            await db.updateTable("segments").set({ removed_at: null }).where("id", "=", removed.id).execute();
          },
        ],
        [
          "bulk insert of translations",
          async () => {
            const segments = (await currentSegments()).slice(0, 6);
            const lang = pick(LANGS);
            const existing = new Set((await db.selectFrom("translations").select("segment_id").where("lang", "=", lang).execute()).map((r) => r.segment_id));
            const now = new Date().toISOString();
            const rows = segments.filter((s) => !existing.has(s.id)).map((s, i) => ({ id: `tr_bulk_${docCount}_${lang}_${i}_${Math.floor(random() * 1e9)}`, segment_id: s.id, lang, text: "x", status: pick(STATUSES), version: 1, source_hash: random() < 0.2 ? "stale" : hashSource(s.source_text), updated_by: null, updated_at: now, created_at: now }));
            await insertTranslationsWithRevisions(db, rows, []);
          },
        ],
        [
          "delete a translation",
          async () => {
            const tr = await db.selectFrom("translations").select("id").orderBy("id").limit(1).offset(Math.floor(random() * 5)).executeTakeFirst();
            if (tr) await db.deleteFrom("translations").where("id", "=", tr.id).execute();
          },
        ],
        [
          "delete a segment",
          async () => {
            const segment = pick(await db.selectFrom("segments").select("id").orderBy("id").execute());
            if (segment) await db.deleteFrom("segments").where("id", "=", segment.id).execute();
          },
        ],
        [
          "move a segment to another document",
          async () => {
            const docs = await documents();
            const segment = pick(await currentSegments());
            if (segment && docs.length > 1) await db.updateTable("segments").set({ document_id: pick(docs.filter((d) => d.id !== segment.document_id)).id, key: `moved_${segment.id}`, kind: "paragraph", position: 1000 + step }).where("id", "=", segment.id).execute();
          },
        ],
        [
          "delete a document",
          async () => {
            const docs = await documents();
            if (docs.length > 3) await db.deleteFrom("documents").where("id", "=", pick(docs).id).execute();
          },
        ],
      ];

      for (let i = 0; i < 4; i++) await newDocument();
      for (step = 0; step < 160; step++) {
        const [name, write] = step % 5 === 0 ? writes[0]! : pick(writes);
        await write();
        const expected = await fromRows(db);
        expect(await stored(db), `after step ${step}: ${name}`).toEqual(expected);
        sawOutdated ||= expected.counts.some((c) => !c.endsWith(" 0"));
      }
      // The sequence did make translations outdated, and removed segments.
      expect(sawOutdated).toBe(true);
      expect(await db.selectFrom("segments").select("id").where("removed_at", "is not", null).execute()).not.toEqual([]);
      // A deleted document leaves no stored rows behind.
      expect(docCount).toBeGreaterThan((await documents()).length);
      const orphans = (table: "document_progress" | "document_segment_counts") => db.selectFrom(table).select("document_id").where("document_id", "not in", db.selectFrom("documents").select("id")).execute();
      expect(await orphans("document_progress")).toEqual([]);
      expect(await orphans("document_segment_counts")).toEqual([]);
      // The needs-work filter agrees with the rows too.
      for (const langs of [["tr"], ["ru", "ar"], LANGS]) {
        const page = await listWorkbenchDocumentRows(db, { sort: "title", progress: "needs_work", langs }, { limit: 1000 });
        const complete = await listWorkbenchDocumentRows(db, { sort: "title", progress: "complete", langs }, { limit: 1000 });
        const expected = await needsWorkFromRows(db, langs);
        expect(page.items.map((d) => d.id).sort()).toEqual(expected);
        expect(complete.items.length + page.items.length).toBe((await documents()).length);
      }
    }, 120_000);

    it("is filled from the existing rows when the migration runs on a database that has data", async () => {
      const db = t.db;
      const before = await fromRows(db);
      expect(before.counts.length).toBeGreaterThan(0);
      // Undo the migration, write without the triggers, and migrate again.
      const { down, up } = await import("@/lib/db/migrations/2026-12-08T1700-document-progress");
      await down(db);
      await db.updateTable("translations").set({ status: "approved" }).where("lang", "=", "tr").execute();
      await up(db);
      expect(await stored(db)).toEqual(await fromRows(db));
      await migrateToLatest(db);
    });
  });
}
