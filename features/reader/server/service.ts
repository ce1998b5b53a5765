import "server-only";
import type { Kysely } from "kysely";
import type { Database, SegmentKind } from "@/lib/db/schema";
import { LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { PUBLISHABLE_STATUSES, isBodyKind, isOutdated } from "@/features/stories/stories";
import { findDocumentBySlug, listSegments, listTranslations } from "@/features/stories/server/repository";
import type { Page, PageRequest } from "@/lib/db/keyset";
import { listReaderDocuments, readerProgress } from "./repository";

/** Stories on one page of the reader's list. */
export const READER_PAGE_SIZE = 20;

/** One cell of the reader: the text shown for a segment in one language. */
export interface ReaderText {
  readonly text: string;
  /** Language the text is actually in (the source language when untranslated). */
  readonly lang: LanguageCode;
  readonly translated: boolean;
}

export interface ReaderSegment {
  readonly key: string;
  readonly kind: SegmentKind;
  readonly texts: Readonly<Record<string, ReaderText>>;
}

export interface ReaderStory {
  readonly slug: string;
  readonly publishedAt: string | null;
  /** When a source update last changed the story (null when it never did). */
  readonly sourceUpdatedAt: string | null;
  readonly sourceLang: LanguageCode;
  readonly segments: readonly ReaderSegment[];
  /** Per language: approved body segments and all body segments. */
  readonly progress: Readonly<Record<string, { translated: number; total: number }>>;
}

/**
 * A published story with the approved text of each segment in each of `langs`
 * (the source text, marked untranslated, where no approved translation exists).
 */
export async function getReaderStory(db: Kysely<Database>, slug: string, langs: readonly LanguageCode[]): Promise<ReaderStory | undefined> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc || doc.status !== "published") return undefined;
  const sourceLang = doc.source_lang as LanguageCode;
  const targetLangs = [...new Set(langs)].filter((l) => l !== sourceLang);
  const [segments, translations] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, LANGUAGE_CODES)]);

  // A translation made against an earlier source (a source update changed the segment) is not shown.
  const hashes = new Map(segments.map((s) => [s.id, s.source_hash]));
  const approved = new Map<string, string>();
  for (const t of translations) {
    if (PUBLISHABLE_STATUSES.includes(t.status) && !isOutdated(t.source_hash, hashes.get(t.segment_id) ?? t.source_hash)) approved.set(`${t.segment_id}\u0000${t.lang}`, t.text);
  }

  const progress: Record<string, { translated: number; total: number }> = {};
  const body = segments.filter((s) => isBodyKind(s.kind));
  for (const lang of LANGUAGE_CODES) {
    if (lang === sourceLang) continue;
    progress[lang] = { translated: body.filter((s) => approved.has(`${s.id}\u0000${lang}`)).length, total: body.length };
  }

  return {
    slug: doc.slug,
    publishedAt: doc.published_at,
    sourceUpdatedAt: doc.source_updated_at,
    sourceLang,
    progress,
    segments: segments.map((s) => {
      const texts: Record<string, ReaderText> = { [sourceLang]: { text: s.source_text, lang: sourceLang, translated: true } };
      for (const lang of targetLangs) {
        const text = approved.get(`${s.id}\u0000${lang}`);
        texts[lang] = text === undefined ? { text: s.source_text, lang: sourceLang, translated: false } : { text, lang, translated: true };
      }
      return { key: s.key, kind: s.kind, texts };
    }),
  };
}

export interface StorySummary {
  readonly slug: string;
  readonly title: ReaderText;
  readonly publishedAt: string | null;
  readonly translated: number;
  readonly total: number;
}

/** One page of the stories a reader of `lang` sees (newest first), with their title and progress in `lang`: two queries per page. */
export async function listReaderStories(db: Kysely<Database>, lang: LanguageCode, request: PageRequest = { limit: READER_PAGE_SIZE }): Promise<Page<StorySummary>> {
  const page = await listReaderDocuments(db, lang, request);
  const progress = await readerProgress(db, page.items.map((d) => d.id), lang);
  return {
    ...page,
    items: page.items.map((doc) => {
      const p = progress.get(doc.id);
      const isSource = lang === doc.source_lang;
      const titleText = p?.title ?? null;
      const total = p?.total ?? 0;
      return {
        slug: doc.slug,
        publishedAt: doc.published_at,
        title: isSource || titleText === null ? { text: doc.title, lang: doc.source_lang as LanguageCode, translated: isSource } : { text: titleText, lang, translated: true },
        translated: isSource ? total : (p?.translated ?? 0),
        total,
      };
    }),
  };
}
