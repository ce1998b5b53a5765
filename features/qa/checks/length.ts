/** [length_ratio]: a target far longer or shorter than translations into its language usually are. */
import { at, type CheckContext, type Finding } from "./context";
import { codePointLength } from "../text";
import { findLanguage, type LengthRatio } from "@/lib/i18n/languages";

export type { LengthRatio };

/** Segments whose source is shorter than this are not checked (titles, datelines, names). */
export const MIN_SOURCE_LENGTH = 40;

/**
 * English → language, from the NTREX-128 news test set in tests/fixtures/ntrex
 * (1,997 line-aligned sentences, 1,876 with a source of 40 code points or more):
 * per line, (code points of the trimmed reference) / (code points of the
 * trimmed English), then the median and the 0.5th and 99.5th percentiles
 * (nearest rank, index round(p × (n − 1)) of the sorted ratios). Computed once
 * with `lengthRatioStats` below and kept as data (`lengthRatio` in the language
 * table); tests/unit/qa-length.test.ts recomputes them from the fixture.
 */
export function lengthRatio(lang: string): LengthRatio | undefined {
  return findLanguage(lang)?.lengthRatio;
}

/** The statistics above for line-aligned source and target texts. */
export function lengthRatioStats(source: readonly string[], target: readonly string[], minSourceLength = MIN_SOURCE_LENGTH): LengthRatio & { count: number } {
  const ratios: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const s = codePointLength(source[i]!.trim());
    const t = codePointLength((target[i] ?? "").trim());
    if (s < minSourceLength || t === 0) continue;
    ratios.push(t / s);
  }
  ratios.sort((a, b) => a - b);
  const q = (p: number) => ratios[Math.round(p * (ratios.length - 1))]!;
  return { median: q(0.5), low: q(0.005), high: q(0.995), count: ratios.length };
}

/**
 * The expected ratio for a pair. Other pairs than English → X go through
 * English: the medians divide, and the wider of the two spreads applies.
 */
export function expectedRatio(sourceLang: string, targetLang: string): LengthRatio | null {
  const s = lengthRatio(sourceLang);
  const t = lengthRatio(targetLang);
  if (!s || !t || sourceLang === targetLang) return null;
  if (sourceLang === "en") return t;
  const median = t.median / s.median;
  const spreadLow = Math.min(t.low / t.median, s.median / s.high);
  const spreadHigh = Math.max(t.high / t.median, s.median / s.low);
  return { median, low: median * spreadLow, high: median * spreadHigh };
}

export function checkLengthRatio(ctx: CheckContext): Finding[] {
  const s = codePointLength(ctx.source.trim());
  if (s < MIN_SOURCE_LENGTH) return [];
  const expected = expectedRatio(ctx.sourceLang, ctx.targetLang);
  if (!expected) return [];
  const t = codePointLength(ctx.target.trim());
  if (t === 0) return [];
  const ratio = t / s;
  if (ratio >= expected.low && ratio <= expected.high) return [];
  const params = { count: t, source: s, min: Math.round(s * expected.low), max: Math.round(s * expected.high) };
  const start = ctx.target.search(/\S/u);
  return [at(ratio > expected.high ? "lengthRatio.long" : "lengthRatio.short", params, start, ctx.target.trimEnd().length)];
}
