/**
 * A newsroom's worth of stories, built fast through the repository layer's
 * bulk inserts (tests of query counts and plans, `npm run bench -- scale`):
 * NTREX-2019 sentences (the shared corpus when present, else the fixture),
 * 25–40 segments per story, four target languages partly translated and
 * approved, a revision per translation and a memory unit per approval.
 * Deterministic: story n is the same in every build.
 */
import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import type { Database, NewDocument, NewSegment, TranslationRevisionRow, TranslationRow, TranslationStatus } from "@/lib/db/schema";
import { hashSource } from "@/features/stories/stories";
import { insertDocuments, insertSegments, insertTranslationsWithRevisions } from "@/features/stories/server/repository";
import { insertTmUnits } from "@/features/tm/server/repository";
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
      for (let i = 0; i < count; i++) {
        segments.push({ id: `seg_scale_${pad(n)}_${i}`, document_id: id, key: `s${String(i + 1).padStart(2, "0")}`, position: i + 1, kind: i === 0 ? "title" : "paragraph", source_text: texts[i]!, source_hash: hashes[offset + i]!, removed_at: null, created_at: at, updated_at: at });
      }
      for (const [lang] of TARGETS) {
        const state = rnd();
        if (state >= 0.75) continue; // untouched in this language
        const whole = state < 0.4;
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
    });
    onProgress?.(end);
  }
}

/**
 * Copies the stories built so far (ids `…_scale_…`) as copy number `copy` (1, 2, …),
 * in SQL: the same texts and statuses under new ids and slugs (`scale<copy>-…`),
 * dated `copy` months later, so a large database builds in minutes. Bench only.
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
      from documents where substr(id, 1, 10) = 'doc_scale_'`.execute(trx);
    await sql`insert into segments (id, document_id, key, position, kind, source_text, source_hash, removed_at, created_at, updated_at)
      select ${id("id")}, ${id("document_id")}, key, position, kind, source_text, source_hash, null, created_at, updated_at
      from segments where substr(id, 1, 10) = 'seg_scale_'`.execute(trx);
    await sql`insert into translations (id, segment_id, lang, text, status, version, source_hash, updated_by, updated_at, created_at)
      select ${id("id")}, ${id("segment_id")}, lang, text, status, version, source_hash, updated_by, updated_at, created_at
      from translations where substr(id, 1, 9) = 'tr_scale_'`.execute(trx);
    await sql`insert into translation_revisions (id, translation_id, segment_id, lang, version, text, status, author_id, origin, note, created_at, text_origin, text_origin_detail)
      select ${id("id")}, ${id("translation_id")}, ${id("segment_id")}, lang, version, text, status, author_id, origin, note, created_at, text_origin, text_origin_detail
      from translation_revisions where substr(id, 1, 10) = 'rev_scale_'`.execute(trx);
    await sql`insert into tm_units (id, source_lang, target_lang, source_text, target_text, source_fold, target_fold, context_before, context_after, origin, origin_detail, document_id, segment_id, author, created_at, updated_at, seq, deleted)
      select ${id("id")}, source_lang, target_lang, source_text, target_text, source_fold, target_fold, context_before, context_after, origin, replace(origin_detail, 'scale-', ${slugTag}), ${id("document_id")}, ${id("segment_id")}, author, created_at, updated_at, seq, deleted
      from tm_units where substr(id, 1, 10) = 'tmu_scale_'`.execute(trx);
  });
}
