import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { hashSource } from "../stories";
import { type StoryContent } from "./content";
import {
  findDocumentBySlug,
  findTranslation,
  insertDocument,
  insertSegments,
  listSegments,
  saveTranslation,
} from "./repository";

/** Author id recorded on everything the content seed writes. */
export const SEED_AUTHOR = "system:seed";

export interface SeedReport {
  documentsCreated: number;
  segmentsCreated: number;
  translationsCreated: number;
  translationsUpdated: number;
  /** Translations left alone because someone changed them in the app. */
  translationsKept: number;
}

/** Deterministic id for seeded rows, so fixtures and anchors stay stable. */
export const seedSegmentId = (slug: string, key: string) => `seg_${slug}_${key}`;

/**
 * Loads stories into the database. Idempotent: creates what is missing,
 * refreshes seeded translations whose file text changed, and never touches a
 * translation that was last changed by anyone but the seed.
 */
export async function seedStories(db: Kysely<Database>, stories: readonly StoryContent[], now = new Date().toISOString()): Promise<SeedReport> {
  const report: SeedReport = { documentsCreated: 0, segmentsCreated: 0, translationsCreated: 0, translationsUpdated: 0, translationsKept: 0 };
  for (const { source, translations } of stories) {
    let doc = await findDocumentBySlug(db, source.slug);
    if (!doc) {
      const title = source.segments.find((s) => s.kind === "title")?.text ?? source.slug;
      await insertDocument(db, {
        id: `doc_${source.slug}`,
        slug: source.slug,
        title,
        source_lang: source.sourceLang,
        status: "published",
        published_at: new Date(source.publishedAt).toISOString(),
        source_updated_at: null,
        created_at: now,
        updated_at: now,
      });
      doc = (await findDocumentBySlug(db, source.slug))!;
      report.documentsCreated++;
    }
    const existing = new Map((await listSegments(db, doc.id)).map((s) => [s.key, s]));
    const missing = source.segments
      .map((s, i) => ({ ...s, position: i + 1 }))
      .filter((s) => !existing.has(s.key))
      .map((s) => ({
        id: seedSegmentId(source.slug, s.key),
        document_id: doc.id,
        key: s.key,
        position: s.position,
        kind: s.kind,
        source_text: s.text,
        source_hash: hashSource(s.text),
        removed_at: null,
        created_at: now,
        updated_at: now,
      }));
    await insertSegments(db, missing);
    report.segmentsCreated += missing.length;
    const segmentIds = new Map([...existing.values(), ...missing].map((s) => [s.key, s.id]));

    for (const file of translations) {
      for (const [key, text] of Object.entries(file.translations)) {
        const segmentId = segmentIds.get(key)!;
        const current = await findTranslation(db, segmentId, file.lang);
        if (current && current.updated_by !== SEED_AUTHOR) {
          report.translationsKept++;
          continue;
        }
        if (current && current.text === text && current.status === "approved") continue;
        const result = await saveTranslation(db, {
          segmentId,
          lang: file.lang,
          text,
          status: "approved",
          baseVersion: current?.version ?? 0,
          authorId: SEED_AUTHOR,
          origin: "seed",
          now,
        });
        if (result.kind !== "saved") {
          // Someone wrote between our read and our write: theirs wins.
          report.translationsKept++;
          continue;
        }
        if (current) report.translationsUpdated++;
        else report.translationsCreated++;
      }
    }
  }
  return report;
}
