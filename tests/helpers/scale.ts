/**
 * A newsroom's worth of stories, built fast through the repository layer's
 * bulk inserts (tests of query counts and plans, `npm run bench -- scale`):
 * NTREX-2019 sentences (the shared corpus when present, else the fixture),
 * 25–40 segments per story, four target languages partly translated and
 * approved, a revision per translation and a memory unit per approval; a
 * published story has a published edition in English and in each language
 * it is approved whole in (what readers see).
 * Deterministic: story n is the same in every build.
 */
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import type { Insertable } from "kysely";
import type { Database, EditionSegmentsTable, EditionsTable, NewDocument, NewSegment, TranslationRevisionRow, TranslationRow, TranslationStatus } from "@/lib/db/schema";
import { hashSource } from "@/features/stories/stories";
import { insertDocuments, insertSegments, insertTranslationsWithRevisions } from "@/features/stories/server/repository";
import { insertTmUnits } from "@/features/tm/server/repository";
import { insertEditionsWithSegments } from "@/features/editions/server/repository";
import { contextHash } from "@/features/tm/score";

const TARGETS = [
  ["tr", "tur"],
  ["ru", "rus"],
  ["ar", "arb"],
  ["ckb", "ckb-Arab"],
] as const;

interface Corpus {
  readonly en: string[];
  readonly targets: Record<string, string[]>;
  /** hashSource() and contextHash() of each English line, computed once. */
  readonly hashes: string[];
  readonly contexts: string[];
}

let corpus: Corpus | undefined;

/** The NTREX sentences: ../shared/corpora/ntrex when present, else tests/fixtures/ntrex. */
export function loadCorpus(): Corpus {
  if (corpus) return corpus;
  const shared = path.resolve(process.cwd(), "../shared/corpora/ntrex");
  const dir = fs.existsSync(path.join(shared, "newstest2019-src.eng.txt")) ? shared : path.resolve(process.cwd(), "tests/fixtures/ntrex");
  const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8").split("\n").filter((l, i, all) => i < all.length - 1 || l !== "");
  const en = read("newstest2019-src.eng.txt");
  const targets = Object.fromEntries(TARGETS.map(([code, file]) => [code, read(`newstest2019-ref.${file}.txt`)]));
  corpus = { en, targets, hashes: en.map(hashSource), contexts: en.map((l) => contextHash(l)) };
  return corpus;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const scaleSlug = (n: number) => `scale-${String(n).padStart(6, "0")}`;
const pad = (n: number) => String(n).padStart(6, "0");
const BASE_TIME = Date.parse("2025-01-01T00:00:00.000Z");

/**
 * Inserts stories number `from` to `to - 1` (one transaction per batch of 250):
 * about 60 % published, the rest drafts; per language a story is approved whole,
 * half done (a mix of statuses), or untouched.
 */
export async function buildStories(db: Kysely<Database>, from: number, to: number, onProgress?: (done: number) => void): Promise<void> {
  const { en, targets, hashes, contexts } = loadCorpus();
  for (let start = from; start < to; start += 250) {
    const end = Math.min(to, start + 250);
    const docs: NewDocument[] = [];
    const segments: NewSegment[] = [];
    const translations: TranslationRow[] = [];
    const revisions: TranslationRevisionRow[] = [];
    const units: Parameters<typeof insertTmUnits>[1][number][] = [];
    const editions: Insertable<EditionsTable>[] = [];
    const editionSegments: Insertable<EditionSegmentsTable>[] = [];
    for (let n = start; n < end; n++) {
      const rnd = random(n + 1);
      const id = `doc_scale_${pad(n)}`;
      const slug = scaleSlug(n);
      // Roughly 130 stories a day, in the order of their numbers.
      const at = new Date(BASE_TIME + n * 660_000).toISOString();
      const count = 25 + Math.floor(rnd() * 16);
      const offset = Math.floor(rnd() * (en.length - count));
      const published = rnd() < 0.6;
      docs.push({ id, slug, title: en[offset]!.slice(0, 200), source_lang: "en", status: published ? "published" : "draft", published_at: published ? at : null, source_updated_at: null, created_at: at, updated_at: at });
      const texts = en.slice(offset, offset + count);
      const publish = (lang: string, title: string, text: (i: number) => string, revision: (i: number) => string | null) => {
        const editionId = `ed_scale_${pad(n)}_${lang}`;
        editions.push({ id: editionId, document_id: id, lang, status: "published", title: title.slice(0, 200), published_at: at, updated_at: null, correction_note: null, published_by: null, version: 1, unpublished_at: null, unpublished_by: null, unpublish_reason: null });
        for (let i = 0; i < count; i++) {
          const rev = revision(i);
          editionSegments.push({ edition_id: editionId, segment_id: `seg_scale_${pad(n)}_${i}`, key: `s${String(i + 1).padStart(2, "0")}`, position: i + 1, kind: i === 0 ? "title" : "paragraph", text: text(i), revision_id: rev, translation_version: rev ? 1 : null, source_hash: hashes[offset + i]! });
        }
      };
      if (published) publish("en", en[offset]!, (i) => texts[i]!, () => null);
      for (let i = 0; i < count; i++) {
        segments.push({ id: `seg_scale_${pad(n)}_${i}`, document_id: id, key: `s${String(i + 1).padStart(2, "0")}`, position: i + 1, kind: i === 0 ? "title" : "paragraph", source_text: texts[i]!, source_hash: hashes[offset + i]!, removed_at: null, created_at: at, updated_at: at });
      }
      for (const [lang] of TARGETS) {
        const state = rnd();
        if (state >= 0.75) continue; // untouched in this language
        const whole = state < 0.4;
        if (whole && published) publish(lang, targets[lang]![offset]!, (i) => targets[lang]![offset + i]!, (i) => `rev_scale_${pad(n)}_${i}_${lang}`);
        for (let i = 0; i < count; i++) {
          let status: TranslationStatus;
          if (whole) status = "approved";
          else {
            const r = rnd();
            if (r < 0.5) continue;
            status = r < 0.7 ? "approved" : r < 0.85 ? "translated" : "draft";
          }
          const segmentId = `seg_scale_${pad(n)}_${i}`;
          const text = targets[lang]![offset + i]!;
          const tid = `tr_scale_${pad(n)}_${i}_${lang}`;
          translations.push({ id: tid, segment_id: segmentId, lang, text, status, version: 1, source_hash: hashes[offset + i]!, updated_by: null, updated_at: at, created_at: at });
          revisions.push({ id: `rev_scale_${pad(n)}_${i}_${lang}`, translation_id: tid, segment_id: segmentId, lang, version: 1, text, status, author_id: null, origin: "import", note: null, created_at: at, text_origin: null, text_origin_detail: null });
          if (status === "approved") {
            units.push({ id: `tmu_scale_${pad(n)}_${i}_${lang}`, source_lang: "en", target_lang: lang, source_text: texts[i]!, target_text: text, context_before: i === 0 ? contextHash(null) : contexts[offset + i - 1]!, context_after: i === count - 1 ? contextHash(null) : contexts[offset + i + 1]!, origin: "workbench", origin_detail: slug, document_id: id, segment_id: segmentId, author: null, created_at: at, updated_at: at });
          }
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertDocuments(trx, docs);
      await insertSegments(trx, segments);
      await insertTranslationsWithRevisions(trx, translations, revisions);
      await insertTmUnits(trx, units);
      await insertEditionsWithSegments(trx, editions, editionSegments);
    });
    onProgress?.(end);
  }
}

const BASE_TABLES = {
  documents: ["doc_scale_", "id, slug, title, source_lang, status, published_at, source_updated_at, created_at, updated_at"],
  segments: ["seg_scale_", "id, document_id, key, position, kind, source_text, source_hash, removed_at, created_at, updated_at"],
  translations: ["tr_scale_", "id, segment_id, lang, text, status, version, source_hash, updated_by, updated_at, created_at"],
  translation_revisions: ["rev_scale_", "id, translation_id, segment_id, lang, version, text, status, author_id, origin, note, created_at, text_origin, text_origin_detail"],
  tm_units: ["tmu_scale_", "id, source_lang, target_lang, source_text, target_text, source_fold, target_fold, context_before, context_after, origin, origin_detail, document_id, segment_id, author, created_at, updated_at, seq, deleted, parent_id, revision_id"],
  editions: ["ed_scale_", "id, document_id, lang, status, title, published_at, updated_at, correction_note, published_by, version, unpublished_at, unpublished_by, unpublish_reason"],
  edition_segments: ["ed_scale_", "edition_id, segment_id, key, position, kind, text, revision_id, translation_version, source_hash"],
} as const;

/**
 * Keeps the stories built by buildStories() (ids `…_scale_…`) aside in
 * `scale_base_*` tables, so that each copyStories() reads a thousand stories
 * instead of scanning tables that grow with every copy. Bench only.
 */
export async function stageBaseStories(db: Kysely<Database>): Promise<void> {
  for (const [table, [prefix, columns]] of Object.entries(BASE_TABLES)) {
    const key = table === "edition_segments" ? "edition_id" : "id";
    await sql`drop table if exists ${sql.table(`scale_base_${table}`)}`.execute(db);
    await sql`create table ${sql.table(`scale_base_${table}`)} as select ${sql.raw(columns)} from ${sql.table(table)} where substr(${sql.ref(key)}, 1, ${prefix.length}) = ${prefix}`.execute(db);
  }
}

/** Drops the tables stageBaseStories() made. */
export async function dropBaseStories(db: Kysely<Database>): Promise<void> {
  for (const table of Object.keys(BASE_TABLES)) await sql`drop table if exists ${sql.table(`scale_base_${table}`)}`.execute(db);
}

/**
 * Copies the staged stories (stageBaseStories) as copy number `copy` (1, 2, …),
 * in SQL, in one transaction: the same texts and statuses under new ids and
 * slugs (`scale<copy>-…`), dated `copy` months later, so a large database
 * builds in minutes. Bench only.
 */
export async function copyStories(db: Kysely<Database>, copy: number): Promise<void> {
  const tag = `_scale${copy}_`;
  const slugTag = `scale${copy}-`;
  const month = new Date(BASE_TIME);
  month.setUTCMonth(month.getUTCMonth() + copy);
  const prefix = month.toISOString().slice(0, 8); // "YYYY-MM-"
  const id = (column: string) => sql`replace(${sql.ref(column)}, '_scale_', ${tag})`;
  const date = (column: string) => sql`${prefix} || substr(${sql.ref(column)}, 9)`;
  await db.transaction().execute(async (trx) => {
    await sql`insert into documents (id, slug, title, source_lang, status, published_at, source_updated_at, created_at, updated_at)
      select ${id("id")}, replace(slug, 'scale-', ${slugTag}), title, source_lang, status,
        case when published_at is null then null else ${date("published_at")} end, null, ${date("created_at")}, ${date("updated_at")}
      from scale_base_documents`.execute(trx);
    await sql`insert into segments (id, document_id, key, position, kind, source_text, source_hash, removed_at, created_at, updated_at)
      select ${id("id")}, ${id("document_id")}, key, position, kind, source_text, source_hash, null, ${date("created_at")}, ${date("updated_at")}
      from scale_base_segments`.execute(trx);
    await sql`insert into translations (id, segment_id, lang, text, status, version, source_hash, updated_by, updated_at, created_at)
      select ${id("id")}, ${id("segment_id")}, lang, text, status, version, source_hash, updated_by, ${date("updated_at")}, ${date("created_at")}
      from scale_base_translations`.execute(trx);
    await sql`insert into translation_revisions (id, translation_id, segment_id, lang, version, text, status, author_id, origin, note, created_at, text_origin, text_origin_detail)
      select ${id("id")}, ${id("translation_id")}, ${id("segment_id")}, lang, version, text, status, author_id, origin, note, ${date("created_at")}, text_origin, text_origin_detail
      from scale_base_translation_revisions`.execute(trx);
    await sql`insert into tm_units (id, source_lang, target_lang, source_text, target_text, source_fold, target_fold, context_before, context_after, origin, origin_detail, document_id, segment_id, author, created_at, updated_at, seq, deleted, parent_id, revision_id)
      select ${id("id")}, source_lang, target_lang, source_text, target_text, source_fold, target_fold, context_before, context_after, origin, replace(origin_detail, 'scale-', ${slugTag}), ${id("document_id")}, ${id("segment_id")}, author, ${date("created_at")}, ${date("updated_at")}, seq, deleted, ${id("parent_id")}, revision_id
      from scale_base_tm_units`.execute(trx);
    await sql`insert into editions (id, document_id, lang, status, title, published_at, updated_at, correction_note, published_by, version, unpublished_at, unpublished_by, unpublish_reason)
      select ${id("id")}, ${id("document_id")}, lang, status, title, ${date("published_at")}, updated_at, correction_note, published_by, version, unpublished_at, unpublished_by, unpublish_reason
      from scale_base_editions`.execute(trx);
    await sql`insert into edition_segments (edition_id, segment_id, key, position, kind, text, revision_id, translation_version, source_hash)
      select ${id("edition_id")}, ${id("segment_id")}, key, position, kind, text, ${id("revision_id")}, translation_version, source_hash
      from scale_base_edition_segments`.execute(trx);
  });
}
