// The translation memory through HTTP at a million units in one language pair (issue 12 item 4).
// For each size (BENCH_TM_HTTP_SIZES, default 10000,1000000): a fresh SQLite database, migrated and
// seeded (demo accounts), then N en→ru units written through the repository layer's bulk insert
// (features/tm/server/repository.ts insertTmUnits, 10,000 per transaction; the units of bench/tm.mjs:
// real NTREX/TICO-19 pairs and their variations, sentence-sized, so no sentence splitting). Then
// `npm start` (scripts/start.mjs: migrate, seed, build when needed, serve) on it, and:
// - time until the server answers (GET /api/v1/me) and until its memory index is built
//   (instrumentation.ts warms every pair at start and logs "translation memory ready");
// - GET /api/v1/tm/lookup through HTTP: the first lookup, then p50/p95 over BENCH_TM_HTTP_QUERIES
//   held-out variation queries (granularity=both), and how many found a match;
// - the server's resident memory (the `next start` process and its children), after the lookups.
// The smallest size is the baseline measured in the same run; memory per million units is
// (RSS at N − RSS at the baseline) / (N − baseline) × 10⁶.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed } from "../scripts/start.mjs";
import { freePort } from "../tests/helpers/free-port.mjs";
import { root } from "./lib.mjs";
import { basePairs, unitStream } from "./tm.mjs";

const SIZES = (process.env.BENCH_TM_HTTP_SIZES ?? "10000,1000000").split(",").map(Number);
const QUERIES = Number(process.env.BENCH_TM_HTTP_QUERIES ?? 200);
const DIST_DIR = process.env.BENCH_TM_HTTP_DIST ?? ".next-test";
const BATCH = 10_000;
const log = (s) => process.stderr.write(`  tm-http: ${s}\n`);
const int = (n) => n.toLocaleString("en");
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Resident memory of a process and its descendants (Linux /proc), in bytes. */
function treeRss(pid) {
  const children = new Map();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const walk = (p) => {
    try {
      const m = fs.readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* gone */
    }
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
}

async function buildDatabase(file, size, pairs, words) {
  const env = { SQLITE_PATH: file, DATABASE_URL: "" };
  migrateAndSeed(env);
  const { createDb } = await import("../lib/db/connection.ts");
  const { insertTmUnits } = await import("../features/tm/server/repository.ts");
  const db = createDb({ dialect: "sqlite", file });
  const t0 = performance.now();
  let batch = [];
  const flush = async () => {
    const units = batch;
    batch = [];
    if (units.length) await db.transaction().execute((trx) => insertTmUnits(trx, units, { sentences: false }));
  };
  for (const u of unitStream(pairs, words, size)) {
    batch.push({
      id: `bench_${u.id}`,
      source_lang: "en",
      target_lang: "ru",
      source_text: u.source,
      target_text: u.target,
      context_before: null,
      context_after: null,
      origin: u.origin,
      origin_detail: null,
      document_id: null,
      segment_id: null,
      author: null,
      created_at: u.createdAt,
      updated_at: u.createdAt,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  const { optimizeDatabase } = await import("../lib/db/connection.ts");
  await optimizeDatabase(db, "after-import");
  await db.destroy();
  return performance.now() - t0;
}

/** `npm start` on the database; resolves with the server once /api/v1/me answers, and the times seen. */
async function start(file) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, SQLITE_PATH: file, DATABASE_URL: "", PORT: String(port), NEXT_DIST_DIR: DIST_DIR, PUBLIC_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let indexReady = null;
  const onData = (d) => {
    out += d;
    if (indexReady === null && /translation memory ready/.test(out)) indexReady = performance.now() - t0;
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise((r) => child.once("exit", r));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`npm start exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/v1/me`)).status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (i > 3000) throw new Error(`server did not answer:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const httpReady = performance.now() - t0;
  return {
    url,
    child,
    httpReady,
    output: () => out,
    waitIndex: async () => {
      while (indexReady === null) {
        if (child.exitCode !== null) throw new Error(`server exited before its memory index was ready:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return indexReady;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function signIn(url) {
  const r = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status} ${await r.text()}`);
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export async function run() {
  const { pairs } = basePairs();
  const words = pairs.flatMap((p) => p.source.split(" ")).filter((w) => /\p{L}/u.test(w));
  // Held-out queries: variations of the real pairs made with another seed than the memory's.
  const { queriesFor } = await import("./tm.mjs");
  const queries = queriesFor(pairs, words).slice(0, QUERIES);
  const tBuild = performance.now();
  ensureBuild(DIST_DIR);
  log(`production build in ${DIST_DIR} ready (${sec(performance.now() - tBuild)}, 0 when unchanged)`);
  const results = [];
  for (const size of SIZES) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tm-http-"));
    const file = path.join(dir, "db.sqlite");
    let server;
    try {
      const insertMs = await buildDatabase(file, size, pairs, words);
      const bytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
      log(`${int(size)} units: inserted in ${sec(insertMs)} (${int(Math.round((size / insertMs) * 1000))} units/s), database ${mb(bytes)}`);
      server = await start(file);
      const indexReady = await server.waitIndex();
      const warm = server.output().match(/translation memory en>ru: (\d+) units indexed in ([\d.]+) s/);
      log(`${int(size)} units: npm start answers after ${sec(server.httpReady)}, memory index ready after ${sec(indexReady)}${warm ? ` (en>ru: ${int(Number(warm[1]))} units in ${warm[2]} s)` : ""}`);
      const cookie = await signIn(server.url);
      const lookup = async (text) => {
        const q = new URLSearchParams({ sourceLang: "en", targetLang: "ru", text, min: "70", limit: "5" });
        const t = performance.now();
        const r = await fetch(`${server.url}/api/v1/tm/lookup?${q}`, { headers: { cookie } });
        const body = await r.json();
        const ms = performance.now() - t;
        if (r.status !== 200) throw new Error(`lookup: ${r.status} ${JSON.stringify(body)}`);
        return { ms, body };
      };
      const first = await lookup(queries[0]);
      const times = [];
      let withMatch = 0;
      for (const q of queries) {
        const { ms, body } = await lookup(q);
        times.push(ms);
        if (body.matches.length) withMatch++;
      }
      const rss = treeRss(server.child.pid);
      const p50 = pct(times, 50);
      const p95 = pct(times, 95);
      log(`${int(size)} units: first lookup ${first.ms.toFixed(1)} ms, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${times.length} queries (${withMatch} with a match), rss ${mb(rss)}`);
      results.push({ size, insertMs, bytes, httpReady: server.httpReady, indexReady, warmMs: warm ? Number(warm[2]) * 1000 : NaN, first: first.ms, p50, p95, withMatch, n: times.length, rss });
    } finally {
      if (server) await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const base = results[0];
  return results.map((r) => {
    const perMillion = r === base ? null : ((r.rss - base.rss) / (r.size - base.size)) * 1e6;
    return {
      benchmark: `TM through HTTP, ${int(r.size)} en→ru units in SQLite (npm start, GET /api/v1/tm/lookup)`,
      result: `ready: answers after ${sec(r.httpReady)}, index built after ${sec(r.indexReady)} (${sec(r.warmMs)} for en→ru); lookup first ${r.first.toFixed(1)} ms, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${r.withMatch}/${r.n} with a match); rss ${mb(r.rss)}${perMillion === null ? "" : ` (${mb(perMillion)} per million units over the baseline)`}; bulk insert ${sec(r.insertMs)}, database ${mb(r.bytes)}`,
      baseline: r === base ? "(baseline)" : `${int(base.size)} units: answers after ${sec(base.httpReady)}, index after ${sec(base.indexReady)}; lookup p50 ${base.p50.toFixed(1)} ms, p95 ${base.p95.toFixed(1)} ms; rss ${mb(base.rss)}`,
      comparison: r === base ? "–" : `lookup p95 ×${(r.p95 / base.p95).toFixed(2)}, index build ×${(r.warmMs / base.warmMs).toFixed(0)} for ×${(r.size / base.size).toFixed(0)} units`,
    };
  });
}
