// Large file imports off the request thread (issue 11, finding 10): a 5 MB
// TMX and a 16 MB glossary CSV imported through HTTP into the production
// server started as a user starts it (scripts/start.mjs), while another
// client polls GET /api/v1/me. Reports the import's time, the server's peak
// memory (VmHWM of its process, worker threads included, reset before each
// import) and the p99 of /me meanwhile, beside /me p99 on the idle server in
// the same run, with the load average.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/start.mjs";
import { root } from "./lib.mjs";

const MB = 1024 * 1024;
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

/** A TMX file of about `bytes` bytes, English–Turkish units, every one different. */
function tmx(bytes) {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="bench" creationtoolversion="1" o-tmf="bench"/><body>\n'];
  let size = parts[0].length;
  let units = 0;
  for (let i = 0; size < bytes; i++) {
    const tu = `<tu><tuv xml:lang="en"><seg>Turkish soldiers clashed with Syrian government forces in Idlib on day ${i} of the offensive.</seg></tuv><tuv xml:lang="tr"><seg>Türk askerleri saldırının ${i}. gününde İdlib'de Suriye hükümet güçleriyle çatıştı.</seg></tuv></tu>\n`;
    parts.push(tu);
    size += Buffer.byteLength(tu);
    units++;
  }
  parts.push("</body></tmx>\n");
  return { body: Buffer.from(parts.join("")), units };
}

/** A workbench glossary CSV of about `bytes` bytes: concepts with an English and a Turkish term each. */
function csv(bytes) {
  const parts = ["conceptId,lang,text\r\n"];
  let size = parts[0].length;
  let concepts = 0;
  for (let i = 0; size < bytes; i++) {
    const rows = `bench-${i},en,field hospital number ${i}\r\nbench-${i},tr,${i} numaralı sahra hastanesi\r\n`;
    parts.push(rows);
    size += Buffer.byteLength(rows);
    concepts++;
  }
  return { body: Buffer.from(parts.join("")), concepts };
}

/** A POST on a connection of its own (fetch may reuse a kept-alive socket the server has closed: EPIPE). */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent: false, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-imports-"));
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
      up = await fetch(`${url}/api/v1/me`).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    const server = descendants(child.pid).find((p) => fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("next")) ?? child.pid;
    const signIn = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    /** Polls /me every 20 ms while `work` runs; its latencies, sorted. */
    const polled = async (work) => {
      const me = [];
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t0 = performance.now();
          await fetch(`${url}/api/v1/me`, { headers: { cookie } }).then((r) => r.arrayBuffer());
          me.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      let result;
      try {
        result = await work();
      } finally {
        done = true;
        await poll;
      }
      return { result, me: me.sort((a, b) => a - b) };
    };
    const idle = await polled(() => new Promise((r) => setTimeout(r, 3000)));

    const file = tmx(5 * MB);
    const sheet = csv(16 * MB);
    const cases = [
      { name: `TMX ${(file.body.length / MB).toFixed(1)} MB (${file.units} units)`, path: "/api/v1/tm/import?filename=bench.tmx", type: "application/xml", body: file.body },
      { name: `glossary CSV ${(sheet.body.length / MB).toFixed(1)} MB (${sheet.concepts} concepts)`, path: "/api/v1/glossary/import?format=csv&filename=bench.csv", type: "text/csv", body: sheet.body },
    ];
    const mb = (b) => `${(b / MB).toFixed(0)} MB`;
    for (const c of cases) {
      process.stderr.write(`… imports ${c.name}\n`);
      resetPeak(server);
      const load = os.loadavg()[0];
      const { result, me } = await polled(async () => {
        const t0 = performance.now();
        const r = await post(url + c.path, { "content-type": c.type, origin: url, cookie }, c.body);
        return { ms: performance.now() - t0, status: r.status, error: r.status === 200 ? "" : ` ${r.text.slice(0, 120)}` };
      });
      rows.push({
        benchmark: `imports ${c.name}`,
        result: `${(result.ms / 1000).toFixed(1)} s (HTTP ${result.status}${result.error}), peak ${mb(status(server, "VmHWM"))}, /me p99 ${pct(me, 99).toFixed(0)} ms over ${me.length} requests`,
        baseline: `/me p99 ${pct(idle.me, 99).toFixed(0)} ms idle`,
        comparison: `/me p99 ${(pct(me, 99) / Math.max(1, pct(idle.me, 99))).toFixed(1)}× idle; load average ${load.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`,
      });
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
