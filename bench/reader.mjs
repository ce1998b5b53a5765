// The public reader: HTML bytes of the story page, the parallel view and the
// story list (goals: the single-language Idlib page ≤ 60 KB, the parallel view
// with four languages ≤ 200 KB), requests/s and p50/p99 at 1, 16 and 64
// connections beside a static file served by the same server in the same run,
// and the time from publishing an update through the API to its text on a
// fresh anonymous request (goal ≤ 2 s).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import pg from "pg";
import { ensureBuild, migrateAndSeed, nextStartArgs } from "../scripts/start.mjs";
import { freePort } from "../tests/helpers/free-port.mjs";
import { kb, root, startNext } from "./lib.mjs";

const STORY = "idlib-2020-02-28";
const PAGES = {
  story: `/tr/stories/${STORY}`,
  parallel: `/en/stories/${STORY}?compare=tr&compare=ru&compare=ar&compare=ckb`,
  list: "/tr",
};
const CONNECTIONS = [1, 16, 64];
const SECONDS = Number(process.env.BENCH_READER_SECONDS ?? 3);

/** Closed-loop load: `connections` clients, each sending the next request when the previous answered, for SECONDS. */
async function load(url, connections) {
  const latencies = [];
  let resets = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        let res;
        try {
          res = await fetch(url);
          await res.arrayBuffer();
        } catch (error) {
          // A keep-alive connection the server closed as the request left: counted, not timed.
          if (error?.cause?.code !== "ECONNRESET" || ++resets > 100) throw error;
          continue;
        }
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: latencies.length / SECONDS, p50: q(0.5), p99: q(0.99) };
}

async function signIn(url) {
  const r = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("wb.session_token="));
}

/** Serves the build as `npm start` does (scripts/start.mjs: the preloads included) on a free port. */
async function serve(env) {
  const port = await freePort();
  return startNext({ cwd: root, port, env: { ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, readyPath: "/en", args: nextStartArgs(port) });
}

/**
 * Edits and approves one Turkish paragraph, publishes the update through `url`,
 * and waits for its text on a fresh anonymous request to `readerUrl` (the same
 * instance, or another one sharing the database).
 */
async function publishToReader(url, readerUrl = url) {
  // The page is in the reader's cache before the publication.
  await (await fetch(`${readerUrl}${PAGES.story}`)).text();
  const cookie = await signIn(url);
  const headers = { "content-type": "application/json", origin: url, cookie };
  const doc = await (await fetch(`${url}/api/v1/documents/${STORY}/translations/tr`, { headers })).json();
  const segment = doc.segments.find((s) => s.key === "s35");
  const marker = `${segment.translation.text.replace(/\.$/, "")} (${Date.now().toString(36)}).`;
  let r = await fetch(`${url}/api/v1/translations/${segment.id}/tr`, { method: "PUT", headers, body: JSON.stringify({ text: marker, status: "translated", baseVersion: segment.translation.version, qaOverride: { reason: "bench" } }) });
  const saved = (await r.json()).translation;
  r = await fetch(`${url}/api/v1/translations/${segment.id}/tr/review`, { method: "POST", headers, body: JSON.stringify({ decision: "approve", baseVersion: saved.version, qaOverride: { reason: "bench" } }) });
  if (!r.ok) throw new Error(`approve: ${r.status} ${await r.text()}`);
  const t0 = performance.now();
  r = await fetch(`${url}/api/v1/documents/${STORY}/editions/tr`, { method: "POST", headers, body: JSON.stringify({}) });
  if (!r.ok) throw new Error(`publish: ${r.status} ${await r.text()}`);
  const needle = marker.slice(-12);
  for (;;) {
    const html = await (await fetch(`${readerUrl}${PAGES.story}`)).text();
    if (html.includes(needle)) return performance.now() - t0;
    if (performance.now() - t0 > 30_000) throw new Error("the published text never reached the reader");
  }
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-reader-"));
  const env = { NEXT_DIST_DIR: distDir, SQLITE_PATH: path.join(dataDir, "bench.sqlite") };
  migrateAndSeed(env);
  const app = await serve(env);
  const rows = [];
  try {
    const goals = { story: 60 * 1024, parallel: 200 * 1024 };
    for (const [name, p] of Object.entries(PAGES)) {
      const html = Buffer.from(await (await fetch(app.url + p)).arrayBuffer());
      const gz = zlib.gzipSync(html).length;
      const goal = goals[name];
      rows.push({ benchmark: `Reader HTML: ${name} (${p})`, result: `${kb(html.length)} (${kb(gz)} gzip)`, baseline: goal ? `goal ≤ ${kb(goal)}` : "-", comparison: goal ? (html.length <= goal ? "✓" : "✗") : "-" });
    }
    const staticUrl = `${app.url}/icon.svg`;
    for (const c of CONNECTIONS) {
      const base = await load(staticUrl, c);
      for (const [name, p] of Object.entries(PAGES)) {
        const r = await load(app.url + p, c);
        rows.push({
          benchmark: `Reader ${name} @${c} conn`,
          result: `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`,
          baseline: `static file ${base.rps.toFixed(0)} req/s, p50 ${base.p50.toFixed(1)} ms`,
          comparison: `×${(r.rps / base.rps).toFixed(3)}${name === "story" ? ` (goal ≥ 0.5) ${r.rps / base.rps >= 0.5 ? "✓" : "✗"}` : ""}`,
        });
      }
    }
    const ms = await publishToReader(app.url);
    rows.push({ benchmark: "Publish → new text on an anonymous request (SQLite, one instance)", result: `${ms.toFixed(0)} ms`, baseline: "goal ≤ 2000 ms", comparison: ms <= 2000 ? "✓" : "✗" });
  } finally {
    app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (process.env.TEST_POSTGRES_URL) rows.push(await twoInstances(distDir));
  else rows.push({ benchmark: "Publish → new text, two instances on PostgreSQL", result: "skipped (set TEST_POSTGRES_URL)", baseline: "goal ≤ 2000 ms", comparison: "-" });
  rows.push({ benchmark: "Load average during the run", result: os.loadavg().map((l) => l.toFixed(1)).join(" "), baseline: `${os.cpus().length} cores`, comparison: "-" });
  return rows;
}

/** Two instances on one PostgreSQL database: publish through one, time until the other serves the new text. */
async function twoInstances(distDir) {
  const admin = process.env.TEST_POSTGRES_URL;
  const name = `wb_bench_reader_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const env = { NEXT_DIST_DIR: distDir, DATABASE_URL: u.toString() };
  const apps = [];
  try {
    migrateAndSeed(env);
    apps.push(await serve(env), await serve(env));
    const ms = await publishToReader(apps[0].url, apps[1].url);
    return { benchmark: "Publish → new text on an anonymous request to the other instance (two instances, PostgreSQL)", result: `${ms.toFixed(0)} ms`, baseline: "goal ≤ 2000 ms", comparison: ms <= 2000 ? "✓" : "✗" };
  } finally {
    for (const app of apps) app.stop();
    await new Promise((r) => setTimeout(r, 1000));
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  }
}
