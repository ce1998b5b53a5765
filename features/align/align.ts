/**
 * Alignment of an existing translation with its source document, in two levels:
 *
 *  1. paragraphs: the document's segments against the translation's paragraphs (blank-line
 *     separated), with links 1-1, 1-0, 0-1, 2-1 and 1-2;
 *  2. sentences (lib/text/sentences.ts) within each aligned group of paragraphs, with the same link
 *     types; a link never joins sentences of two different segments, or of two target paragraphs.
 *
 * Each level is a Gale–Church dynamic program over character lengths (params.ts: per-language-pair
 * mean ratio and variance estimated from NTREX), plus anchor evidence (anchors.ts: numbers, names,
 * glossary concepts), banded (dp.ts). Every link carries its posterior probability as confidence.
 * Pure and synchronous; time is linear in the document's length for a fixed band.
 */
import { ApiError } from "@/lib/api/errors";
import { splitSentences } from "@/lib/text/sentences";
import { countAnchors, EMPTY_FEATURES, sourceFeatures, targetFeatures, type AnchorFeatures } from "./anchors";
import { alignSequences, type LinkType } from "./dp";
import { DEFAULT_PARAMS, NO_ANCHORS, lengthModel, type AlignParams, type LengthModel, type LevelParams } from "./params";
import { alignLength, normalizePasted, splitParagraphs, type Paragraph } from "./text";

export type { LinkType } from "./dp";

export interface AlignOptions {
  readonly sourceLang: string;
  readonly targetLang: string;
  /** Glossary concept ids found in a text (the service plugs in the glossary recognizer). */
  readonly concepts?: (text: string, lang: string) => readonly string[];
  /** false: lengths only (the ablation baseline). Default true. */
  readonly anchors?: boolean;
  readonly params?: AlignParams;
  /** Overrides the length model of the language pair. */
  readonly lengthModel?: LengthModel;
}

export interface SourceSentence {
  readonly segment: number;
  /** UTF-16 offsets into the segment's text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface TargetSentence {
  readonly paragraph: number;
  /** UTF-16 offsets into the normalized target text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Link {
  /** Indices of segments (paragraph level) or source sentences (sentence level). */
  readonly source: readonly number[];
  /** Indices of target paragraphs or target sentences. */
  readonly target: readonly number[];
  readonly type: LinkType;
  /** Posterior probability of the link, 0–1. */
  readonly confidence: number;
}

export interface SegmentAlignment {
  readonly segment: number;
  /** Target sentences given to the segment, in order. */
  readonly sentences: readonly number[];
  /** Their text: contiguous sentences as written in the translation, runs joined by a space. */
  readonly text: string;
  /** The segment's paragraph-level link type ("1-0" too when no sentence reached it). */
  readonly type: LinkType;
  /** Paragraph link confidence × the lowest confidence of its sentence links. */
  readonly confidence: number;
}

export interface Alignment {
  /** The target text as aligned (line endings normalized, soft line wraps joined). */
  readonly targetText: string;
  readonly targetParagraphs: readonly Paragraph[];
  readonly sourceSentences: readonly SourceSentence[];
  readonly targetSentences: readonly TargetSentence[];
  readonly paragraphLinks: readonly Link[];
  readonly sentenceLinks: readonly Link[];
  readonly segments: readonly SegmentAlignment[];
  /** Target sentences no segment received (0-1 links), in order. */
  readonly unaligned: readonly number[];
}

/** ln erfc(z) for z ≥ 0, without underflow (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function logErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) + poly;
}

/** −ln P(length pair) under the Gale–Church model: the two-tailed probability of δ. */
export function lengthCost(l1: number, l2: number, model: LengthModel, tail: TailParams = NO_TAIL): number {
  if (l1 === 0 && l2 === 0) return 0;
  const mean = (l1 + l2 / model.c) / 2;
  const z = Math.abs((l2 - l1 * model.c) / Math.sqrt(model.s2 * mean)) / Math.SQRT2;
  const normal = logErfc(z);
  if (tail.weight <= 0) return -normal;
  // A mixture with a wider normal: translations that are much longer or shorter than usual (a
  // headline spelt out, a paragraph summarized) cost a bounded amount instead of growing as z².
  const wide = Math.log(tail.weight) + logErfc(z / tail.scale);
  const narrow = Math.log1p(-tail.weight) + normal;
  const hi = Math.max(wide, narrow);
  return -(hi + Math.log(Math.exp(wide - hi) + Math.exp(narrow - hi)));
}

export interface TailParams {
  /** Weight of the wide component (0: the plain Gale–Church normal). */
  readonly weight: number;
  /** Its standard deviation, in units of the narrow one. */
  readonly scale: number;
}
const NO_TAIL: TailParams = { weight: 0, scale: 1 };

interface Unit {
  readonly len: number;
  /** Sentences in the unit. */
  readonly sentences: number;
  readonly group: number;
  readonly features: readonly AnchorFeatures[];
}

function anchorCost(source: readonly AnchorFeatures[], target: readonly AnchorFeatures[], w: LevelParams["anchors"]): number {
  if (w.numberMatch === 0 && w.numberMiss === 0 && w.nameMatch === 0 && w.nameMiss === 0 && w.termMatch === 0 && w.termMiss === 0) return 0;
  const a = countAnchors(source, target);
  return (
    -w.numberMatch * a.numbersMatched +
    w.numberMiss * a.numbersUnmatched -
    w.nameMatch * a.namesMatched +
    w.nameMiss * a.namesUnmatched -
    w.termMatch * a.conceptsMatched +
    w.termMiss * a.conceptsUnmatched
  );
}

/** Aligns two unit sequences at one level; returns links over unit indices. */
function alignLevel(src: readonly Unit[], tgt: readonly Unit[], level: LevelParams, model: LengthModel, respectGroups: boolean, temperature: number): Link[] {
  const logPrior = Object.fromEntries(Object.entries(level.priors).map(([k, p]) => [k, -Math.log(p)])) as Record<LinkType, number>;
  const cost = (i: number, di: number, j: number, dj: number): number => {
    if (respectGroups && ((di === 2 && src[i]!.group !== src[i + 1]!.group) || (dj === 2 && tgt[j]!.group !== tgt[j + 1]!.group))) return Infinity;
    const type = `${di}-${dj}` as LinkType;
    let l1 = 0;
    let l2 = 0;
    let n1 = 0;
    let n2 = 0;
    const sf: AnchorFeatures[] = [];
    const tf: AnchorFeatures[] = [];
    for (let k = i; k < i + di; k++) {
      l1 += src[k]!.len;
      n1 += src[k]!.sentences;
      sf.push(...src[k]!.features);
    }
    for (let k = j; k < j + dj; k++) {
      l2 += tgt[k]!.len;
      n2 += tgt[k]!.sentences;
      tf.push(...tgt[k]!.features);
    }
    const lengths = di > 0 && dj > 0 ? lengthCost(l1, l2, model, level.tail) : 0;
    const structure = di > 0 && dj > 0 ? level.sentenceCount * Math.abs(n1 - n2) : 0;
    return logPrior[type] + lengths + structure + anchorCost(sf, tf, level.anchors);
  };
  return alignSequences(src.length, tgt.length, cost, { temperature }).map((l) => ({
    source: Array.from({ length: l.di }, (_, k) => l.i + k),
    target: Array.from({ length: l.dj }, (_, k) => l.j + k),
    type: l.type,
    confidence: l.posterior,
  }));
}

/**
 * What one alignment may hold: beyond, the work (a band of the dynamic programme per paragraph,
 * anchors per sentence) is refused up front with 413 payload_too_large naming the cap, instead of
 * running for minutes. A news story has tens of paragraphs; 1 MB of ordinary prose has about
 * 8,000 sentences.
 */
export const ALIGN_CAPS = { paragraphs: 5_000, sentences: 10_000 } as const;

function capped(what: keyof typeof ALIGN_CAPS, found: number): void {
  const limit = ALIGN_CAPS[what];
  if (found > limit) {
    throw new ApiError("payload_too_large", `The translation has ${found} ${what}; at most ${limit} are aligned at once. Align it in parts.`, { cap: what, limit, found });
  }
}

/**
 * The units the aligner works on: the source segments' sentences, and the pasted translation
 * (normalized) cut into paragraphs and sentences. alignDocument() uses exactly these. Throws
 * payload_too_large past ALIGN_CAPS.
 */
export function splitForAlignment(sources: readonly string[], translation: string, sourceLang: string, targetLang: string) {
  const targetText = normalizePasted(translation);
  const targetParagraphs = splitParagraphs(targetText);
  capped("paragraphs", targetParagraphs.length);
  const sourceSentences: SourceSentence[] = [];
  sources.forEach((text, segment) => {
    const parts = splitSentences(text, sourceLang);
    for (const p of parts) sourceSentences.push({ segment, start: p.start, end: p.end, text: p.text });
  });
  const targetSentences: TargetSentence[] = [];
  targetParagraphs.forEach((p, paragraph) => {
    for (const s of splitSentences(p.text, targetLang)) targetSentences.push({ paragraph, start: p.start + s.start, end: p.start + s.end, text: s.text });
    capped("sentences", targetSentences.length);
  });
  capped("sentences", sourceSentences.length);
  return { targetText, targetParagraphs, sourceSentences, targetSentences };
}

/**
 * Aligns the segments of a document (`sources`, in order) with a translation pasted as plain text.
 */
export function alignDocument(sources: readonly string[], translation: string, options: AlignOptions): Alignment {
  const params = options.params ?? DEFAULT_PARAMS;
  const useAnchors = options.anchors !== false;
  const corpusModel = options.lengthModel ?? lengthModel(options.sourceLang, options.targetLang);
  const paragraphParams: LevelParams = useAnchors ? params.paragraph : { ...params.paragraph, anchors: NO_ANCHORS };
  const sentenceParams: LevelParams = useAnchors ? params.sentence : { ...params.sentence, anchors: NO_ANCHORS };
  const featureOptions = { concepts: useAnchors ? options.concepts : undefined };

  const split = splitForAlignment(sources, translation, options.sourceLang, options.targetLang);
  const { targetText, targetParagraphs, sourceSentences, targetSentences } = split;
  // Features once per distinct sentence: a text of one sentence repeated costs one.
  const memo = (features: (text: string) => AnchorFeatures) => {
    const seen = new Map<string, AnchorFeatures>();
    return (text: string) => {
      let f = seen.get(text);
      if (!f) seen.set(text, (f = features(text)));
      return f;
    };
  };
  const sourceOf = memo((text) => sourceFeatures(text, options.sourceLang, featureOptions));
  const targetOf = memo((text) => targetFeatures(text, options.targetLang, featureOptions));
  const segSentences: number[][] = sources.map(() => []);
  const sourceUnits: Unit[] = sourceSentences.map((p, k) => {
    segSentences[p.segment]!.push(k);
    const f = useAnchors ? sourceOf(p.text) : EMPTY_FEATURES;
    return { len: alignLength(p.text), sentences: 1, group: p.segment, features: [f] };
  });
  const paraSentences: number[][] = targetParagraphs.map(() => []);
  const targetUnits: Unit[] = targetSentences.map((s, k) => {
    paraSentences[s.paragraph]!.push(k);
    const f = useAnchors ? targetOf(s.text) : EMPTY_FEATURES;
    return { len: alignLength(s.text), sentences: 1, group: s.paragraph, features: [f] };
  });

  // The expected ratio, moved towards this document's own ratio.
  const totalSource = sourceUnits.reduce((a, u) => a + u.len, 0);
  const totalTarget = targetUnits.reduce((a, u) => a + u.len, 0);
  let model = corpusModel;
  if (params.adaptRatio > 0 && totalSource > 0 && totalTarget > 0) {
    const own = Math.min(corpusModel.c * 1.5, Math.max(corpusModel.c / 1.5, totalTarget / totalSource));
    model = { ...corpusModel, c: corpusModel.c ** (1 - params.adaptRatio) * own ** params.adaptRatio };
  }

  // Level 1: segments against target paragraphs.
  const segUnits: Unit[] = sources.map((text, k) => ({ len: alignLength(text), sentences: segSentences[k]!.length, group: k, features: segSentences[k]!.map((x) => sourceUnits[x]!.features[0]!) }));
  const paraUnits: Unit[] = targetParagraphs.map((p, k) => ({ len: alignLength(p.text), sentences: paraSentences[k]!.length, group: k, features: paraSentences[k]!.map((x) => targetUnits[x]!.features[0]!) }));
  const paragraphLinks = alignLevel(segUnits, paraUnits, paragraphParams, model, false, params.temperature);

  // Level 2: sentences inside each paragraph link.
  const sentenceLinks: Link[] = [];
  for (const pl of paragraphLinks) {
    const s = pl.source.flatMap((k) => segSentences[k]!);
    const t = pl.target.flatMap((k) => paraSentences[k]!);
    if (s.length === 0 || t.length === 0) {
      for (const x of s) sentenceLinks.push({ source: [x], target: [], type: "1-0", confidence: pl.confidence });
      for (const y of t) sentenceLinks.push({ source: [], target: [y], type: "0-1", confidence: pl.confidence });
      continue;
    }
    const links = alignLevel(
      s.map((x) => sourceUnits[x]!),
      t.map((y) => targetUnits[y]!),
      sentenceParams,
      model,
      true,
      params.temperature,
    );
    for (const l of links) sentenceLinks.push({ source: l.source.map((x) => s[x]!), target: l.target.map((y) => t[y]!), type: l.type, confidence: l.confidence });
  }

  // Segments: the target sentences linked with their sentences.
  const segmentOfLink = new Map<number, Link>();
  for (const pl of paragraphLinks) for (const k of pl.source) segmentOfLink.set(k, pl);
  const given: number[][] = sources.map(() => []);
  const minConf: number[] = sources.map(() => 1);
  const unaligned: number[] = [];
  for (const l of sentenceLinks) {
    if (l.source.length === 0) {
      unaligned.push(...l.target);
      continue;
    }
    const seg = sourceSentences[l.source[0]!]!.segment;
    given[seg]!.push(...l.target);
    for (const x of l.source) minConf[sourceSentences[x]!.segment] = Math.min(minConf[sourceSentences[x]!.segment]!, l.confidence);
  }
  unaligned.sort((a, b) => a - b);
  const segments: SegmentAlignment[] = sources.map((_, k) => {
    const sentences = given[k]!.sort((a, b) => a - b);
    const pl = segmentOfLink.get(k);
    const type: LinkType = sentences.length === 0 ? "1-0" : (pl?.type ?? "1-1");
    return { segment: k, sentences, text: joinSentences(targetText, targetSentences, sentences), type, confidence: (pl?.confidence ?? 1) * minConf[k]! };
  });
  return { targetText, targetParagraphs, sourceSentences, targetSentences, paragraphLinks, sentenceLinks, segments, unaligned };
}

/** The text of some target sentences: runs of neighbours as written, runs joined by a space. */
export function joinSentences(text: string, sentences: readonly TargetSentence[], indices: readonly number[]): string {
  let out = "";
  let runStart = -1;
  let prev = -2;
  const flush = (last: number) => {
    if (runStart < 0) return;
    const piece = text.slice(sentences[runStart]!.start, sentences[last]!.end).replace(/\s*\n\s*/g, " ");
    out = out ? `${out} ${piece}` : piece;
  };
  for (const k of indices) {
    if (k !== prev + 1 || sentences[k]!.paragraph !== sentences[prev]?.paragraph) {
      flush(prev);
      runStart = k;
    }
    prev = k;
  }
  flush(prev);
  return out;
}
