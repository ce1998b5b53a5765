/**
 * Sentence pairs inside a paragraph-sized translation unit, for sentence-level memory
 * (issue 15). Pure: both sides are split with lib/text/sentences.ts and aligned with the
 * project's aligner (features/align); only confident 1-1, 1-2 and 2-1 links are kept, and
 * a link that covers the whole paragraph adds nothing to the paragraph unit itself.
 */
import { alignDocument } from "@/features/align/align";
import { splitSentences, type Sentence } from "@/lib/text/sentences";

/** Lowest link posterior kept. The aligner's review threshold is 0.8; a memory unit is reused without review, so higher. */
export const SENTENCE_LINK_CONFIDENCE = 0.9;
/** Paragraphs longer than this (characters, either side) are not split: bounds the work per approval. */
export const MAX_SPLIT_LENGTH = 20_000;

export interface SentencePair {
  /** Position among the paragraph's sentence pairs. */
  readonly index: number;
  readonly source: string;
  readonly target: string;
}

/** The sentences of a query text (a paragraph), with their UTF-16 offsets. */
export function querySentences(text: string, lang: string): Sentence[] {
  return splitSentences(text, lang);
}

/** The confidently aligned sentence pairs of a paragraph and its translation; empty for a one-sentence paragraph. */
export function sentencePairs(source: string, target: string, sourceLang: string, targetLang: string, minConfidence = SENTENCE_LINK_CONFIDENCE): SentencePair[] {
  if (source.length > MAX_SPLIT_LENGTH || target.length > MAX_SPLIT_LENGTH) return [];
  // One paragraph on each side: line breaks inside a unit are not paragraph breaks here.
  const flatTarget = target.replace(/\s*\n\s*/g, " ");
  const flatSource = source.replace(/\s*\n\s*/g, " ");
  if (splitSentences(flatSource, sourceLang).length < 2 && splitSentences(flatTarget, targetLang).length < 2) return [];
  const a = alignDocument([flatSource], flatTarget, { sourceLang, targetLang });
  const sourceCount = a.sourceSentences.length;
  const targetCount = a.targetSentences.length;
  const out: SentencePair[] = [];
  for (const l of a.sentenceLinks) {
    if (l.type !== "1-1" && l.type !== "1-2" && l.type !== "2-1") continue;
    if (l.confidence < minConfidence) continue;
    if (l.source.length === sourceCount && l.target.length === targetCount) continue;
    const s0 = a.sourceSentences[l.source[0]!]!;
    const s1 = a.sourceSentences[l.source[l.source.length - 1]!]!;
    const t0 = a.targetSentences[l.target[0]!]!;
    const t1 = a.targetSentences[l.target[l.target.length - 1]!]!;
    const src = flatSource.slice(s0.start, s1.end).trim();
    const tgt = a.targetText.slice(t0.start, t1.end).trim();
    if (src && tgt) out.push({ index: out.length, source: src, target: tgt });
  }
  return out;
}
