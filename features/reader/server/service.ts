import "server-only";
import type { Kysely } from "kysely";
import type { Database, SegmentKind } from "@/lib/db/schema";
import { LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { listEditionSegments, listEditions } from "@/features/editions/server/repository";
import type { Page, PageRequest } from "@/lib/db/keyset";
import { listReaderDocuments } from "./repository";

/** One cell of the reader: a segment's published text in one language. */
export interface ReaderText {
  readonly text: string;
  readonly lang: LanguageCode;
}

export interface ReaderSegment {
  readonly key: string;
  readonly kind: SegmentKind;
  /** The published text per language (absent where that edition's snapshot has no such segment). */
  readonly texts: Readonly<Partial<Record<LanguageCode, ReaderText>>>;
}

/** A published edition as the reader shows it. */
export interface ReaderEdition {
  readonly lang: LanguageCode;
  readonly title: string;
  readonly publishedAt: string;
  /** Last published update (null when none). */
  readonly updatedAt: string | null;
  readonly correctionNote: string | null;
}

export interface ReaderStory {
  readonly slug: string;
  readonly sourceLang: LanguageCode;
  /** Every published edition of the story, in the language table's order. */
  readonly editions: readonly ReaderEdition[];
  /** The segments of the requested published editions, in reading order. */
  readonly segments: readonly ReaderSegment[];
}

/**
 * A story as published: its published editions, and the snapshots of those
 * among `langs`. Undefined when the story has no published edition at all.
 * Live translations never reach the reader; only published snapshots do.
 */
export async function getReaderStory(db: Kysely<Database>, slug: string, langs: readonly LanguageCode[]): Promise<ReaderStory | undefined> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc || doc.status === "archived") return undefined;
  const published = (await listEditions(db, doc.id)).filter((e) => e.status === "published");
  if (published.length === 0) return undefined;
  const byLang = new Map(published.map((e) => [e.lang, e]));
  const shown = [...new Set(langs)].map((l) => byLang.get(l)).filter((e) => e !== undefined);
  const rows = await listEditionSegments(db, shown.map((e) => e.id));
  const langOf = new Map(shown.map((e) => [e.id, e.lang as LanguageCode]));

  // Editions published before and after a source update may differ in segments: rows are their union by segment.
  const segments = new Map<string, { key: string; kind: SegmentKind; position: number; texts: Partial<Record<LanguageCode, ReaderText>> }>();
  for (const r of rows) {
    const lang = langOf.get(r.edition_id)!;
    const row = segments.get(r.segment_id) ?? { key: r.key, kind: r.kind, position: r.position, texts: {} };
    row.texts[lang] = { text: r.text, lang };
    if (lang === doc.source_lang) Object.assign(row, { key: r.key, kind: r.kind, position: r.position });
    segments.set(r.segment_id, row);
  }

  return {
    slug: doc.slug,
    sourceLang: doc.source_lang as LanguageCode,
    editions: LANGUAGE_CODES.filter((l) => byLang.has(l)).map((l) => {
      const e = byLang.get(l)!;
      return { lang: l, title: e.title, publishedAt: e.published_at, updatedAt: e.updated_at, correctionNote: e.correction_note };
    }),
    segments: [...segments.values()].sort((a, b) => a.position - b.position).map(({ key, kind, texts }) => ({ key, kind, texts })),
  };
}

export interface StorySummary {
  readonly slug: string;
  readonly title: ReaderText;
  readonly publishedAt: string;
  readonly updatedAt: string | null;
}

/** Stories on one page of the reader's list. */
export const READER_PAGE_SIZE = 20;

/** One page of the stories with a published edition in `lang` (newest first), with that edition's title: one query per page. */
export async function listReaderStories(db: Kysely<Database>, lang: LanguageCode, request: PageRequest = { limit: READER_PAGE_SIZE }): Promise<Page<StorySummary>> {
  const page = await listReaderDocuments(db, lang, request);
  return { ...page, items: page.items.map((r) => ({ slug: r.slug, title: { text: r.title, lang }, publishedAt: r.published_at, updatedAt: r.updated_at })) };
}
