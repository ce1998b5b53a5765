/**
 * The story body as compact data for one client component (StoryText).
 *
 * A server component's output travels twice in a page: as HTML, and as the
 * element tree in the inline RSC payload that hydrates it. The story body is
 * most of a reader page, so it is sent as data instead: each text once, its
 * glossary terms as offsets, and each concept's tooltip card once per page.
 * Tuples rather than objects: the payload repeats a key per row and cell.
 */
import type { SegmentKind } from "@/lib/db/schema";
import { LANGUAGES, getLanguage, type Direction, type LanguageCode } from "@/lib/i18n/languages";
import type { ConceptCard, RecognizedTerm } from "@/features/glossary/server/recognition";
import type { ReaderSegment } from "./server/service";

/** A language shown in the body: code, BCP 47 tag, direction, native name. */
export type TextLanguage = readonly [code: LanguageCode, bcp47: string, dir: Direction, name: string];

/**
 * A text: the published text, and its glossary terms as a flat list of
 * (start, end, card index) triples, UTF-16 offsets as JavaScript's, in order,
 * not overlapping.
 */
export type TextCell = readonly [text: string, terms: readonly number[]];

/** A segment: key, kind, and its text per shown language (in `langs` order; null where that edition has none). */
export type TextRow = readonly [key: string, kind: SegmentKind, cells: readonly (TextCell | null)[]];

/** A concept's tooltip: id, definition (English), its preferred term per language of `StoryTextData.cardLangs` ("" when none). */
export type TextCard = readonly [id: string, definition: string, terms: readonly string[]];

export interface StoryTextData {
  /** The languages of the cells: one (the single-language view), or the parallel view's columns. */
  readonly langs: readonly TextLanguage[];
  readonly rows: readonly TextRow[];
  /** The languages of the cards' terms, in the site's order. */
  readonly cardLangs: readonly TextLanguage[];
  readonly cards: readonly TextCard[];
}

/** Glossary terms found in each shown text, by segment key and language (annotationKey), and the cards of their concepts. */
export interface ReaderAnnotations {
  readonly matches: ReadonlyMap<string, readonly RecognizedTerm[]>;
  readonly concepts: ReadonlyMap<string, ConceptCard>;
}

export const annotationKey = (segmentKey: string, lang: string) => `${segmentKey}|${lang}`;

export function textLanguage(code: LanguageCode): TextLanguage {
  const l = getLanguage(code);
  return [code, l.bcp47, l.dir, l.nativeName];
}

/**
 * The body of a story in `langs` (the title, rendered by the page, left out
 * of the single-language view): segments with text in none of them are
 * skipped; only concepts that are marked somewhere get a card.
 */
export function storyTextData(segments: readonly ReaderSegment[], langs: readonly LanguageCode[], annotations: ReaderAnnotations, { withTitle }: { withTitle: boolean }): StoryTextData {
  const cardIndex = new Map<string, number>();
  const cards: TextCard[] = [];
  const cardLangs = LANGUAGES.map((l) => l.code);
  const indexOf = (conceptId: string) => {
    let i = cardIndex.get(conceptId);
    if (i === undefined) {
      const card = annotations.concepts.get(conceptId)!;
      i = cards.push([card.id, card.definition, cardLangs.map((l) => card.terms[l] ?? "")]) - 1;
      cardIndex.set(conceptId, i);
    }
    return i;
  };
  const rows: TextRow[] = [];
  for (const s of segments) {
    if (!withTitle && s.kind === "title") continue;
    const cells = langs.map((l): TextCell | null => {
      const text = s.texts[l];
      if (!text) return null;
      const terms: number[] = [];
      let at = 0;
      for (const m of annotations.matches.get(annotationKey(s.key, text.lang)) ?? []) {
        if (!annotations.concepts.has(m.conceptId) || m.start < at || m.end <= m.start) continue;
        terms.push(m.start, m.end, indexOf(m.conceptId));
        at = m.end;
      }
      return [text.text, terms];
    });
    if (cells.some((c) => c)) rows.push([s.key, s.kind, cells]);
  }
  // Only the languages some card has a term in.
  const used = cardLangs.map((_, i) => cards.some((c) => c[2][i]));
  return {
    langs: langs.map(textLanguage),
    rows,
    cardLangs: cardLangs.filter((_, i) => used[i]).map(textLanguage),
    cards: cards.map(([id, definition, terms]) => [id, definition, terms.filter((_, i) => used[i])]),
  };
}

/** A text cut at its terms: plain strings, and [term text, card index] pairs. */
export function termParts([text, terms]: TextCell): (string | readonly [term: string, card: number])[] {
  const parts: (string | readonly [string, number])[] = [];
  let at = 0;
  for (let i = 0; i + 2 < terms.length; i += 3) {
    const [start, end, card] = [terms[i]!, terms[i + 1]!, terms[i + 2]!];
    if (start > at) parts.push(text.slice(at, start));
    parts.push([text.slice(start, end), card]);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
