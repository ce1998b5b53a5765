// Sentence-level leverage of the translation memory (issue 15): follow-up stories built from the
// NTREX-128 documents kept out of tuning (features/align/evaluation.ts: every 5th document), where
// each paragraph mixes new sentences with sentences of earlier documents, as background paragraphs
// do. The memory holds the earlier documents as approved paragraphs (2–4 sentences each) and, with
// sentence units, the sentence pairs the approval path makes of them (features/tm/sentences.ts: the
// project's aligner, confident 1-1/1-2/2-1 links only). Reported per language: the share of the
// follow-ups' sentences that get a match ≥ 75, paragraph-level only (the paragraph's match counts for
// each of its sentences) against with sentence units (granularity=sentence), and precision: the
// share of those matches whose target holds the right sentence's translation.
import fs from "node:fs";
import path from "node:path";
import { root, sharedCorpora } from "./lib.mjs";
import { documentsOf, isHeldOut, pseudoDocuments, rng } from "../features/align/evaluation.ts";
import { TmIndex } from "../features/tm/index.ts";
import { sentencePairs } from "../features/tm/sentences.ts";

const FILES = { tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt", kmr: "newstest2019-ref.kmr.txt" };
const SHARED = path.join(sharedCorpora() ?? path.join(root, "tests/fixtures"), "ntrex");
const FIXTURE = path.join(root, "tests/fixtures/ntrex");
const MIN = 75;
const log = (s) => process.stderr.write(`  leverage: ${s}\n`);

function corpus() {
  const dir = fs.existsSync(path.join(SHARED, "newstest2019-src.eng.txt")) ? SHARED : FIXTURE;
  const read = (f) => fs.readFileSync(path.join(dir, f), "utf8").replace(/\r/g, "").replace(/\n$/, "").split("\n");
  const en = read("newstest2019-src.eng.txt");
  const docs = fs.existsSync(path.join(dir, "DOCUMENT_IDS.tsv")) ? documentsOf(read("DOCUMENT_IDS.tsv")) : pseudoDocuments(en.length, 16);
  return { dir, en, docs, read };
}

/** Consecutive lines cut into paragraphs of 2–4. */
function paragraphs(lines, random) {
  const out = [];
  for (let i = 0; i < lines.length; ) {
    const n = 2 + Math.floor(random() * 3);
    out.push(lines.slice(i, i + n));
    i += n;
  }
  return out;
}

const norm = (s) => s.replace(/\s+/g, " ").trim();
const pct = (x) => `${(100 * x).toFixed(1)} %`;

export async function run() {
  const { dir, en, docs, read } = corpus();
  const heldOut = docs.filter((d) => isHeldOut(d.index));
  // The first half of the held-out documents were published earlier (the memory); the second half gives the new sentences.
  const earlier = heldOut.slice(0, Math.ceil(heldOut.length / 2));
  const later = heldOut.slice(Math.ceil(heldOut.length / 2));
  const rows = [];
  for (const [lang, file] of Object.entries(FILES)) {
    if (!fs.existsSync(path.join(dir, file))) continue;
    const target = read(file);
    const random = rng(0x1e7e);
    const index = new TmIndex("en", lang);
    let paragraphUnits = 0;
    let sentenceUnits = 0;
    const t0 = performance.now();
    for (const d of earlier) {
      for (const lines of paragraphs(d.lines.filter((k) => en[k] && target[k]), random)) {
        const id = `p${paragraphUnits++}`;
        const source = lines.map((k) => en[k]).join(" ");
        const tgt = lines.map((k) => target[k]).join(" ");
        const unit = { id, source, target: tgt, sourceLang: "en", targetLang: lang, origin: "workbench", createdAt: "2020-01-01T00:00:00.000Z" };
        index.add(unit);
        for (const s of sentencePairs(source, tgt, "en", lang)) {
          index.add({ ...unit, id: `${id}.s${s.index}`, source: s.source, target: s.target, origin: "sentence", parentId: id });
          sentenceUnits++;
        }
      }
    }
    const buildMs = performance.now() - t0;
    const oldLines = earlier.flatMap((d) => d.lines).filter((k) => en[k] && target[k]);
    const newLines = later.flatMap((d) => d.lines).filter((k) => en[k] && target[k]);
    // Follow-up paragraphs: 2–4 sentences, each an earlier document's sentence or a new one (half and half).
    let sentences = 0;
    const para = { hit: 0, right: 0 };
    const sent = { hit: 0, right: 0 };
    let reused = 0;
    for (let p = 0, ni = 0; p < 600 && ni < newLines.length; p++) {
      const n = 2 + Math.floor(random() * 3);
      const lines = [];
      for (let j = 0; j < n; j++) lines.push(random() < 0.5 ? { k: oldLines[Math.floor(random() * oldLines.length)], old: true } : { k: newLines[ni++ % newLines.length], old: false });
      const text = lines.map((l) => en[l.k]).join(" ");
      const pm = index.lookup(text, { limit: 1, min: MIN, paragraphsOnly: true })[0];
      for (const l of lines) {
        sentences++;
        if (l.old) reused++;
        const right = norm(target[l.k]);
        if (pm) {
          para.hit++;
          if (l.old && norm(pm.unit.target).includes(right)) para.right++;
        }
        // With sentence units: the sentence's own best match, else its paragraph's.
        const sm = index.lookup(en[l.k], { limit: 1, min: MIN })[0];
        if (sm) {
          sent.hit++;
          if (l.old && norm(sm.unit.target) === right) sent.right++;
        } else if (pm) {
          sent.hit++;
          if (l.old && norm(pm.unit.target).includes(right)) sent.right++;
        }
      }
    }
    const lp = para.hit / sentences;
    const ls = sent.hit / sentences;
    const precP = para.hit ? para.right / para.hit : 1;
    const precS = sent.hit ? sent.right / sent.hit : 1;
    log(`${lang}: memory ${paragraphUnits} paragraph units + ${sentenceUnits} sentence units (${(buildMs / 1000).toFixed(1)} s with alignment); ${sentences} follow-up sentences, ${reused} from earlier documents`);
    rows.push({
      benchmark: `TM leverage en→${lang}: follow-up sentences with a match ≥ ${MIN} (${path.relative(root, dir)}, held-out docs)`,
      result: `with sentence units ${pct(ls)} (${sent.hit} of ${sentences}), precision ${precS.toFixed(3)} (${sentenceUnits} sentence units from ${paragraphUnits} paragraphs)`,
      baseline: `paragraph-level only ${pct(lp)} (${para.hit} of ${sentences}), precision ${precP.toFixed(3)}; ${pct(reused / sentences)} of the sentences were reused (${reused})`,
      comparison: `×${lp > 0 ? (ls / lp).toFixed(1) : "∞"} leverage (goal ≥ 3× at precision ≥ 0.95: ${ls >= 3 * lp && precS >= 0.95 ? "met" : "NOT met"})`,
    });
  }
  return rows;
}
