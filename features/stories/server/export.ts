import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { ApiError } from "@/lib/api/errors";
import { LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { serializeTmx } from "@/features/tm/tmx";
import { PUBLISHABLE_STATUSES, isOutdated } from "../stories";
import { storyToHtml, storyToMarkdown, type ExportStory } from "../export";
import { findDocumentBySlug, listSegments, listTranslations } from "./repository";

/** The story in `lang`: approved translations, the source text (marked) elsewhere. */
export async function storyForExport(db: Kysely<Database>, slug: string, lang: LanguageCode): Promise<ExportStory> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  const sourceLang = doc.source_lang as LanguageCode;
  const [segments, translations] = await Promise.all([listSegments(db, doc.id), lang === sourceLang ? Promise.resolve([]) : listTranslations(db, doc.id, [lang])]);
  const approved = new Map(translations.filter((t) => PUBLISHABLE_STATUSES.includes(t.status)).map((t) => [t.segment_id, t.text]));
  return {
    slug: doc.slug,
    lang,
    sourceLang,
    publishedAt: doc.published_at,
    sourceUpdatedAt: doc.source_updated_at,
    segments: segments.map((s) => {
      const text = lang === sourceLang ? s.source_text : approved.get(s.id);
      return text === undefined ? { key: s.key, kind: s.kind, text: s.source_text, lang: sourceLang, translated: false } : { key: s.key, kind: s.kind, text, lang, translated: true };
    }),
  };
}

export async function exportStory(db: Kysely<Database>, slug: string, lang: LanguageCode, format: "html" | "md"): Promise<string> {
  const story = await storyForExport(db, slug, lang);
  return format === "html" ? storyToHtml(story) : storyToMarkdown(story);
}

/** The whole document as one multilingual TMX: a <tu> per segment (tuid = segment key) with the source and every approved translation. */
export async function exportDocumentTmx(db: Kysely<Database>, slug: string): Promise<string> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  const targets = LANGUAGE_CODES.filter((l) => l !== doc.source_lang);
  const [segments, translations] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, targets)]);
  const bySegment = new Map<string, typeof translations>();
  for (const t of translations) if (PUBLISHABLE_STATUSES.includes(t.status)) bySegment.set(t.segment_id, [...(bySegment.get(t.segment_id) ?? []), t]);
  const units = segments.map((s) => ({
    tuid: s.key,
    srcLang: doc.source_lang,
    props: [
      { type: "x-document", value: doc.slug },
      { type: "x-segment-kind", value: s.kind },
    ],
    notes: [],
    variants: [
      { lang: doc.source_lang, text: s.source_text },
      ...(bySegment.get(s.id) ?? [])
        .sort((a, b) => targets.indexOf(a.lang as never) - targets.indexOf(b.lang as never))
        .map((t) => ({
          lang: t.lang,
          text: t.text,
          changedate: new Date(t.updated_at).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""),
          ...(t.updated_by ? { changeid: t.updated_by } : {}),
          props: isOutdated(t.source_hash, s.source_hash) ? [{ type: "x-outdated", value: "true" }] : [],
        })),
    ],
  }));
  return [...serializeTmx(units, { srclang: doc.source_lang, segtype: "paragraph" })].join("");
}
