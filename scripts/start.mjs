#!/usr/bin/env node
// `npm start`: migrate and seed the database, build when the sources changed
// since the last build, then serve on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const BUILD_INPUTS = ["app", "features", "lib", "locales", "proxy.ts", "instrumentation.ts", "next.config.js", "tsconfig.json", "package-lock.json"];

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function hashInputs() {
  const h = createHash("sha256");
  const walk = (p) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const st = fs.statSync(full);
    if (st.isDirectory()) for (const e of fs.readdirSync(full).sort()) walk(path.join(p, e));
    else h.update(p).update(fs.readFileSync(full));
  };
  BUILD_INPUTS.forEach(walk);
  return h.digest("hex");
}

/** Builds unless the build in distDir was made from exactly these sources. */
export function ensureBuild(distDir = process.env.NEXT_DIST_DIR || ".next") {
  const stampFile = path.join(root, distDir, "source-hash");
  const hash = hashInputs();
  const fresh = fs.existsSync(path.join(root, distDir, "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (fresh) return;
  console.log("Building the app (sources changed since the last build)…");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { NEXT_DIST_DIR: distDir });
  fs.writeFileSync(stampFile, hash);
}

export function migrateAndSeed(env = {}) {
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/seed.ts"], env);
}

/**
 * The command line that serves the built app on `port`: `next start`, with the
 * preload that tells the app each request's socket address (see
 * scripts/socket-address.mjs and TRUSTED_PROXIES), and the one that gives the
 * cached reader pages their cache headers, ETag and hash CSP, and compresses
 * (scripts/reader-response.mjs), and the one that bounds a stop's wait for open
 * connections (scripts/graceful-close.mjs).
 */
export function nextStartArgs(port) {
  const preload = (file) => ["--import", pathToFileURL(path.join(root, "scripts", file)).href];
  return [...preload("socket-address.mjs"), ...preload("reader-response.mjs"), ...preload("graceful-close.mjs"), "node_modules/next/dist/bin/next", "start", "-p", String(port), "--keepAliveTimeout", String(keepAliveTimeoutMs())];
}

/**
 * How long an idle keep-alive connection stays open (KEEP_ALIVE_TIMEOUT_MS, default
 * 65 s). Node's default of 5 s is shorter than the idle timeout of the proxies and
 * clients in front of the app (nginx 75 s, cloud load balancers 60 s): a client that
 * reuses a connection just as the server closes it gets ECONNRESET. The server tells
 * clients its timeout (`Keep-Alive: timeout=65`), so they close first.
 */
export function keepAliveTimeoutMs() {
  const raw = process.env.KEEP_ALIVE_TIMEOUT_MS;
  if (raw === undefined || raw === "") return 65_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1000) throw new Error(`KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds, at least 1000 (got ${JSON.stringify(raw)})`);
  return ms;
}

/** Serves the built app with `next start` as a child that owns the port. */
export function serve(port, env = {}) {
  const server = spawn(process.execPath, nextStartArgs(port), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  // A stop asked for (SIGTERM from systemd, docker stop, Ctrl-C) is a clean exit: Next answers
  // it with 128 + the signal's number, which would read as a failure to a supervisor.
  let stopping = null;
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      stopping = sig;
      server.kill(sig);
    });
  }
  const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 };
  server.on("exit", (code, signal) => process.exit(stopping && (signal === stopping || code === SIGNAL_CODES[stopping]) ? 0 : (code ?? 1)));
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateAndSeed();
  ensureBuild();
  serve(process.env.PORT || "3000");
}
