// A year of newsroom data (issue 12): databases of 1,000, 10,000 and 100,000
// NTREX-based stories (25–40 segments, four target languages partly translated
// and approved, a memory unit per approval, published editions): the first
// thousand through the repository layer's bulk inserts, the rest as dated
// copies of them made in SQL, on SQLite and on PostgreSQL (when reachable).
// Databases are built once and kept in a cache (BENCH_SCALE_CACHE, default
// $TMPDIR/wb-bench-scale: SQLite files; PostgreSQL databases named
// wb_scale_<size>_<key>), keyed by size, dialect and a hash of the generator
// (tests/helpers/scale.ts, this file's build step); a rerun migrates them to the
// current schema (as the server's start does) instead of rebuilding.
// BENCH_SCALE_REBUILD=1 rebuilds. Each request is measured through HTTP against
// the production server (p50/p95), beside the same request at 1,000 stories in
// the same run; also the wait of GET /api/v1/me while the heaviest list
// renders, beside /api/v1/me idle. BENCH_SCALE_SIZES (default
// 1000,10000,100000), BENCH_SCALE_DIALECTS (default sqlite,postgres),
// BENCH_SCALE_SAMPLES (default 40) adjust it; BENCH_SCALE_BUILD_ONLY=1 only fills the cache.
// With the memory warm-up on (TM_WARM_START unset, as a server starts), each size is
// measured after the server reports the warm-up done ("translation memory ready"),
// reported as its own line; BENCH_SCALE_WARM_TIMEOUT (s, default 3600) bounds the wait.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild, migrateAndSeed } from "../scripts/start.mjs";
import { freePort } from "../tests/helpers/free-port.mjs";
import { root, startNext } from "./lib.mjs";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const DIALECTS = (process.env.BENCH_SCALE_DIALECTS ?? "sqlite,postgres").split(",");
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 40);
// The two /api/v1/me rows (3–20 ms each) are compared with each other: at least 300 samples, so that
// their p95 is not the third-slowest of 60 (BENCH_SCALE_ME_SAMPLES).
const ME_SAMPLES = Number(process.env.BENCH_SCALE_ME_SAMPLES ?? Math.max(SAMPLES, 300));
const CACHE = process.env.BENCH_SCALE_CACHE ?? path.join(os.tmpdir(), "wb-bench-scale");
const REBUILD = process.env.BENCH_SCALE_REBUILD === "1";
/** How long to wait for the memory warm-up before measuring anyway (BENCH_SCALE_WARM_TIMEOUT, seconds). */
const WARM_TIMEOUT_MS = Number(process.env.BENCH_SCALE_WARM_TIMEOUT ?? 3600) * 1000;
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
    "/api/v1/me idle": await timed(ME_SAMPLES, get("/api/v1/me")),
  };
  // Another client's wait while the heaviest list renders, over and over.
  let busy = true;
  const loader = (async () => {
    while (busy) await get(heaviest)();
  })();
  out["/api/v1/me during the heaviest list"] = await timed(ME_SAMPLES, get("/api/v1/me"));
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

/** Runs `fn` with an admin connection to the PostgreSQL server. */
async function pgAdmin(fn) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const pgUrlOf = (name) => {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The generator's version: a change to how stories are made rebuilds the cache. */
function generatorKey() {
  const h = crypto.createHash("sha256");
  for (const f of ["tests/helpers/scale.ts", "bench/scale.mjs"]) {
    const text = fs.readFileSync(path.join(root, f), "utf8");
    // Only the build step of this file counts, not the measuring.
    h.update(f.endsWith(".mjs") ? text.slice(text.indexOf("// BUILD-START"), text.indexOf("// BUILD-END")) : text);
  }
  return h.digest("hex").slice(0, 10);
}

// BUILD-START
/**
 * Makes sure a database of each size exists in the cache for `dialect`, building
 * the missing ones in one pass (1,000 stories through the repository layer, then
 * copies of them, a snapshot kept at each size). Returns each size's database
 * configuration.
 */
async function cachedDatabases(dialect, key) {
  const { createDb, optimizeDatabase } = await import("../lib/db/connection.ts");
  const { migrateToLatest } = await import("../lib/db/migrate.ts");
  const { buildStories, stageBaseStories, dropBaseStories, copyStories } = await import("../tests/helpers/scale.ts");
  fs.mkdirSync(CACHE, { recursive: true });
  const configOf = (size) => (dialect === "sqlite" ? { dialect, file: path.join(CACHE, `sqlite-${size}-${key}.sqlite`) } : { dialect, url: pgUrlOf(`wb_scale_${size}_${key}`), name: `wb_scale_${size}_${key}` });
  const exists = async (size) => {
    const config = configOf(size);
    if (dialect === "sqlite") return fs.existsSync(config.file);
    return pgAdmin(async (c) => (await c.query("select 1 from pg_database where datname = $1", [config.name])).rowCount > 0);
  };
  const drop = async (size) => {
    const config = configOf(size);
    if (dialect === "sqlite") for (const f of [config.file, `${config.file}-wal`, `${config.file}-shm`]) fs.rmSync(f, { force: true });
    else await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${config.name} WITH (FORCE)`));
  };
  const sizes = [...SIZES].sort((a, b) => a - b);
  const missing = [];
  for (const size of sizes) if (REBUILD || !(await exists(size))) missing.push(size);
  if (missing.length > 0) {
    const largest = missing.at(-1);
    const buildName = `wb_scale_building_${process.pid}`;
    const buildConfig = dialect === "sqlite" ? { dialect, file: path.join(CACHE, `${buildName}.sqlite`) } : { dialect, url: pgUrlOf(buildName) };
    if (dialect === "postgres") await pgAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${buildName} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${buildName}`);
    });
    let db = createDb(buildConfig);
    await migrateToLatest(db);
    const t0 = performance.now();
    await buildStories(db, 0, Math.min(1000, largest));
    await stageBaseStories(db);
    let built = Math.min(1000, largest);
    for (const size of missing) {
      for (let copy = built / 1000; copy < size / 1000; copy++) {
        await copyStories(db, copy);
        if ((copy + 1) % 10 === 0) log(`${dialect}: ${(copy + 1) * 1000} stories (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
      built = size;
      await drop(size);
      if (size === largest) {
        await dropBaseStories(db);
        await optimizeDatabase(db, "after-import");
        await db.destroy();
        if (dialect === "sqlite") {
          for (const ext of ["", "-wal", "-shm"]) if (fs.existsSync(buildConfig.file + ext)) fs.renameSync(buildConfig.file + ext, configOf(size).file + ext);
        } else await pgAdmin((c) => c.query(`ALTER DATABASE ${buildName} RENAME TO ${configOf(size).name}`));
      } else {
        await optimizeDatabase(db, "after-import");
        if (dialect === "sqlite") {
          const { sql } = await import("kysely");
          await sql`VACUUM INTO ${configOf(size).file}`.execute(db);
        } else {
          await db.destroy();
          await pgAdmin((c) => c.query(`CREATE DATABASE ${configOf(size).name} TEMPLATE ${buildName}`));
          db = createDb(buildConfig);
        }
      }
      log(`${dialect}: ${size.toLocaleString("en")} stories built and cached in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  return Object.fromEntries(sizes.map((size) => [size, configOf(size)]));
}
// BUILD-END

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const { createDb } = await import("../lib/db/connection.ts");
  const key = generatorKey();
  const rows = [];
  const add = (row) => {
    rows.push(row);
    // Also as it comes, so a run cut short still leaves its numbers.
    log(`${row.benchmark} | ${row.result} | ${row.baseline} | ${row.comparison}`);
  };
  for (const dialect of DIALECTS) {
    if (dialect === "postgres" && !(await postgresReachable())) {
      add({ benchmark: "scale postgres", result: "skipped", baseline: "-", comparison: `not reachable at ${PG_URL.replace(/\/\/[^@]*@/, "//")}` });
      continue;
    }
    const t0 = performance.now();
    const configs = await cachedDatabases(dialect, key);
    add({ benchmark: `scale ${dialect}: databases ready (cache ${key})`, result: `${((performance.now() - t0) / 1000).toFixed(0)} s`, baseline: "-", comparison: "-" });
    if (process.env.BENCH_SCALE_BUILD_ONLY === "1") continue;
    let baseline;
    for (const size of SIZES) {
      const config = configs[size];
      const port = await freePort();
      const env = { NEXT_DIST_DIR: distDir, PUBLIC_URL: `http://localhost:${port}`, ...(dialect === "sqlite" ? { SQLITE_PATH: config.file, DATABASE_URL: "" } : { DATABASE_URL: config.url }) };
      migrateAndSeed(env);
      const db = createDb(config);
      // A published story among the first thousand, with a Turkish edition: the same story at every size.
      const first = await db
        .selectFrom("documents")
        .innerJoin("editions", "editions.document_id", "documents.id")
        .select("documents.slug")
        .where("editions.lang", "=", "tr")
        .where("editions.status", "=", "published")
        .where("documents.slug", "like", "scale-%")
        .orderBy("documents.slug")
        .limit(1)
        .executeTakeFirstOrThrow();
      await db.destroy();
      const started = performance.now();
      const app = await startNext({ cwd: root, port, env, readyPath: "/api/v1/me" });
      let result;
      try {
        // With the memory warm-up on (the server's default), measure once it has finished (its own line),
        // not while it indexes every pair in the background.
        if (process.env.TM_WARM_START !== "0") {
          const ready = await app.waitForOutput(/translation memory ready: (\d+) language pairs in ([\d.]+) s|translation memory warm-up failed[^\n]*/, WARM_TIMEOUT_MS);
          add({
            benchmark: `scale ${dialect} ${size.toLocaleString("en")}: memory warm-up`,
            result: ready?.[2] ? `${ready[2]} s (${ready[1]} pairs)` : ready ? ready[0] : `not ready after ${((performance.now() - started) / 1000).toFixed(0)} s`,
            baseline: "-",
            comparison: "measured after it",
          });
        }
        result = await measure(app.url, first.slug);
      } finally {
        app.stop();
        await new Promise((r) => setTimeout(r, 1000));
      }
      baseline ??= result;
      add({ benchmark: `scale ${dialect} ${size.toLocaleString("en")}: load average`, result: os.loadavg().map((l) => l.toFixed(2)).join(" "), baseline: "-", comparison: "-" });
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
  }
  return rows;
}
