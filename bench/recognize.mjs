// Term recognition throughput (MB/s) on the NTREX news corpus in each language,
// with a glossary of 50,000 concepts, in the same run against a general-purpose
// Aho–Corasick library (modern-ahocorasick: exact, case-sensitive substring
// matching of the same terms, no inflection, leftmost-longest like ours) and
// one regular expression per term (the usual approach); and both build times.
// Both scan the corpus a line (a news paragraph) at a time, as the workbench does
// per segment: the library's leftmost-longest search slows down more than linearly
// on one long text (80,000 characters took ×20 the time of 10,000).
// The regex baseline is bounded: it runs terms in order for REGEX_BUDGET_MS per
// language and extrapolates to the whole glossary (it would take minutes per
// language otherwise), saying how many terms it measured.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AhoCorasick from "modern-ahocorasick";
import { Recognizer } from "../features/glossary/recognize.ts";
import { root } from "./lib.mjs";
import { rng } from "../lib/random.ts";

const CONCEPTS = Number(process.env.BENCH_CONCEPTS ?? 50_000);
const REGEX_BUDGET_MS = Number(process.env.BENCH_REGEX_BUDGET_MS ?? 2_000);
const BUILDS = 3;
const FILES = { en: "newstest2019-src.eng.txt", tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt", kmr: "newstest2019-ref.kmr.txt" };

/** 50,000 terms: word n-grams of the corpus itself (so many occur) and made-up ones. */
function glossary(lines, lang) {
  const random = rng(lang.length * 7919);
  const words = lines.flatMap((l) => l.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "")).filter((w) => w.length > 2));
  const terms = new Set();
  while (terms.size < CONCEPTS) {
    const n = 1 + Math.floor(random() * 3);
    const i = Math.floor(random() * (words.length - n));
    let t = words.slice(i, i + n).join(" ");
    if (random() < 0.5) t = `${t}${"xq"[Math.floor(random() * 2)]}`; // absent from the corpus
    terms.add(t);
  }
  return [...terms].map((text, i) => ({ conceptId: `c${i}`, termId: `t${i}`, text, type: "fullForm", pos: "noun", usage: "preferred", status: "approved" }));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function time(fn) {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

export async function run() {
  const rows = [];
  const only = process.env.BENCH_LANGS?.split(",");
  for (const [lang, file] of Object.entries(FILES)) {
    if (only && !only.includes(lang)) continue;
    const lines = fs.readFileSync(path.join(root, "tests/fixtures/ntrex", file), "utf8").split(/\r?\n/).filter(Boolean);
    const text = lines.join("\n");
    const mb = Buffer.byteLength(text) / 1e6;
    const terms = glossary(lines, lang);
    // The first build is cold (as after a glossary change on a fresh server); the best of BUILDS is warm.
    const builds = Array.from({ length: BUILDS }, () => time(() => new Recognizer(lang, terms)));
    const build = builds[0];
    const buildBest = Math.min(...builds.map((b) => b.ms));
    const libraryBuilds = Array.from({ length: BUILDS }, () => time(() => new AhoCorasick(terms.map((t) => t.text))));
    const libraryBuild = libraryBuilds[0];
    const libraryBuildBest = Math.min(...libraryBuilds.map((b) => b.ms));
    const library = libraryBuild.result;

    // Warm-up of the code (JIT) on a recognizer of its own: a recognizer keeps the analysis of
    // the words it has seen, so each timed pass below runs on one that has seen no text (one of
    // the builds above), as on a glossary change: the words are analyzed within the pass.
    new Recognizer(lang, terms.slice(0, 5_000)).find(text.slice(0, 20_000));
    library.search(text.slice(0, 20_000), { strategy: "leftmost-longest" }); // warm-up
    // The passes alternate (ours, the library's, ours, …) so that a change of load on a shared
    // machine falls on both; each side reports its best pass (the least time spent waiting for a
    // core) and its throughput over all its passes.
    const runs = BUILDS;
    const ours = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      const fresh = builds[i].result;
      ours.push(time(() => lines.reduce((n, line) => n + fresh.find(line).length, 0)));
      theirs.push(time(() => lines.reduce((n, line) => n + library.search(line, { strategy: "leftmost-longest" }).length, 0)));
    }
    const best = (passes) => mb / (Math.min(...passes.map((p) => p.ms)) / 1000);
    const overall = (passes) => (mb * passes.length) / (passes.reduce((t, p) => t + p.ms, 0) / 1000);
    const scan = { result: ours[0].result };
    const libraryScan = { result: theirs[0].result };
    const automatonMBs = best(ours);
    const libraryMBs = best(theirs);

    // Baseline: one case-insensitive, word-bounded regex per term (compiled, run and dropped
    // one at a time, as a per-term matcher does), on a slice of the text, for REGEX_BUDGET_MS:
    // the time for every term is extrapolated from the terms done.
    const slice = text.slice(0, 1500);
    const sliceMb = Buffer.byteLength(slice) / 1e6;
    let regexTerms = 0;
    const regexScan = time(() => {
      const t0 = performance.now();
      let n = 0;
      for (const t of terms) {
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(t.text)}(?![\\p{L}\\p{N}])`, "giu");
        while (re.exec(slice)) n++;
        regexTerms++;
        if ((regexTerms & 63) === 0 && performance.now() - t0 > REGEX_BUDGET_MS) break;
      }
      return n;
    });
    const regexMs = (regexScan.ms * terms.length) / regexTerms;
    const regexMBs = sliceMb / (regexMs / 1000);
    const regexNote = regexTerms < terms.length ? ` (extrapolated from ${regexTerms.toLocaleString("en")} terms in ${(regexScan.ms / 1000).toFixed(1)} s)` : "";
    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    process.stderr.write(`  recognize ${lang}: ours ${automatonMBs.toFixed(2)} MB/s (all passes ${overall(ours).toFixed(2)}), build ${s(build.ms)} / ${s(buildBest)}; library ${libraryMBs.toFixed(2)} MB/s (${overall(theirs).toFixed(2)}), build ${s(libraryBuild.ms)} / ${s(libraryBuildBest)}; load ${os.loadavg()[0].toFixed(1)}\n`);
    rows.push({
      benchmark: `Term recognition, ${lang} (${terms.length.toLocaleString("en")} terms, NTREX ${mb.toFixed(2)} MB; load ${os.loadavg()[0].toFixed(1)})`,
      result: `ours (with inflection): ${automatonMBs.toFixed(2)} MB/s best of ${runs} passes (${overall(ours).toFixed(2)} over all), ${scan.result.toLocaleString("en")} matches; built in ${s(build.ms)} cold, ${s(buildBest)} best of ${BUILDS}`,
      baseline: `modern-ahocorasick (exact): ${libraryMBs.toFixed(2)} MB/s best of ${runs} (${overall(theirs).toFixed(2)} over all), ${libraryScan.result.toLocaleString("en")} matches; built in ${s(libraryBuild.ms)} cold, ${s(libraryBuildBest)} best of ${BUILDS}. Regex per term: ${regexMBs.toFixed(4)} MB/s${regexNote}`,
      comparison: `×${(automatonMBs / libraryMBs).toFixed(2)} the library's throughput, build ×${(libraryBuildBest / buildBest).toFixed(2)} as fast; ×${(automatonMBs / regexMBs).toFixed(0)} regex`,
    });
  }
  return rows;
}
