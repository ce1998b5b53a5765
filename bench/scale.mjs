// A year of newsroom data (issue 12): databases of 1,000, 10,000 and 100,000
// NTREX-based stories (25–40 segments, four target languages partly translated
// and approved, a memory unit per approval): the first thousand through the
// repository layer's bulk inserts, the rest as dated copies of them made in SQL, on SQLite and on PostgreSQL (when reachable). Each
// request is measured through HTTP against the production server (p50/p95),
// beside the same request at 1,000 stories in the same run; also the wait of
// GET /api/v1/me while the heaviest list renders, beside /api/v1/me idle.
// BENCH_SCALE_SIZES (default 1000,10000,100000), BENCH_SCALE_DIALECTS
// (default sqlite,postgres), BENCH_SCALE_SAMPLES (default 40) adjust it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild, migrateAndSeed } from "../scripts/start.mjs";
import { root, startNext } from "./lib.mjs";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const DIALECTS = (process.env.BENCH_SCALE_DIALECTS ?? "sqlite,postgres").split(",");
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 40);
const PORT = Number(process.env.E2E_PORT ?? 3143);
const PG_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const log = (msg) => process.stderr.write(`  scale: ${msg}\n`);

async function timed(n, fn) {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const latencies = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p95: pct(latencies, 95) };
}

async function signIn(url) {
  const r = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
  if (!r.ok) throw new Error(`sign-in failed: ${r.status}`);
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** Every measured request against one server, by name: p50/p95 in ms. */
async function measure(url, story) {
  const cookie = await signIn(url);
  const get = (p, auth = true) => async () => {
    const r = await fetch(url + p, { headers: auth ? { cookie } : {} });
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    await r.arrayBuffer();
  };
  const doc = await (await fetch(`${url}/api/v1/documents/${story}/translations/ru`, { headers: { cookie } })).json();
  const segment = doc.segments[2];
  let version = segment.translation?.version ?? 0;
  const save = async (i) => {
    const r = await fetch(`${url}/api/v1/translations/${segment.id}/ru`, {
      method: "PUT",
      headers: { "content-type": "application/json", origin: url, cookie },
      body: JSON.stringify({ text: `Черновик ${i} ${Math.random()}`, status: "draft", baseVersion: version }),
    });
    const body = await r.json();
    if (r.status !== 200) throw new Error(`save: ${r.status} ${JSON.stringify(body)}`);
    version = body.translation.version;
  };
  const heaviest = "/en/workbench?lang=tr&progress=needs_work&sort=title";
  const out = {
    "reader list /en": await timed(SAMPLES, get("/en", false)),
    "reader list /tr": await timed(SAMPLES, get("/tr", false)),
    "workbench list": await timed(SAMPLES, get("/en/workbench")),
    "workbench list, needs work in tr": await timed(SAMPLES, get(heaviest)),
    "GET /api/v1/documents": await timed(SAMPLES, get("/api/v1/documents")),
    "story page": await timed(SAMPLES, get(`/tr/stories/${story}`, false)),
    "editor page": await timed(SAMPLES, get(`/en/workbench/${story}/tr`)),
    "XLIFF export": await timed(SAMPLES, get(`/api/v1/documents/${story}/xliff?lang=tr`)),
    save: await timed(SAMPLES, save),
    "/api/v1/me idle": await timed(SAMPLES, get("/api/v1/me")),
  };
  // Another client's wait while the heaviest list renders, over and over.
  let busy = true;
  const loader = (async () => {
    while (busy) await get(heaviest)();
  })();
  out["/api/v1/me during the heaviest list"] = await timed(SAMPLES, get("/api/v1/me"));
  busy = false;
  await loader;
  return out;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const { createDb } = await import("../lib/db/connection.ts");
  const { migrateToLatest } = await import("../lib/db/migrate.ts");
  const { optimizeDatabase } = await import("../lib/db/connection.ts");
  const { buildStories, copyStories } = await import("../tests/helpers/scale.ts");
  const rows = [];
  for (const dialect of DIALECTS) {
    let config;
    let env;
    let dropPg;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-scale-"));
    if (dialect === "postgres") {
      if (!(await postgresReachable())) {
        rows.push({ benchmark: "scale postgres", result: "skipped", baseline: "-", comparison: `not reachable at ${PG_URL.replace(/\/\/[^@]*@/, "//")}` });
        continue;
      }
      const name = `wb_bench_scale_${process.pid}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      config = { dialect: "postgres", url: url.toString() };
      env = { NEXT_DIST_DIR: distDir, DATABASE_URL: url.toString(), PUBLIC_URL: `http://localhost:${PORT}` };
      dropPg = async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      config = { dialect: "sqlite", file: path.join(dataDir, "scale.sqlite") };
      env = { NEXT_DIST_DIR: distDir, SQLITE_PATH: config.file, PUBLIC_URL: `http://localhost:${PORT}` };
    }
    const db = createDb(config);
    await migrateToLatest(db);
    let built = 0;
    let baseline;
    try {
      for (const size of SIZES) {
        const t0 = performance.now();
        // The first thousand through the repository's bulk inserts, the rest as dated copies of them in SQL.
        if (built === 0) await buildStories(db, 0, 1000);
        for (let copy = Math.max(1, built / 1000); copy < size / 1000; copy++) {
          await copyStories(db, copy);
          if (copy % 10 === 0) log(`${dialect}: ${(copy + 1) * 1000} stories`);
        }
        await optimizeDatabase(db, "after-import");
        built = size;
        const buildSeconds = (performance.now() - t0) / 1000;
        log(`${dialect}: ${size} stories built in ${buildSeconds.toFixed(0)} s`);
        migrateAndSeed(env);
        const app = await startNext({ cwd: root, port: PORT, env, readyPath: "/api/v1/me" });
        let result;
        try {
          // A published story among the first thousand: the same story at every size.
          const first = await db.selectFrom("documents").select("slug").where("status", "=", "published").where("slug", "like", "scale-%").orderBy("slug").limit(1).executeTakeFirstOrThrow();
          const story = first.slug;
          result = await measure(app.url, story);
        } finally {
          app.stop();
          await new Promise((r) => setTimeout(r, 1000));
        }
        baseline ??= result;
        const add = (row) => {
          rows.push(row);
          // Also as it comes, so a run cut short still leaves its numbers.
          log(`${row.benchmark} | ${row.result} | ${row.baseline} | ${row.comparison}`);
        };
        add({ benchmark: `scale ${dialect}: build ${size.toLocaleString("en")} stories`, result: `${buildSeconds.toFixed(0)} s`, baseline: "-", comparison: "-" });
        for (const [name, r] of Object.entries(result)) {
          const b = baseline[name];
          const ratio = r.p95 / b.p95;
          add({
            benchmark: `scale ${dialect} ${size.toLocaleString("en")}: ${name}`,
            result: `p50 ${r.p50.toFixed(1)} / p95 ${r.p95.toFixed(1)} ms`,
            baseline: `1,000: p50 ${b.p50.toFixed(1)} / p95 ${b.p95.toFixed(1)} ms`,
            comparison: `p95 ×${ratio.toFixed(2)}${name.includes("during") ? ` (idle ×${(r.p95 / result["/api/v1/me idle"].p95).toFixed(2)})` : ""}`,
          });
        }
      }
    } finally {
      await db.destroy();
      await dropPg?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
