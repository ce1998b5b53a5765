// Translation-memory lookup (features/tm): p50/p95 latency and recall of the top 5 at 10k, 100k and
// 1M en→ru units, against brute force (every unit scored with the same score) and PostgreSQL
// pg_trgm (GIN trigram index, `%` with a similarity threshold, top 5 by similarity()), measured
// in the same run. Units: the real NTREX and TICO-19 sentence pairs (../shared/corpora, or the
// NTREX fixtures) plus deterministic variations; queries: held-out variations.
//
// BENCH_TM_UNITS=paragraphs (issue 15): the memory holds N paragraph units (1–3 consecutive
// units of the stream joined) plus the sentence units of every multi-sentence paragraph (origin
// "sentence", as features/tm/sentences.ts makes them), and the queries are sentence-level lookups
// (every unit searched), the hot path of granularity=sentence; memory is reported per unit held.
//
// Knobs: BENCH_TM_SIZES (10000,100000,1000000), BENCH_TM_QUERIES (1000), BENCH_TM_MIN (70),
// BENCH_TM_BRUTE_BUDGET_S (seconds of brute force per size, 90), BENCH_TM_PG (postgres URL or
// "off"), BENCH_TM_PG_THRESHOLD (0.5), BENCH_TM_PG_BUDGET_S (seconds of pg queries per size, 60).
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { TmIndex } from "../features/tm/index.ts";
import { scoreTexts } from "../features/tm/score.ts";
import { root, sharedCorpora } from "./lib.mjs";
import { rng } from "../lib/random.ts";

const SIZES = (process.env.BENCH_TM_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const QUERIES = Number(process.env.BENCH_TM_QUERIES ?? 1000);
const MIN = Number(process.env.BENCH_TM_MIN ?? 70);
const LIMIT = 5;
const BRUTE_BUDGET_MS = Number(process.env.BENCH_TM_BRUTE_BUDGET_S ?? 90) * 1000;
const PG_URL = process.env.BENCH_TM_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PG_THRESHOLD = Number(process.env.BENCH_TM_PG_THRESHOLD ?? 0.5);
const PG_BUDGET_MS = Number(process.env.BENCH_TM_PG_BUDGET_S ?? 60) * 1000;
const WARMUP = 50;
/** Runs of each query; the "best of" percentiles take each query's fastest run. */
const REPEATS = Math.max(1, Number(process.env.BENCH_TM_REPEATS ?? 3));
const PARAGRAPHS = process.env.BENCH_TM_UNITS === "paragraphs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

const log = (s) => process.stderr.write(`  tm: ${s}\n`);

const readLines = (file) => fs.readFileSync(file, "utf8").split(/\r?\n/).map((l) => l.trim());

/** The real en→ru sentence pairs: NTREX news and TICO-19, or the NTREX fixtures alone. */
export function basePairs() {
  const shared = sharedCorpora() ?? path.join(root, "tests/fixtures");
  const sources = [];
  if (fs.existsSync(path.join(shared, "ntrex")) && fs.existsSync(path.join(shared, "tico19/lines"))) {
    sources.push(["ntrex", path.join(shared, "ntrex/newstest2019-src.eng.txt"), path.join(shared, "ntrex/newstest2019-ref.rus.txt")]);
    sources.push(["tico19", path.join(shared, "tico19/lines/tico19.en-rus.eng.txt"), path.join(shared, "tico19/lines/tico19.en-rus.rus.txt")]);
  } else {
    sources.push(["ntrex", path.join(root, "tests/fixtures/ntrex/newstest2019-src.eng.txt"), path.join(root, "tests/fixtures/ntrex/newstest2019-ref.rus.txt")]);
  }
  const seen = new Set();
  const pairs = [];
  for (const [origin, enFile, ruFile] of sources) {
    const en = readLines(enFile);
    const ru = readLines(ruFile);
    for (let i = 0; i < en.length; i++) {
      if (!en[i] || !ru[i] || seen.has(en[i])) continue;
      seen.add(en[i]);
      pairs.push({ source: en[i], target: ru[i], origin });
    }
  }
  return { pairs, from: sources.map((s) => path.relative(root, s[1]).split(path.sep).slice(0, -1).join("/")) };
}

/**
 * A variation of a base sentence: 1–3 word edits (drop, adjacent swap, insertion or
 * substitution of a corpus word, number change), sometimes a case/punctuation change,
 * a truncation or a concatenation with another sentence.
 */
function vary(pairs, words, random, base) {
  const pick = (a) => a[Math.floor(random() * a.length)];
  let w = base.source.split(" ");
  let target = base.target;
  const r = random();
  if (r < 0.06) {
    const other = pick(pairs);
    w = w.concat(other.source.split(" "));
    target = `${target} ${other.target}`;
  } else if (r < 0.1 && w.length > 6) {
    w = w.slice(0, Math.max(3, Math.floor(w.length * (0.6 + 0.3 * random()))));
  }
  const ops = 1 + Math.floor(random() * 3);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(random() * w.length);
    const op = random();
    if (op < 0.25 && w.length > 3) w.splice(i, 1);
    else if (op < 0.4 && i + 1 < w.length) [w[i], w[i + 1]] = [w[i + 1], w[i]];
    else if (op < 0.55) w.splice(i, 0, pick(words));
    else if (op < 0.85) w[i] = pick(words);
    else {
      const j = w.findIndex((x) => /\d/.test(x));
      if (j >= 0) w[j] = w[j].replace(/\d+/, String(Math.floor(random() * 2000)));
      else w[i] = pick(words);
    }
  }
  let source = w.join(" ");
  const f = random();
  if (f < 0.04) source = source.replace(/[.!?]$/, "");
  else if (f < 0.07) source = source.charAt(0).toLowerCase() + source.slice(1);
  return { source, target };
}

/** The unit stream: the real pairs first, then variations; the first n units make the n-unit memory. */
export function* unitStream(pairs, words, n) {
  const random = rng(0x7e57);
  const t0 = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(t0 + Math.floor(random() * 5 * 365 * 86400) * 1000).toISOString();
    if (i < pairs.length) {
      const p = pairs[i];
      yield { id: `u${i}`, source: p.source, target: p.target, origin: p.origin, createdAt };
    } else {
      const base = pairs[Math.floor(random() * pairs.length)];
      const v = vary(pairs, words, random, base);
      yield { id: `u${i}`, source: v.source, target: v.target, origin: i % 3 ? "desk" : base.origin, createdAt };
    }
  }
}

/** N paragraph units of 1–3 consecutive stream units, each multi-sentence one followed by its sentence units. */
export function* paragraphStream(pairs, words, n) {
  const random = rng(0x9a4a);
  const items = unitStream(pairs, words, Number.MAX_SAFE_INTEGER);
  for (let k = 0; k < n; k++) {
    const parts = [];
    const count = 1 + Math.floor(random() * 3);
    for (let j = 0; j < count; j++) parts.push(items.next().value);
    yield { id: `p${k}`, source: parts.map((u) => u.source).join(" "), target: parts.map((u) => u.target).join(" "), origin: parts[0].origin, createdAt: parts[0].createdAt };
    if (count > 1) for (let j = 0; j < count; j++) yield { id: `p${k}.s${j}`, source: parts[j].source, target: parts[j].target, origin: "sentence", createdAt: parts[0].createdAt, parentId: `p${k}` };
  }
}

export function queriesFor(pairs, words) {
  const random = rng(0x51a7);
  const qs = [];
  for (let i = 0; i < QUERIES; i++) qs.push(vary(pairs, words, random, pairs[Math.floor(random() * pairs.length)]).source);
  return qs;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x) => (x < 1 ? `${x.toFixed(3)} ms` : x < 100 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const int = (n) => n.toLocaleString("en");

/**
 * Recall of `got` against the brute-force `truth` (both best first, truth non-empty): a returned
 * unit counts when its true score is at least the truth's k-th score, so equally good units that
 * lose a tie are not misses. `idExact` counts only the same ids.
 */
function recall(got, truth, trueScore) {
  const kth = truth[truth.length - 1].score;
  const hits = got.filter((g) => trueScore(g) >= kth).length;
  const ids = new Set(truth.map((t) => t.id));
  return { tie: Math.min(hits, truth.length) / truth.length, id: got.filter((g) => ids.has(g.id)).length / truth.length };
}

async function pgBaseline(size, pairs, words, queries, truth, scoreOf) {
  if (PG_URL === "off") return { skipped: "BENCH_TM_PG=off" };
  let pg;
  try {
    pg = (await import("pg")).default;
  } catch (e) {
    return { skipped: `pg module unavailable (${e.message})` };
  }
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (e) {
    return { skipped: `PostgreSQL unreachable at ${PG_URL} (${e.message})` };
  }
  const db = `tm_bench_${process.pid}`;
  let client;
  try {
    const ext = await admin.query("select 1 from pg_available_extensions where name = 'pg_trgm'");
    if (ext.rowCount === 0) return { skipped: "pg_trgm extension not available on the server" };
    await admin.query(`create database ${db}`);
    const url = new URL(PG_URL);
    url.pathname = `/${db}`;
    client = new pg.Client({ connectionString: url.href });
    await client.connect();
    await client.query("create extension pg_trgm");
    await client.query("create unlogged table tm (id int primary key, source text not null)");
    const t0 = performance.now();
    let ids = [];
    let srcs = [];
    const flush = async () => {
      if (ids.length) await client.query("insert into tm select * from unnest($1::int[], $2::text[])", [ids, srcs]);
      ids = [];
      srcs = [];
    };
    let i = 0;
    for (const u of unitStream(pairs, words, size)) {
      ids.push(i++);
      srcs.push(u.source);
      if (ids.length === 10_000) await flush();
    }
    await flush();
    const loaded = performance.now();
    await client.query("set maintenance_work_mem = '256MB'");
    await client.query("create index tm_source_trgm on tm using gin (source gin_trgm_ops)");
    await client.query("analyze tm");
    const indexed = performance.now();
    const rel = (await client.query("select pg_total_relation_size('tm') as b")).rows[0].b;
    await client.query(`set pg_trgm.similarity_threshold = ${PG_THRESHOLD}`);
    // At 10k units the planner prefers a sequential scan (≈15× slower here): use the GIN index always.
    await client.query("set enable_seqscan = off");
    const sql = "select id, similarity(source, $1) as sim from tm where source % $1 order by sim desc, id limit 5";
    for (const q of queries.slice(0, 10)) await client.query(sql, [q]); // warm-up
    const times = [];
    const rTie = [];
    const rId = [];
    const start = performance.now();
    for (let qi = 0; qi < queries.length; qi++) {
      if (performance.now() - start > PG_BUDGET_MS && times.length >= 50) break;
      const t = performance.now();
      const res = await client.query(sql, [queries[qi]]);
      times.push(performance.now() - t);
      const tr = truth[qi];
      if (tr && tr.length) {
        const got = res.rows.map((r) => ({ id: `u${r.id}` }));
        const r = recall(got, tr, (g) => scoreOf(queries[qi], g.id));
        rTie.push(r.tie);
        rId.push(r.id);
      }
    }
    return {
      loadMs: loaded - t0,
      indexMs: indexed - loaded,
      relBytes: Number(rel),
      n: times.length,
      p50: pct(times, 50),
      p95: pct(times, 95),
      recallTie: rTie.reduce((a, b) => a + b, 0) / rTie.length,
      recallId: rId.reduce((a, b) => a + b, 0) / rId.length,
      recallN: rTie.length,
    };
  } catch (e) {
    return { skipped: `PostgreSQL error: ${e.message}` };
  } finally {
    if (client) await client.end().catch(() => {});
    await admin.query(`drop database if exists ${db}`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

export async function run() {
  const { pairs, from } = basePairs();
  const words = pairs.flatMap((p) => p.source.split(" ")).filter((w) => /\p{L}/u.test(w));
  const queries = queriesFor(pairs, words);
  log(`${int(pairs.length)} real en→ru pairs from ${from.join(", ")}; ${int(queries.length)} held-out variation queries, min ${MIN}, top ${LIMIT}`);
  const rows = [];
  const summary = [];
  for (const size of SIZES) {
    gc();
    const before = process.memoryUsage();
    const index = new TmIndex("en", "ru");
    let buildMs = 0;
    for (const u of PARAGRAPHS ? paragraphStream(pairs, words, size) : unitStream(pairs, words, size)) {
      const unit = { ...u, sourceLang: "en", targetLang: "ru" };
      const t = performance.now();
      index.add(unit);
      buildMs += performance.now() - t;
    }
    const t = performance.now();
    index.trim();
    buildMs += performance.now() - t;
    gc();
    const after = process.memoryUsage();
    const heapBytes = after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers;
    const perUnit = heapBytes / index.length;
    log(`${int(size)} ${PARAGRAPHS ? `paragraph units + ${int(index.length - size)} sentence units` : "units"}: ${Math.round(perUnit)} bytes per unit held; built in ${(buildMs / 1000).toFixed(1)} s, ${mb(heapBytes)} (typed arrays ${mb(index.typedArrayBytes())}), ${int(index.vocabularySize)} word keys, rss ${mb(after.rss)}`);

    // TmIndex. The forced collection comes before the warm-up queries, not right before the timed
    // run: a full gc() of a multi-gigabyte heap leaves V8 sweeping on a helper thread for seconds,
    // which on two cores takes the lookups' core (measured: single-run p95 at 1M 1.93–2.07 ms right
    // after gc(), 1.09–1.13 ms without it). A server never forces a collection before a lookup.
    gc();
    for (const q of queries.slice(0, WARMUP)) index.lookup(q, { limit: LIMIT, min: MIN });
    const times = [];
    const best = [];
    const results = [];
    let candidates = 0;
    let verified = 0;
    let capped = 0;
    for (const q of queries) {
      const t = performance.now();
      const r = index.lookup(q, { limit: LIMIT, min: MIN });
      times.push(performance.now() - t);
      results.push(r);
      candidates += index.lastStats.candidates;
      verified += index.lastStats.verified;
      if (index.lastStats.capped) capped++;
    }
    // The same queries twice more, in the same order: each query's best of three runs leaves out the
    // time the process waited for a core (the machine is shared), not the work of the lookup.
    for (let qi = 0; qi < queries.length; qi++) best.push(times[qi]);
    for (let rep = 0; rep < REPEATS - 1; rep++) {
      for (let qi = 0; qi < queries.length; qi++) {
        const t = performance.now();
        index.lookup(queries[qi], { limit: LIMIT, min: MIN });
        const ms = performance.now() - t;
        if (ms < best[qi]) best[qi] = ms;
      }
    }

    // Brute force: the truth, and the baseline's own latency (time-boxed).
    const bruteTimes = [];
    const truth = [];
    const start = performance.now();
    for (let qi = 0; qi < queries.length; qi++) {
      if (performance.now() - start > BRUTE_BUDGET_MS && bruteTimes.length >= 50) break;
      const t = performance.now();
      truth.push(index.scan(queries[qi], { limit: LIMIT, min: MIN }));
      bruteTimes.push(performance.now() - t);
    }
    const rTie = [];
    const rId = [];
    let withMatch = 0;
    let spurious = 0;
    for (let qi = 0; qi < truth.length; qi++) {
      if (!truth[qi].length) {
        if (results[qi].length) spurious++; // cannot happen: both score with the same function
        continue;
      }
      withMatch++;
      const r = recall(results[qi], truth[qi], (g) => g.score);
      rTie.push(r.tie);
      rId.push(r.id);
    }
    const recallTie = rTie.reduce((a, b) => a + b, 0) / rTie.length;
    const recallId = rId.reduce((a, b) => a + b, 0) / rId.length;
    const p50 = pct(times, 50);
    const p95 = pct(times, 95);
    const bp50 = pct(best, 50);
    const bp95 = pct(best, 95);
    const loadAvg = (await import("node:os")).loadavg()[0].toFixed(1);
    const b50 = pct(bruteTimes, 50);
    const b95 = pct(bruteTimes, 95);
    const bruteNote = truth.length < queries.length ? `${int(truth.length)} of ${int(queries.length)} queries (time-boxed: too slow for all)` : `all ${int(queries.length)} queries`;
    if (spurious) log(`${spurious} queries: the index returned matches brute force did not find`);
    log(`${int(size)}: index p50 ${ms(p50)} p95 ${ms(p95)} (best of ${REPEATS}: p50 ${ms(bp50)} p95 ${ms(bp95)}; load average ${loadAvg}) recall ${recallTie.toFixed(4)}; brute force p50 ${ms(b50)} p95 ${ms(b95)} on ${bruteNote}`);

    // pg_trgm, against the same truth.
    const scoreOf = (q, id) => scoreTexts(q, index.get(id).source, "en");
    const pgr = PARAGRAPHS ? { skipped: "not run with BENCH_TM_UNITS=paragraphs" } : await pgBaseline(size, pairs, words, queries, truth, scoreOf);
    if (pgr.skipped) log(`pg_trgm skipped: ${pgr.skipped}`);
    else log(`${int(size)}: pg_trgm load ${(pgr.loadMs / 1000).toFixed(1)} s, GIN ${(pgr.indexMs / 1000).toFixed(1)} s, p50 ${ms(pgr.p50)} p95 ${ms(pgr.p95)} recall ${pgr.recallTie.toFixed(4)}`);

    const label = PARAGRAPHS ? `TM sentence lookup, ${int(size)} en→ru paragraph units + ${int(index.length - size)} sentence units (min ${MIN}, top ${LIMIT})` : `TM lookup, ${int(size)} en→ru units (min ${MIN}, top ${LIMIT})`;
    rows.push({
      benchmark: `${label}: TmIndex vs brute force`,
      result: `p50 ${ms(p50)}, p95 ${ms(p95)} (best of ${REPEATS} runs per query: p50 ${ms(bp50)}, p95 ${ms(bp95)}; load average ${loadAvg}); recall@5 ${recallTie.toFixed(4)} (same ids ${recallId.toFixed(4)}, ${int(withMatch)} queries with a match of the ${int(truth.length)} checked); ${(candidates / queries.length).toFixed(0)} candidates, ${(verified / queries.length).toFixed(0)} scored per query, cap hit ${capped}×`,
      baseline: `brute force p50 ${ms(b50)}, p95 ${ms(b95)} (${bruteNote})`,
      comparison: `p95 ×${(b95 / p95).toFixed(0)} faster, p50 ×${(b50 / p50).toFixed(0)}`,
    });
    rows.push({
      benchmark: `${label}: TmIndex vs PostgreSQL pg_trgm`,
      result: `p50 ${ms(p50)}, p95 ${ms(p95)}; recall@5 ${recallTie.toFixed(4)}`,
      baseline: pgr.skipped
        ? `skipped: ${pgr.skipped}`
        : `pg_trgm (GIN forced, % at ${PG_THRESHOLD}, top 5 by similarity) p50 ${ms(pgr.p50)}, p95 ${ms(pgr.p95)}; recall@5 ${pgr.recallTie.toFixed(4)} (same ids ${pgr.recallId.toFixed(4)}) on ${int(pgr.recallN)} queries with a match${pgr.n < queries.length ? `; ${int(pgr.n)} of ${int(queries.length)} queries (time-boxed)` : ""}`,
      comparison: pgr.skipped ? "–" : `p95 ×${(pgr.p95 / p95).toFixed(0)} faster, recall ${(recallTie - pgr.recallTie >= 0 ? "+" : "")}${(recallTie - pgr.recallTie).toFixed(3)}`,
    });
    rows.push({
      benchmark: `TM index build, ${int(size)} ${PARAGRAPHS ? `paragraph units + ${int(index.length - size)} sentence units` : "units"}`,
      result: `${(buildMs / 1000).toFixed(1)} s, ${mb(heapBytes)} heap+buffers, ${Math.round(perUnit)} bytes per unit held (${mb(index.typedArrayBytes())} typed arrays), ${int(index.vocabularySize)} word keys`,
      baseline: pgr.skipped ? `skipped: ${pgr.skipped}` : `pg_trgm: load ${(pgr.loadMs / 1000).toFixed(1)} s + GIN index ${(pgr.indexMs / 1000).toFixed(1)} s, ${mb(pgr.relBytes)} on disk`,
      comparison: pgr.skipped ? "–" : `×${((pgr.loadMs + pgr.indexMs) / buildMs).toFixed(1)} faster to build`,
    });
    summary.push({ size, p95, bp95, recallTie });
  }
  const last = summary.find((s) => s.size === 1_000_000);
  if (last && PARAGRAPHS)
    log(
      `goal (sentence lookup p95 ≤ 2 ms, recall@5 1.0 at 1M paragraph units + sentences): single runs ${last.p95 <= 2 && last.recallTie >= 1 ? "met" : "NOT met"} (p95 ${ms(last.p95)}), best of ${REPEATS} ${last.bp95 <= 2 && last.recallTie >= 1 ? "met" : "NOT met"} (p95 ${ms(last.bp95)}); recall ${last.recallTie.toFixed(4)}`,
    );
  else if (last) log(`goal (p95 < 10 ms, recall@5 ≥ 0.99 at 1M): ${last.p95 < 10 && last.recallTie >= 0.99 ? "met" : "NOT met"} (p95 ${ms(last.p95)}, recall ${last.recallTie.toFixed(4)})`);
  return rows;
}
