/**
 * Estimates the aligner's length models and tunes its priors and anchor weights on the NTREX
 * documents outside the held-out slice (features/align/evaluation.ts), then prints them for
 * features/align/params.ts. The held-out slice is never read here.
 *
 *   npx tsx scripts/align-tune.ts            # estimates, evaluates the current parameters
 *   npx tsx scripts/align-tune.ts --search   # also runs the coordinate search
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_PARAMS, REVIEW_THRESHOLD, lengthModel, type AlignParams } from "@/features/align/params";
import { addScores, brier, buildDocument, documentsOf, estimateLengthModel, evaluateDocument, segmentOutcomes, f1, isHeldOut, precision, recall, ZERO_SCORE, type BuiltDocument } from "@/features/align/evaluation";

const SHARED = path.resolve(process.cwd(), "../shared/corpora/ntrex");
const FIXTURE = path.resolve(process.cwd(), "tests/fixtures/ntrex");
const dir = fs.existsSync(path.join(SHARED, "DOCUMENT_IDS.tsv")) ? SHARED : FIXTURE;
const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8").replace(/\r/g, "").replace(/\n$/, "").split("\n");
const FILES: Record<string, string> = { tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt", kmr: "newstest2019-ref.kmr.txt" };
const en = read("newstest2019-src.eng.txt");
const docs = documentsOf(read("DOCUMENT_IDS.tsv")).filter((d) => !isHeldOut(d.index));

const tuningLines = docs.flatMap((d) => d.lines);
const built: Record<string, BuiltDocument[]> = {};
for (const [lang, file] of Object.entries(FILES)) {
  const target = read(file);
  const m = estimateLengthModel(en, target, tuningLines);
  const current = lengthModel("en", lang);
  console.log(`en-${lang}: { c: ${m.c}, s2: ${m.s2} }  (params.ts: c ${current.c}, s2 ${current.s2})`);
  built[lang] = docs.map((d) => buildDocument(d, en, target, lang, undefined, tuningLines));
}

function evaluate(params: AlignParams, anchors = true) {
  const out: Record<string, { p: number; s: number }> = {};
  let total = 0;
  for (const lang of Object.keys(FILES)) {
    let par = ZERO_SCORE;
    let sen = ZERO_SCORE;
    for (const d of built[lang]!) {
      const r = evaluateDocument(d, { sourceLang: "en", targetLang: lang, params, anchors });
      par = addScores(par, r.paragraph);
      sen = addScores(sen, r.sentence);
    }
    out[lang] = { p: f1(par), s: f1(sen) };
    total += (f1(par) + f1(sen)) / 2;
    if (process.argv.includes("--verbose")) console.log(lang, "paragraph P", precision(par).toFixed(4), "R", recall(par).toFixed(4), "sentence P", precision(sen).toFixed(4), "R", recall(sen).toFixed(4));
  }
  return { score: total / Object.keys(FILES).length, out };
}

const t0 = performance.now();
const base = evaluate(DEFAULT_PARAMS);
console.log("current parameters:", base.score.toFixed(4), JSON.stringify(base.out), `${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log("length only:", evaluate(DEFAULT_PARAMS, false).score.toFixed(4));

if (process.argv.includes("--search")) {
  type Json = Record<string, unknown>;
  let best = structuredClone(DEFAULT_PARAMS) as unknown as Json;
  let bestScore = base.score;
  const get = (o: Json, p: readonly string[]) => p.reduce<unknown>((x, k) => (x as Json)[k], o) as number;
  const set = (o: Json, p: readonly string[], v: number) => {
    (p.slice(0, -1).reduce<unknown>((x, k) => (x as Json)[k], o) as Json)[p[p.length - 1]!] = v;
  };
  const knobs: { path: string[]; candidates: (v: number) => number[] }[] = [{ path: ["adaptRatio"], candidates: () => [0, 0.25, 0.5, 0.75, 1] }];
  for (const level of ["paragraph", "sentence"]) {
    for (const key of ["1-0", "0-1", "2-1", "1-2"]) knobs.push({ path: [level, "priors", key], candidates: (v) => [v / 4, v / 2, v * 2, v * 4].filter((x) => x < 0.4) });
    for (const key of ["numberMatch", "numberMiss", "nameMatch", "nameMiss"]) knobs.push({ path: [level, "anchors", key], candidates: (v) => [0, v / 2, v * 1.5, v * 2, v + 0.5] });
    knobs.push({ path: [level, "tail", "weight"], candidates: () => [0, 0.01, 0.03, 0.1, 0.2] });
    knobs.push({ path: [level, "tail", "scale"], candidates: () => [2, 3, 5, 8] });
  }
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (const knob of knobs) {
      for (const v of knob.candidates(get(best, knob.path))) {
        const trial = structuredClone(best);
        set(trial, knob.path, Number(v.toPrecision(3)));
        const r = evaluate(trial as unknown as AlignParams);
        if (r.score > bestScore + 1e-4) {
          bestScore = r.score;
          best = trial;
          improved = true;
          console.log(`${knob.path.join(".")} = ${v.toPrecision(3)} → ${r.score.toFixed(4)} ${JSON.stringify(r.out)}`);
        }
      }
    }
    if (!improved) break;
  }
  console.log(JSON.stringify(best, null, 2));
}

if (process.argv.includes("--calibrate")) {
  // The temperature of the confidences: the one with the lowest Brier score on the tuning documents.
  for (const temperature of [1, 1.5, 2, 3, 4, 6, 8]) {
    const params = { ...DEFAULT_PARAMS, temperature };
    const outcomes = Object.keys(FILES).flatMap((lang) => built[lang]!.flatMap((d) => segmentOutcomes(d, evaluateDocument(d, { sourceLang: "en", targetLang: lang, params }).alignment)));
    const wrong = outcomes.filter((o) => !o.correct);
    const low = outcomes.filter((o) => o.confidence < REVIEW_THRESHOLD);
    console.log(
      `temperature ${temperature}: Brier ${brier(outcomes).toFixed(4)}; ${outcomes.length} segments, ${wrong.length} wrong;` +
        ` flagged (< ${REVIEW_THRESHOLD}) ${low.length}, of them wrong ${low.filter((o) => !o.correct).length}`,
    );
  }
}
