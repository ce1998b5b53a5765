// Hostile inputs (issue 11): for each endpoint that accepts text, its largest
// allowed input in its worst shape beside a typical input of the same size,
// in the same run, against the production server started as a user starts it
// (scripts/start.mjs): time, the server's peak memory during the request
// (VmHWM of its process, reset before each request), and the p99 latency of
// GET /api/v1/me polled meanwhile. Goal: worst ≤ 5× typical, p99 ≤ 100 ms.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/start.mjs";
import { root } from "./lib.mjs";

const REPS = Number(process.env.BENCH_HOSTILE_REPS ?? 3);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The pids under `pid` (the server is start.mjs's child). */
function descendants(pid) {
  const out = [];
  for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
    const kids = fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    for (const k of kids) out.push(k, ...descendants(k));
  }
  return out;
}
const status = (pid, field) => Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0) * 1024;
const resetPeak = (pid) => {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    /* not allowed: the peak is then since start */
  }
};

/** Prose of about `chars` characters, every sentence different (numbers, names, quotes). */
function prose(chars, lang) {
  const story = JSON.parse(fs.readFileSync(path.join(root, "content/stories/idlib-2020-02-28", lang === "en" ? "en.json" : `${lang}.json`), "utf8"));
  const paras = lang === "en" ? story.segments.map((s) => s.text) : Object.values(story.translations);
  let out = "";
  for (let i = 0; out.length < chars; i++) out += `${paras[i % paras.length]} (${i + 1})\n\n`;
  return out.slice(0, chars);
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-hostile-"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), NEXT_DIST_DIR: distDir, SQLITE_PATH: path.join(dataDir, "bench.sqlite"), PUBLIC_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const rows = [];
  try {
    for (let up = false; !up; ) {
      if (child.exitCode !== null) throw new Error("npm start exited");
      up = await fetch(`${url}/api/v1/me`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    const server = descendants(child.pid).find((p) => fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("next")) ?? child.pid;
    const signIn = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const headers = { "content-type": "application/json", origin: url, cookie };

    const N = 99_998;
    const sentence = "Türk askerleri İdlib'de Suriye hükümet güçleriyle çatıştı. ";
    const alignChars = sentence.length * 10_000;
    const cases = [
      { name: "qa/check 2×100k chars", path: "/api/v1/qa/check", worst: { sourceLang: "en", targetLang: "tr", source: "1.".repeat(N / 2), target: "1,".repeat(N / 2) }, typical: { sourceLang: "en", targetLang: "tr", source: prose(N, "en"), target: prose(N, "tr") }, shape: "repeated numbers" },
      { name: "glossary/recognize 100k", path: "/api/v1/glossary/recognize", worst: { lang: "en", text: "Idlib ".repeat(N / 6) }, typical: { lang: "en", text: prose(N, "en") }, shape: "one term repeated" },
      { name: "glossary/lookup 2×100k", path: "/api/v1/glossary/lookup", worst: { sourceLang: "en", targetLang: "tr", source: "Idlib ".repeat(N / 6), target: "Idlib ".repeat(N / 6) }, typical: { sourceLang: "en", targetLang: "tr", source: prose(N, "en"), target: prose(N, "tr") }, shape: "one term repeated" },
      { name: "qa/check one huge paragraph", path: "/api/v1/qa/check", worst: { sourceLang: "en", targetLang: "ru", source: "a", target: "жa".repeat(N / 2) }, typical: { sourceLang: "en", targetLang: "ru", source: "a", target: prose(N, "ru") }, shape: "one 100k-letter word" },
      { name: `align ${Math.round(alignChars / 1000)}k chars`, path: "/api/v1/documents/idlib-2020-02-28/align", worst: { lang: "tr", text: sentence.repeat(10_000) }, typical: { lang: "tr", text: prose(alignChars, "tr") }, shape: "one sentence repeated" },
    ];

    const measure = async (c, body) => {
      const json = JSON.stringify(body);
      const times = [];
      const me = [];
      let peak = 0;
      let statusCode = 0;
      for (let rep = 0; rep < REPS; rep++) {
        resetPeak(server);
        let done = false;
        const poll = (async () => {
          while (!done) {
            const t0 = performance.now();
            await fetch(`${url}/api/v1/me`, { headers: { cookie } }).then((r) => r.arrayBuffer());
            me.push(performance.now() - t0);
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
        const t0 = performance.now();
        const r = await fetch(url + c.path, { method: "POST", headers, body: json });
        await r.arrayBuffer();
        times.push(performance.now() - t0);
        statusCode = r.status;
        done = true;
        await poll;
        peak = Math.max(peak, status(server, "VmHWM"));
      }
      times.sort((a, b) => a - b);
      me.sort((a, b) => a - b);
      return { ms: times[Math.floor(times.length / 2)], peak, p99: pct(me, 99), status: statusCode };
    };
    const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
    for (const c of cases) {
      await measure(c, c.typical); // warm-up
      const typical = await measure(c, c.typical);
      const worst = await measure(c, c.worst);
      rows.push({
        benchmark: `hostile ${c.name}: ${c.shape} vs prose`,
        result: `${worst.ms.toFixed(0)} ms, peak ${mb(worst.peak)}, /me p99 ${worst.p99.toFixed(0)} ms (HTTP ${worst.status})`,
        baseline: `${typical.ms.toFixed(0)} ms, peak ${mb(typical.peak)}, /me p99 ${typical.p99.toFixed(0)} ms (HTTP ${typical.status})`,
        comparison: `${(worst.ms / typical.ms).toFixed(2)}× time (goal ≤ 5×), p99 ${worst.p99 <= 100 ? "≤" : ">"} 100 ms`,
      });
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
