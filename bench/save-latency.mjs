// Save throughput and latency (p50/p95/p99) through the HTTP API at 1, 16 and
// 64 concurrent connections, against a trivial authenticated request
// (GET /api/v1/me) at the same concurrency as the baseline, in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed } from "../scripts/start.mjs";
import { root, startNext } from "./lib.mjs";

const REQUESTS = Number(process.env.BENCH_SAVE_REQUESTS ?? 600);
const LEVELS = [1, 16, 64];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v) => `${v.toFixed(1)} ms`;

async function signIn(url) {
  const r = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Runs `total` requests with `concurrency` workers; each worker owns one segment and language so saves never conflict. */
async function load(concurrency, total, request) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      const state = { version: null };
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await request(w, i, state);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: total / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-save-"));
  const env = { NEXT_DIST_DIR: distDir, SQLITE_PATH: path.join(dataDir, "bench.sqlite"), PUBLIC_URL: "http://localhost:3212" };
  migrateAndSeed(env);
  const app = await startNext({ cwd: root, port: 3212, env, readyPath: "/api/v1/me" });
  const rows = [];
  try {
    const cookie = await signIn(app.url);
    const doc = await (await fetch(`${app.url}/api/v1/documents/idlib-2020-02-28/translations/tr`, { headers: { cookie } })).json();
    const segments = doc.segments.map((s) => s.id);
    const langs = ["tr", "ru", "ar", "ckb"];
    const versions = new Map();
    const save = async (w, i) => {
      const segment = segments[w % segments.length];
      const lang = langs[Math.floor(w / segments.length) % langs.length];
      const key = `${segment}:${lang}`;
      if (!versions.has(key)) versions.set(key, 1);
      const r = await fetch(`${app.url}/api/v1/translations/${segment}/${lang}`, {
        method: "PUT",
        headers: { "content-type": "application/json", origin: app.url, cookie },
        body: JSON.stringify({ text: `Bench ${w}/${i}`, status: "draft", baseVersion: versions.get(key) }),
      });
      const body = await r.json();
      if (r.status !== 200) throw new Error(`save failed: ${r.status} ${JSON.stringify(body)}`);
      versions.set(key, body.translation.version);
    };
    const me = async () => {
      const r = await fetch(`${app.url}/api/v1/me`, { headers: { cookie } });
      await r.arrayBuffer();
    };
    await load(4, 50, me); // warm-up
    await load(4, 50, save);
    for (const c of LEVELS) {
      const base = await load(c, REQUESTS, me);
      const s = await load(c, REQUESTS, save);
      rows.push({
        benchmark: `Translation save, ${c} connection${c === 1 ? "" : "s"} (SQLite)`,
        result: `${s.rps.toFixed(0)} saves/s; p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}`,
        baseline: `GET /api/v1/me: ${base.rps.toFixed(0)} req/s; p50 ${ms(base.p50)}, p95 ${ms(base.p95)}`,
        comparison: `throughput ×${(s.rps / base.rps).toFixed(2)}, p95 ×${(s.p95 / base.p95).toFixed(2)}`,
      });
    }
  } finally {
    app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
