import "server-only";
import type { Kysely } from "kysely";
import { ApiError } from "@/lib/api/errors";
import type { Database, TranslationRow } from "@/lib/db/schema";
import { findDocumentBySlug, listSegments, listTranslations, saveTranslation } from "@/features/stories/server/repository";
import { recognizeTerms } from "@/features/glossary/server/recognition";
import { insertTmUnits } from "@/features/tm/server/repository";
import { contextHash } from "@/features/tm/score";
import { newId } from "@/features/stories/stories";
import { defineJob, runJob } from "@/lib/worker/pool";
import { splitForAlignment } from "../align";
import type * as AlignJob from "../job";
import type { AlignApplyInput, AlignApplyReport, AlignPreview } from "../schemas";

const alignJob = defineJob<typeof AlignJob.alignJob>("features/align/job.ts", "alignJob");

/**
 * Glossary concepts of many short texts with one recognizer pass per language: the distinct
 * texts are joined with blank lines and each match goes to the text it starts in. (Each text
 * once: a sentence repeated a thousand times must not collect the concepts of all its copies.)
 */
export async function conceptsOfTexts(db: Kysely<Database>, lang: string, all: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const texts = [...new Set(all)];
  if (texts.length === 0) return out;
  const starts: number[] = [];
  let joined = "";
  for (const t of texts) {
    if (joined) joined += "\n\n";
    starts.push(joined.length);
    joined += t;
  }
  const matches = await recognizeTerms(db, lang, joined, false);
  let k = 0;
  for (const m of matches) {
    while (k + 1 < starts.length && starts[k + 1]! <= m.start) k++;
    const text = texts[k]!;
    const list = out.get(text) ?? [];
    list.push(m.conceptId);
    out.set(text, list);
  }
  return out;
}

async function loadDocument(db: Kysely<Database>, slug: string, lang: string) {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  if (lang === doc.source_lang) throw new ApiError("validation_failed", "The source language is not translated.");
  const [segments, translations] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, [lang])]);
  return { doc, segments, bySegment: new Map(translations.map((t) => [t.segment_id, t])) };
}

/** Aligns a pasted translation with the document's segments: the proposal a translator corrects. */
export async function previewAlignment(db: Kysely<Database>, slug: string, lang: string, text: string, options: { signal?: AbortSignal } = {}): Promise<AlignPreview> {
  const { doc, segments, bySegment } = await loadDocument(db, slug, lang);
  const sources = segments.map((s) => s.source_text);
  // Glossary concepts of every sentence on both sides, for the anchor scores.
  const split = splitForAlignment(sources, text, doc.source_lang, lang);
  const [sourceConcepts, targetConcepts] = await Promise.all([
    conceptsOfTexts(db, doc.source_lang, split.sourceSentences.map((s) => s.text)),
    conceptsOfTexts(db, lang, split.targetSentences.map((s) => s.text)),
  ]);
  // The alignment itself runs in a worker thread, within its time budget (lib/worker).
  const alignment = await runJob(alignJob, { sources, text, sourceLang: doc.source_lang, targetLang: lang, sourceConcepts, targetConcepts }, { signal: options.signal });

  // Each unaligned sentence follows the last segment that received an earlier sentence.
  const lastSegmentBefore = (sentence: number): string | null => {
    let key: string | null = null;
    for (const s of alignment.segments) if (s.sentences.length && s.sentences[0]! < sentence) key = segments[s.segment]!.key;
    return key;
  };
  const links: Record<string, number> = {};
  for (const l of alignment.sentenceLinks) links[l.type] = (links[l.type] ?? 0) + 1;
  return {
    document: { slug: doc.slug, title: doc.title, sourceLang: doc.source_lang },
    lang,
    segments: alignment.segments.map((a) => {
      const seg = segments[a.segment]!;
      const current = bySegment.get(seg.id);
      return {
        key: seg.key,
        position: seg.position,
        kind: seg.kind,
        source: seg.source_text,
        target: a.text,
        sentences: a.sentences.map((k) => alignment.targetSentences[k]!.text),
        type: a.type === "0-1" ? "1-0" : a.type,
        confidence: Number(a.confidence.toFixed(4)),
        current: current ? { text: current.text, status: current.status, version: current.version } : null,
        baseVersion: current?.version ?? 0,
      };
    }),
    unaligned: alignment.unaligned.map((k) => ({ text: alignment.targetSentences[k]!.text, afterKey: lastSegmentBefore(k) })),
    stats: {
      targetParagraphs: alignment.targetParagraphs.length,
      targetSentences: alignment.targetSentences.length,
      sourceSentences: alignment.sourceSentences.length,
      links,
    },
  };
}

/**
 * Stores a corrected alignment, all or nothing, in one transaction: each text as the segment's
 * translation (status draft, on top of the version the preview showed: a translation changed since
 * then fails the whole request with 409) and/or as a memory unit (origin "alignment", with the
 * segment's context hashes). Returns the report and the saved translations (to announce).
 */
export async function applyAlignment(db: Kysely<Database>, slug: string, input: AlignApplyInput, authorId: string): Promise<{ report: AlignApplyReport; saved: TranslationRow[] }> {
  const { doc, segments } = await loadDocument(db, slug, input.lang);
  const byKey = new Map(segments.map((s) => [s.key, { segment: s }]));
  const byPosition = new Map(segments.map((s) => [s.position, s]));
  const unknown = input.links.filter((l) => !byKey.has(l.segmentKey)).map((l) => l.segmentKey);
  if (unknown.length) throw new ApiError("validation_failed", `No such segment in this document: ${unknown.slice(0, 10).join(", ")}.`, { unknown });
  const toTranslation = input.store !== "memory";
  const toMemory = input.store !== "translation";
  const now = new Date().toISOString();

  return db.transaction().execute(async (trx) => {
    const report: AlignApplyReport = {
      lang: input.lang,
      store: input.store,
      translations: { saved: 0, unchanged: 0, skipped: 0 },
      memory: { added: 0, duplicates: 0, skipped: 0 },
      segments: [],
    };
    const saved: TranslationRow[] = [];
    const conflicts: { segmentKey: string; baseVersion: number; current: { text: string; status: string; version: number } | null }[] = [];

    // Memory units already there (same pair, same source and target) are not added twice.
    const known = new Set<string>();
    if (toMemory) {
      const sourcesWanted = [...new Set(input.links.map((l) => byKey.get(l.segmentKey)!.segment.source_text))];
      for (let k = 0; k < sourcesWanted.length; k += 500) {
        const rows = await trx
          .selectFrom("tm_units")
          .select(["source_text", "target_text"])
          .where("source_lang", "=", doc.source_lang)
          .where("target_lang", "=", input.lang)
          .where("deleted", "=", 0)
          .where("source_text", "in", sourcesWanted.slice(k, k + 500))
          .execute();
        for (const r of rows) known.add(`${r.source_text}\u0000${r.target_text}`);
      }
    }
    const units: Parameters<typeof insertTmUnits>[1][number][] = [];

    for (const link of input.links) {
      const { segment } = byKey.get(link.segmentKey)!;
      const text = link.text.trim();
      const entry: AlignApplyReport["segments"][number] = { segmentKey: link.segmentKey, translation: null, version: null, memory: null };
      if (toTranslation) {
        if (!text) {
          entry.translation = "skipped";
          report.translations.skipped++;
        } else {
          const current = await trx.selectFrom("translations").selectAll().where("segment_id", "=", segment.id).where("lang", "=", input.lang).executeTakeFirst();
          if ((current?.version ?? 0) !== link.baseVersion) {
            conflicts.push({ segmentKey: link.segmentKey, baseVersion: link.baseVersion!, current: current ? { text: current.text, status: current.status, version: current.version } : null });
          } else if (current && current.text === text) {
            // The same text is there already (perhaps approved): nothing to change.
            entry.translation = "unchanged";
            entry.version = current.version;
            report.translations.unchanged++;
          } else {
            const result = await saveTranslation(trx, { segmentId: segment.id, lang: input.lang, text, status: "draft", baseVersion: link.baseVersion!, authorId, origin: "alignment", now });
            if (result.kind !== "saved") {
              conflicts.push({ segmentKey: link.segmentKey, baseVersion: link.baseVersion!, current: result.kind === "conflict" && result.current ? { text: result.current.text, status: result.current.status, version: result.current.version } : null });
            } else {
              entry.translation = "saved";
              entry.version = result.translation.version;
              report.translations.saved++;
              saved.push(result.translation);
            }
          }
        }
      }
      if (toMemory) {
        const key = `${segment.source_text}\u0000${text}`;
        if (!text) {
          entry.memory = "skipped";
          report.memory.skipped++;
        } else if (known.has(key)) {
          entry.memory = "duplicate";
          report.memory.duplicates++;
        } else {
          known.add(key);
          entry.memory = "added";
          report.memory.added++;
          units.push({
            id: newId("tmu"),
            source_lang: doc.source_lang,
            target_lang: input.lang,
            source_text: segment.source_text,
            target_text: text,
            // The neighbours by position, as syncSegmentUnit computes them ("^" at the edges).
            context_before: contextHash(byPosition.get(segment.position - 1)?.source_text),
            context_after: contextHash(byPosition.get(segment.position + 1)?.source_text),
            origin: "alignment",
            origin_detail: doc.slug,
            document_id: doc.id,
            // Not the segment's own approved unit (syncSegmentUnit keys those by segment_id).
            segment_id: null,
            author: authorId,
            created_at: now,
            updated_at: now,
          });
        }
      }
      report.segments.push(entry);
    }
    if (conflicts.length) {
      // Throwing rolls back everything written above.
      throw new ApiError("version_conflict", `${conflicts.length} translation(s) changed since the alignment was proposed; nothing was stored. Align again to see the current texts.`, { conflicts });
    }
    await insertTmUnits(trx, units);
    return { report, saved };
  });
}
