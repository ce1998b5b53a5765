/** Word-level diff between two versions of a text, segmented by Intl for the text's language. */
import { diffWords } from "diff";

export interface DiffPart {
  readonly value: string;
  readonly added: boolean;
  readonly removed: boolean;
}

export function wordDiff(before: string, after: string, lang: string): DiffPart[] {
  let segmenter: Intl.Segmenter | undefined;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity: "word" });
  } catch {
    segmenter = undefined;
  }
  return diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {}).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}
