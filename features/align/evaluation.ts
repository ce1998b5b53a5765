import { alignDocument, type AlignOptions, type Alignment } from "./align";
import type { LengthModel } from "./params";
import { alignLength } from "./text";
import { rng } from "@/lib/random";

/**
 * Evaluation of the aligner on documents rebuilt from a line-aligned parallel corpus (NTREX-128):
 * shared by `npm run bench -- align`, the tuning script and tests/unit/align.test.ts. Pure (the
 * caller reads the files).
 *
 * A document is the lines of one document id. The source side joins them into paragraphs of 1–4
 * sentences (the first line, the headline, and any line without a final mark stand alone). The
 * target side starts from the same paragraphs, then, with a seeded PRNG: merges a few sentences
 * (2-1), splits a few at a comma (1-2), drops a few (1-0), inserts a few sentences from elsewhere
 * (0-1), merges some paragraphs with the next (2-1), splits some between sentences (1-2), drops a
 * few paragraphs (1-0) and inserts a few from elsewhere (0-1). The
 * gold links are therefore known exactly, at both levels.
 *
 * Held-out slice: documents are numbered in order of first appearance in DOCUMENT_IDS.tsv; every
 * 5th one (index % 5 === 4, 24 of NTREX's 123) is kept out of every estimate and every tuning run.
 */

export const HELD_OUT_EVERY = 5;

/** Whether the document with this index (order of first appearance) is in the held-out slice. */
export function isHeldOut(index: number): boolean {
  return index % HELD_OUT_EVERY === HELD_OUT_EVERY - 1;
}

export { rng };

function hashString(s: string): number {
  let h = 2166136261;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
  return h >>> 0;
}

export interface CorpusDocument {
  readonly id: string;
  readonly index: number;
  /** Line numbers (0-based) of the document in the corpus files. */
  readonly lines: readonly number[];
}

/** Documents of a corpus from its line-aligned document ids, in order of first appearance. */
export function documentsOf(ids: readonly string[]): CorpusDocument[] {
  const byId = new Map<string, number[]>();
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    let list = byId.get(id);
    if (!list) byId.set(id, (list = []));
    list.push(k);
  }
  return [...byId.entries()].map(([id, lines], index) => ({ id, index, lines }));
}

/** Pseudo-documents of `size` consecutive lines, for a corpus without document ids. */
export function pseudoDocuments(lineCount: number, size = 16): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  for (let s = 0, index = 0; s < lineCount; s += size, index++) {
    out.push({ id: `lines-${s + 1}-${Math.min(lineCount, s + size)}`, index, lines: Array.from({ length: Math.min(size, lineCount - s) }, (_, k) => s + k) });
  }
  return out;
}

export interface Perturbation {
  /** Per target sentence: merge with the next one (same paragraph). */
  readonly mergeSentences: number;
  /** Per target sentence: split at a comma. */
  readonly splitSentence: number;
  /** Per target sentence: drop it (1-0). */
  readonly dropSentence: number;
  /** Per target sentence: insert a sentence from another document after it (0-1). */
  readonly insertSentence: number;
  /** Per target paragraph: merge with the next paragraph. */
  readonly mergeParagraphs: number;
  /** Per target paragraph of two or more sentences: split it between sentences. */
  readonly splitParagraph: number;
  /** Per source paragraph (not the first): leave it untranslated (1-0). */
  readonly dropParagraph: number;
  /** Per target paragraph: add a paragraph from another document after it (0-1). */
  readonly insertParagraph: number;
}

export const DEFAULT_PERTURBATION: Perturbation = {
  mergeSentences: 0.04,
  splitSentence: 0.04,
  dropSentence: 0.015,
  insertSentence: 0.01,
  mergeParagraphs: 0.1,
  splitParagraph: 0.12,
  dropParagraph: 0.02,
  insertParagraph: 0.015,
};

export interface Piece {
  /** Source line numbers this target sentence translates (empty for an inserted sentence). */
  readonly lines: readonly number[];
  readonly text: string;
}

export interface BuiltDocument {
  readonly id: string;
  readonly index: number;
  /** Source paragraphs (segments): text and the corpus lines in it, with their offsets. */
  readonly source: readonly { readonly text: string; readonly lines: readonly { readonly line: number; readonly start: number; readonly end: number }[] }[];
  /** The target text: paragraphs separated by blank lines. */
  readonly targetText: string;
  /** Target sentences ("pieces") with their offsets in targetText and their paragraph. */
  readonly pieces: readonly (Piece & { readonly id: number; readonly start: number; readonly end: number; readonly paragraph: number })[];
  /** Gold links between source paragraph indices and target paragraph indices. */
  readonly goldParagraphs: readonly (readonly [readonly number[], readonly number[]])[];
  /** Gold links between source line numbers and piece ids. */
  readonly goldSentences: readonly (readonly [readonly number[], readonly number[]])[];
}

const FINAL = /[.!?…؟۔]["'”’»“)\]]*$/u;
const COMMA = /[,،]\s/gu;

/** Builds a source/target document pair with known gold links. */
export function buildDocument(
  doc: CorpusDocument,
  sourceLines: readonly string[],
  targetLines: readonly string[],
  lang: string,
  perturbation: Perturbation = DEFAULT_PERTURBATION,
  /** Lines that inserted sentences are drawn from (default: every line); keeps the held-out slice apart. */
  insertPool?: readonly number[],
): BuiltDocument {
  const pick = (r: number) => targetLines[insertPool ? insertPool[Math.floor(r * insertPool.length)]! : Math.floor(r * targetLines.length)]!.trim();
  // The source paragraphs depend on the document only, the target's changes on the language too.
  const rs = rng(hashString(doc.id));
  const rt = rng(hashString(`${doc.id}|${lang}`));
  const paragraphs: number[][] = [];
  let k = 0;
  const lines = doc.lines;
  while (k < lines.length) {
    const alone = k === 0 || !FINAL.test(sourceLines[lines[k]!]!.trim());
    if (alone) {
      paragraphs.push([lines[k]!]);
      k++;
      continue;
    }
    const size = 1 + Math.floor(rs() * 4);
    const p: number[] = [];
    while (p.length < size && k < lines.length && FINAL.test(sourceLines[lines[k]!]!.trim())) p.push(lines[k++]!);
    paragraphs.push(p);
  }
  const source = paragraphs.map((p) => {
    let text = "";
    const ls: { line: number; start: number; end: number }[] = [];
    for (const line of p) {
      if (text) text += " ";
      const s = text.length;
      text += sourceLines[line]!.trim();
      ls.push({ line, start: s, end: text.length });
    }
    return { text, lines: ls };
  });

  // Target sentences per source paragraph, with sentence-level changes inside the paragraph.
  const cased = lang === "tr" || lang === "ru" || lang === "en";
  const comma = lang === "ar" || lang === "ckb" ? "،" : ",";
  const tParas: Piece[][] = paragraphs.map((p) => {
    const out: Piece[] = [];
    for (let x = 0; x < p.length; x++) {
      const line = p[x]!;
      const text = targetLines[line]!.trim();
      const r = rt();
      if (r < perturbation.dropSentence && p.length > 1 && !(out.length === 0 && x === p.length - 1)) continue;
      if (r < perturbation.dropSentence + perturbation.mergeSentences && x + 1 < p.length && FINAL.test(text)) {
        const next = targetLines[p[x + 1]!]!.trim();
        out.push({ lines: [line, p[x + 1]!], text: `${text.replace(/[.!?…؟۔]+$/u, "")}${comma} ${next}` });
        x++;
        continue;
      }
      if (r < perturbation.dropSentence + perturbation.mergeSentences + perturbation.splitSentence) {
        const commas = [...text.matchAll(COMMA)].map((m) => m.index).filter((i) => i > text.length * 0.3 && i < text.length * 0.7);
        if (commas.length) {
          const at = commas[Math.floor(rt() * commas.length)]!;
          let second = text.slice(at + 1).trim();
          if (cased) second = second.charAt(0).toLocaleUpperCase(lang) + second.slice(1);
          out.push({ lines: [line], text: `${text.slice(0, at)}.` });
          out.push({ lines: [line], text: second });
          continue;
        }
      }
      out.push({ lines: [line], text });
      if (rt() < perturbation.insertSentence) {
        const other = pick(rt());
        if (FINAL.test(other)) out.push({ lines: [], text: other });
      }
    }
    return out;
  });

  // Paragraph-level changes.
  const targetParas: { pieces: Piece[]; from: number[] }[] = [];
  const goldParagraphs: [number[], number[]][] = [];
  for (let p = 0; p < tParas.length; p++) {
    const pieces = tParas[p]!;
    const r = rt();
    if (rt() < perturbation.dropParagraph && p > 0) {
      goldParagraphs.push([[p], []]);
      continue;
    }
    if (rt() < perturbation.insertParagraph && p > 0) {
      const other = pick(rt());
      goldParagraphs.push([[], [targetParas.length]]);
      targetParas.push({ pieces: [{ lines: [], text: other }], from: [] });
    }
    // A headline (or any paragraph without a final mark) is never run into the next paragraph.
    const mergeable = p > 0 && p + 1 < tParas.length && pieces.length > 0 && FINAL.test(pieces[pieces.length - 1]!.text);
    if (r < perturbation.mergeParagraphs && mergeable) {
      goldParagraphs.push([[p, p + 1], [targetParas.length]]);
      targetParas.push({ pieces: [...pieces, ...tParas[p + 1]!], from: [p, p + 1] });
      p++;
      continue;
    }
    if (r < perturbation.mergeParagraphs + perturbation.splitParagraph && pieces.length >= 2) {
      const at = 1 + Math.floor(rt() * (pieces.length - 1));
      goldParagraphs.push([[p], [targetParas.length, targetParas.length + 1]]);
      targetParas.push({ pieces: pieces.slice(0, at), from: [p] });
      targetParas.push({ pieces: pieces.slice(at), from: [p] });
      continue;
    }
    goldParagraphs.push([[p], [targetParas.length]]);
    targetParas.push({ pieces, from: [p] });
  }

  let targetText = "";
  const placed: (Piece & { id: number; start: number; end: number; paragraph: number })[] = [];
  targetParas.forEach((tp, pi) => {
    if (pi > 0) targetText += "\n\n";
    tp.pieces.forEach((piece, x) => {
      if (x > 0) targetText += " ";
      const start = targetText.length;
      targetText += piece.text;
      placed.push({ ...piece, id: placed.length, start, end: targetText.length, paragraph: pi });
    });
  });

  // Gold sentence links: connected components of line ↔ piece.
  const goldSentences = components([...doc.lines.map((l) => [[l], []] as const), ...placed.map((p) => [p.lines, [p.id]] as const)]);
  return { id: doc.id, index: doc.index, source, targetText, pieces: placed, goldParagraphs, goldSentences };
}

/**
 * Links as connected components: every item of a link (source items "s", target items "t") is
 * joined with the others of the same link; each component is one link.
 */
export function components(links: readonly (readonly [readonly number[], readonly number[]])[]): [number[], number[]][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const [s, t] of links) {
    const items = [...s.map((x) => `s${x}`), ...t.map((x) => `t${x}`)];
    for (const x of items) if (!parent.has(x)) parent.set(x, x);
    for (let k = 1; k < items.length; k++) {
      const a = find(items[0]!);
      const b = find(items[k]!);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, [number[], number[]]>();
  for (const x of parent.keys()) {
    const r = find(x);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = [[], []]));
    (x[0] === "s" ? g[0] : g[1]).push(Number(x.slice(1)));
  }
  return [...groups.values()].map(([s, t]) => [s.sort((a, b) => a - b), t.sort((a, b) => a - b)]);
}

const linkKey = ([s, t]: readonly [readonly number[], readonly number[]]) => `${s.join(",")}>${t.join(",")}`;

export interface LinkScore {
  readonly correct: number;
  readonly predicted: number;
  readonly gold: number;
}

/** Exact-match link counts. */
export function scoreLinks(predicted: readonly (readonly [readonly number[], readonly number[]])[], gold: readonly (readonly [readonly number[], readonly number[]])[]): LinkScore {
  const g = new Set(gold.map(linkKey));
  const p = new Set(predicted.map(linkKey));
  let correct = 0;
  for (const k of p) if (g.has(k)) correct++;
  return { correct, predicted: p.size, gold: g.size };
}

export function addScores(a: LinkScore, b: LinkScore): LinkScore {
  return { correct: a.correct + b.correct, predicted: a.predicted + b.predicted, gold: a.gold + b.gold };
}

export const ZERO_SCORE: LinkScore = { correct: 0, predicted: 0, gold: 0 };

export const precision = (s: LinkScore) => (s.predicted ? s.correct / s.predicted : 1);
export const recall = (s: LinkScore) => (s.gold ? s.correct / s.gold : 1);
export const f1 = (s: LinkScore) => {
  const p = precision(s);
  const r = recall(s);
  return p + r ? (2 * p * r) / (p + r) : 0;
};

/** Which items of `spans` (offsets) overlap [start, end). */
export function overlapping(spans: readonly { readonly start: number; readonly end: number }[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < spans.length; k++) if (spans[k]!.start < end && start < spans[k]!.end) out.push(k);
  return out;
}

/** Paragraph and sentence link counts of an alignment of a built document. */
export function scoreAlignment(doc: BuiltDocument, alignment: Alignment): { paragraph: LinkScore; sentence: LinkScore } {
  const paragraph = scoreLinks(
    alignment.paragraphLinks.map((l) => [l.source, l.target] as const),
    doc.goldParagraphs,
  );
  // Aligner sentences are mapped to corpus lines and pieces by their offsets; a corpus line the
  // splitter cut in two (or two lines it could not separate) is one unit again in the components.
  const predicted = alignment.sentenceLinks.map((l) => {
    const lines = l.source.flatMap((x) => {
      const s = alignment.sourceSentences[x]!;
      return overlapping(doc.source[s.segment]!.lines, s.start, s.end).map((k) => doc.source[s.segment]!.lines[k]!.line);
    });
    const pieces = l.target.flatMap((y) => {
      const t = alignment.targetSentences[y]!;
      return overlapping(doc.pieces, t.start, t.end);
    });
    return [lines, pieces] as const;
  });
  return { paragraph, sentence: scoreLinks(components(predicted), doc.goldSentences) };
}

/** Aligns a built document and scores it. */
export function evaluateDocument(doc: BuiltDocument, options: AlignOptions): { paragraph: LinkScore; sentence: LinkScore; alignment: Alignment } {
  const alignment = alignDocument(
    doc.source.map((p) => p.text),
    doc.targetText,
    options,
  );
  return { ...scoreAlignment(doc, alignment), alignment };
}

/**
 * Gale–Church length model of a line-aligned corpus: c = Σ target length / Σ source length and
 * s² = mean over lines of (target − c × source)² / source, rounded to 4 decimals (params.ts).
 */
export function estimateLengthModel(source: readonly string[], target: readonly string[], lines: readonly number[]): LengthModel {
  let s1 = 0;
  let s2 = 0;
  for (const k of lines) {
    s1 += alignLength(source[k]!);
    s2 += alignLength(target[k]!);
  }
  const c = s2 / s1;
  let v = 0;
  let n = 0;
  for (const k of lines) {
    const a = alignLength(source[k]!);
    if (a === 0) continue;
    v += (alignLength(target[k]!) - c * a) ** 2 / a;
    n++;
  }
  return { c: Number(c.toFixed(4)), s2: Number((v / n).toFixed(4)) };
}

/**
 * Per segment: the confidence the aligner gave it, and whether it received exactly the gold target
 * sentences (the pieces translating its lines). For calibrating and reporting the confidence.
 */
export function segmentOutcomes(doc: BuiltDocument, alignment: Alignment): { confidence: number; correct: boolean }[] {
  return alignment.segments.map((seg) => {
    const lines = new Set(doc.source[seg.segment]!.lines.map((l) => l.line));
    const gold = doc.pieces.filter((p) => p.lines.some((l) => lines.has(l))).map((p) => p.id);
    const got = [...new Set(seg.sentences.flatMap((y) => overlapping(doc.pieces, alignment.targetSentences[y]!.start, alignment.targetSentences[y]!.end)))].sort((a, b) => a - b);
    return { confidence: seg.confidence, correct: gold.length === got.length && gold.every((g, k) => g === got[k]) };
  });
}

/** Brier score (mean squared error of confidence against correctness; lower is better). */
export function brier(outcomes: readonly { confidence: number; correct: boolean }[]): number {
  return outcomes.reduce((a, o) => a + (o.confidence - (o.correct ? 1 : 0)) ** 2, 0) / Math.max(1, outcomes.length);
}
