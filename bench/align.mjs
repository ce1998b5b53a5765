// Alignment of existing translations (features/align): link precision and recall per language at
// the paragraph and the sentence level, on documents rebuilt from NTREX-128 (sentences joined per
// document id into paragraphs, then paragraphs and sentences split, merged, dropped and inserted on
// the target side with a seeded PRNG, so the gold links are known: features/align/evaluation.ts).
// Scored on the held-out slice (every 5th document id, never used for estimates or tuning), for the
// full aligner and for lengths only (the ablation baseline), with the runtime of each; then the
// time to align the whole corpus as one long document, against a quarter of it.
import fs from "node:fs";
import path from "node:path";
import { root, sharedCorpora } from "./lib.mjs";
import { addScores, brier, buildDocument, documentsOf, evaluateDocument, f1, isHeldOut, precision, pseudoDocuments, recall, segmentOutcomes, ZERO_SCORE } from "../features/align/evaluation.ts";
import { REVIEW_THRESHOLD } from "../features/align/params.ts";
import { alignDocument } from "../features/align/align.ts";

const FILES = { tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt", kmr: "newstest2019-ref.kmr.txt" };
const SHARED = path.join(sharedCorpora() ?? path.join(root, "tests/fixtures"), "ntrex");
const FIXTURE = path.join(root, "tests/fixtures/ntrex");

function corpus() {
  const dir = fs.existsSync(path.join(SHARED, "newstest2019-src.eng.txt")) ? SHARED : FIXTURE;
  const read = (f) => fs.readFileSync(path.join(dir, f), "utf8").replace(/\r/g, "").replace(/\n$/, "").split("\n");
  const en = read("newstest2019-src.eng.txt");
  // Without document ids, fixed-size pseudo-documents of 16 lines.
  const docs = fs.existsSync(path.join(dir, "DOCUMENT_IDS.tsv")) ? documentsOf(read("DOCUMENT_IDS.tsv")) : pseudoDocuments(en.length, 16);
  return { dir, en, docs, read };
}

const pct = (x) => (100 * x).toFixed(1);
const pr = (s) => `P ${pct(precision(s))} R ${pct(recall(s))}`;

export async function run() {
  const { dir, en, docs, read } = corpus();
  const heldOut = docs.filter((d) => isHeldOut(d.index));
  const where = `${path.relative(root, dir)}, held-out ${heldOut.length} of ${docs.length} docs`;
  const rows = [];
  for (const [lang, file] of Object.entries(FILES)) {
    const target = read(file);
    const pool = heldOut.flatMap((d) => d.lines);
    const built = heldOut.map((d) => buildDocument(d, en, target, lang, undefined, pool));
    const score = (anchors) => {
      let paragraph = ZERO_SCORE;
      let sentence = ZERO_SCORE;
      const outcomes = [];
      let ms = 0;
      for (const b of built) {
        const t0 = performance.now();
        const r = evaluateDocument(b, { sourceLang: "en", targetLang: lang, anchors });
        ms += performance.now() - t0;
        paragraph = addScores(paragraph, r.paragraph);
        sentence = addScores(sentence, r.sentence);
        outcomes.push(...segmentOutcomes(b, r.alignment));
      }
      return { paragraph, sentence, ms, outcomes };
    };
    score(true); // warm-up
    const full = score(true);
    const lengths = score(false);
    const segments = built.reduce((a, b) => a + b.source.length, 0);
    for (const level of ["paragraph", "sentence"]) {
      rows.push({
        benchmark: `Alignment en→${lang}, ${level} links (${where}, ${full[level].gold} gold links)`,
        result: `${pr(full[level])} (F1 ${pct(f1(full[level]))})`,
        baseline: `lengths only: ${pr(lengths[level])} (F1 ${pct(f1(lengths[level]))})`,
        comparison: `F1 ${f1(full[level]) >= f1(lengths[level]) ? "+" : ""}${pct(f1(full[level]) - f1(lengths[level]))} points`,
      });
    }
    const flag = (o) => o.outcomes.filter((x) => x.confidence < REVIEW_THRESHOLD);
    const wrong = (list) => list.filter((x) => !x.correct).length;
    rows.push({
      benchmark: `Alignment en→${lang}, segments flagged for checking (confidence < ${REVIEW_THRESHOLD})`,
      result: `${flag(full).length} of ${full.outcomes.length} flagged, catching ${wrong(flag(full))} of ${wrong(full.outcomes)} wrong (Brier ${brier(full.outcomes).toFixed(3)})`,
      baseline: `lengths only: ${flag(lengths).length} flagged, ${wrong(flag(lengths))} of ${wrong(lengths.outcomes)} wrong`,
      comparison: `${full.outcomes.length - wrong(full.outcomes)} vs ${lengths.outcomes.length - wrong(lengths.outcomes)} segments right`,
    });
    rows.push({
      benchmark: `Alignment en→${lang}, runtime (${built.length} docs, ${segments} segments, ${built.reduce((a, b) => a + b.pieces.length, 0)} target sentences)`,
      result: `${full.ms.toFixed(0)} ms with anchors`,
      baseline: `lengths only: ${lengths.ms.toFixed(0)} ms`,
      comparison: `×${(full.ms / lengths.ms).toFixed(1)}`,
    });
  }

  // Scaling: the whole corpus as one document, one paragraph per line, against its first quarter.
  const ru = read(FILES.ru);
  const time = (n) => {
    const sources = en.slice(0, n);
    const text = ru.slice(0, n).join("\n\n");
    alignDocument(sources.slice(0, 50), ru.slice(0, 50).join("\n\n"), { sourceLang: "en", targetLang: "ru" });
    const t0 = performance.now();
    const a = alignDocument(sources, text, { sourceLang: "en", targetLang: "ru" });
    const ms = performance.now() - t0;
    const ok = a.paragraphLinks.filter((l) => l.type === "1-1" && l.source[0] === l.target[0]).length;
    return { ms, ok };
  };
  const quarter = time(Math.floor(en.length / 4));
  const whole = time(en.length);
  rows.push({
    benchmark: `Alignment en→ru, one document of ${en.length} paragraphs (linear time)`,
    result: `${whole.ms.toFixed(0)} ms (${whole.ok} of ${en.length} links 1-1 on the diagonal)`,
    baseline: `${Math.floor(en.length / 4)} paragraphs: ${quarter.ms.toFixed(0)} ms`,
    comparison: `×${(whole.ms / quarter.ms).toFixed(1)} time for ×4 length`,
  });
  return rows;
}
