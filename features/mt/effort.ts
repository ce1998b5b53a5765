/**
 * Post-editing effort: how much of a suggestion a translator changed before
 * confirming it, as the character edit distance and that distance per
 * thousand characters (Matecat's "post-editing effort"). Bounded: beyond
 * MAX_EDIT changed characters the text counts as rewritten. Pure.
 */
import { diffChars } from "diff";

export const MAX_EDIT = 2_000;

export function editDistance(suggestion: string, final: string): number {
  if (suggestion === final) return 0;
  const changes = diffChars(suggestion, final, { maxEditLength: MAX_EDIT });
  if (!changes) return Math.max(suggestion.length, final.length);
  let distance = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (!c.added && !c.removed) continue;
    const next = changes[i + 1];
    // A removal followed by an insertion is a substitution of the longer run's length.
    if (c.removed && next?.added) {
      distance += Math.max(c.value.length, next.value.length);
      i++;
    } else distance += c.value.length;
  }
  return distance;
}

/** Edit distance per thousand characters of the longer text (0 = used as is, 1000 = rewritten). */
export function effortPermille(suggestion: string, final: string): number {
  const longest = Math.max(suggestion.length, final.length);
  return longest === 0 ? 0 : Math.min(1000, Math.round((editDistance(suggestion, final) * 1000) / longest));
}
