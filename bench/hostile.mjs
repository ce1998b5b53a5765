// Hostile inputs (issue 11): for each endpoint that accepts text or files, its
// largest allowed input in its worst shape (repeated numbers, repeated
// sentences, deep markup, one huge paragraph, a mixed-script word, entity-heavy
// XML) beside a typical input of the same size, in the same run, against the
// production server started as a user starts it (scripts/start.mjs): time, the
// server's peak memory during the request (VmHWM of its process, reset before
// each request), and the p99 latency of GET /api/v1/me polled meanwhile.
// Goal: worst ≤ 5× typical, p99 ≤ 100 ms; each row says PASS or MISS.
// File imports run as dry runs (they parse and check everything, and write
// nothing, so the typical and the worst file meet the same database).
// BENCH_HOSTILE_ONLY=tmx,xliff runs the rows whose name contains one of the
// words; BENCH_HOSTILE_TMX_MB sizes the TMX files (default: the 200 MB cap).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/start.mjs";
import { root } from "./lib.mjs";

const REPS = Number(process.env.BENCH_HOSTILE_REPS ?? 3);
const ONLY = (process.env.BENCH_HOSTILE_ONLY ?? "").split(",").map((w) => w.trim()).filter(Boolean);
const want = (name) => !ONLY.length || ONLY.some((w) => name.includes(w) || w.includes(name));
const TMX_BYTES = Number(process.env.BENCH_HOSTILE_TMX_MB ?? 200) * 1024 * 1024;
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

/** Fills `target` bytes with `unit(i)` pieces (i = 0, 1, …) between `head` and `tail`. */
function fill(head, tail, target, unit) {
  const parts = [head];
  let bytes = Buffer.byteLength(head) + Buffer.byteLength(tail);
  for (let i = 0; ; i++) {
    const u = unit(i);
    const b = Buffer.byteLength(u);
    if (bytes + b > target) break;
    parts.push(u);
    bytes += b;
  }
  parts.push(tail);
  return parts.join("");
}
const xmlEscape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Every character as a numeric character reference. */
const entities = (t) => Array.from(t, (c) => `&#${c.codePointAt(0)};`).join("");
const lines = (lang) => prose(200_000, lang).split("\n\n").filter(Boolean);

/** Story import (preview: parse and segment, writes nothing), 2 MB text/HTML. */
function storyCases(raw) {
  const max = 2 * 1024 * 1024 - 1024;
  const en = lines("en");
  const typical = fill("", "", max, (i) => `${en[i % en.length]} (${i})\n\n`);
  const html = fill("<html><body>", "</body></html>", max, (i) => `<p>${xmlEscape(en[i % en.length])} (${i})</p>\n`);
  const depth = 200;
  const deep = fill("<html><body>", "</body></html>", max, (i) => `${"<div><span>".repeat(depth)}${xmlEscape(en[i % en.length])}${"</span></div>".repeat(depth)}\n`);
  return [
    { name: "story import txt", path: "/api/v1/documents/preview?format=txt&sentences=1", typical: raw("text/plain", typical), worst: raw("text/plain", typical.replace(/\n\n/g, " ")), shape: "one huge paragraph" },
    { name: "story import txt numbers", path: "/api/v1/documents/preview?format=txt&sentences=1", typical: raw("text/plain", typical), worst: raw("text/plain", fill("", "", max, (i) => `No. 1. U.S. 2.5 ${i % 10}. `)), shape: "repeated numbers and abbreviations, one paragraph" },
    { name: "story import html", path: "/api/v1/documents/preview?format=html&sentences=1", typical: raw("text/html", html), worst: raw("text/html", deep), shape: `deep markup (${depth * 2} levels)` },
  ];
}

/** TMX import (dry run), up to the 200 MB cap. */
function tmxCases(raw) {
  const en = lines("en");
  const tr = lines("tr");
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" creationtoolversion="1" segtype="paragraph" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/><body>\n`;
  const tail = "</body></tmx>\n";
  const tu = (s, t) => `<tu><tuv xml:lang="en"><seg>${s}</seg></tuv><tuv xml:lang="tr"><seg>${t}</seg></tuv></tu>\n`;
  const typical = fill(head, tail, TMX_BYTES, (i) => tu(`${xmlEscape(en[i % en.length])} (${i})`, `${xmlEscape(tr[i % tr.length])} (${i})`));
  const repeated = fill(head, tail, TMX_BYTES, () => tu(xmlEscape(en[0]), xmlEscape(tr[0])));
  const ent = fill(head, tail, TMX_BYTES, (i) => tu(entities(`${en[i % en.length]} (${i})`), entities(`${tr[i % tr.length]} (${i})`)));
  return [
    { name: "tmx import", path: "/api/v1/tm/import?dryRun=1", typical: raw("application/xml", typical), worst: raw("application/xml", repeated), shape: "one unit repeated" },
    { name: "tmx import entities", path: "/api/v1/tm/import?dryRun=1", typical: raw("application/xml", typical), worst: raw("application/xml", ent), shape: "entity-heavy XML (every character a reference)" },
  ];
}

/** Glossary import (CSV and TBX, dry run), 20 MB; the files written by the app's own serializers. */
async function glossaryCases(raw) {
  const { serializeCsv, serializeTbx } = await import("../features/glossary/exchange/index.ts");
  const max = 20 * 1024 * 1024 - 4096;
  const term = (lang, text) => ({ lang, text, type: "fullForm", pos: "properNoun", usage: "preferred", caseSensitive: false, doNotTranslate: false, commonWord: false, plainVowels: false, note: null, status: "approved", proposedBy: null, proposedAt: null, reviewedBy: null, reviewedAt: null, reviewComment: null });
  const concept = (id, en, tr, definition) => ({ id, subject: "place", definition, note: null, terms: [term("en", en), term("tr", tr)], entry: id });
  // Sized by the bytes of one concept, so a file is written once.
  const build = (serialize, make) => {
    const one = Buffer.byteLength(serialize([make(0)]));
    const per = Math.max(1, Buffer.byteLength(serialize([make(0), make(1)])) - one);
    let n = Math.floor((max - one) / per);
    let out = serialize(Array.from({ length: n }, (_, i) => make(i)));
    while (Buffer.byteLength(out) > max) out = serialize(Array.from({ length: (n = Math.floor(n * 0.98)) }, (_, i) => make(i)));
    return out;
  };
  const distinct = (i) => concept(`bench-${i}`, `Benchplace ${i}`, `Bençyeri ${i}`, `A place of the bench, number ${i}.`);
  const same = () => concept("bench-1", "Benchplace", "Bençyeri", "A place of the bench.");
  const typicalTbx = build(serializeTbx, distinct);
  // Every character of the terms and definitions as a numeric reference.
  const entityfy = (xml) => xml.replace(/(<term>|<descrip type="definition">)([^<]*)(<\/)/g, (_, a, t, b) => a + entities(t) + b);
  const entityTbx = build((cs) => entityfy(serializeTbx(cs)), distinct);
  return [
    { name: "glossary import csv", path: "/api/v1/glossary/import?format=csv&dryRun=1", typical: raw("text/csv", build(serializeCsv, distinct)), worst: raw("text/csv", build(serializeCsv, same)), shape: "one concept and term repeated" },
    { name: "glossary import tbx", path: "/api/v1/glossary/import?format=tbx&dryRun=1", typical: raw("application/x-tbx+xml", typicalTbx), worst: raw("application/x-tbx+xml", entityTbx), shape: "entity-heavy XML" },
  ];
}

/** XLIFF import (dry run), 10 MB: the document's own units and more. */
async function xliffCases(raw, url, cookie) {
  const max = 10 * 1024 * 1024 - 4096;
  const xlf = await fetch(`${url}/api/v1/documents/idlib-2020-02-28/xliff?lang=tr&version=2.1`, { headers: { cookie } }).then((r) => r.text());
  const at = xlf.lastIndexOf("</file>");
  const head = xlf.slice(0, at);
  const tail = xlf.slice(at);
  const en = lines("en");
  const tr = lines("tr");
  const unit = (i, target) => `<unit id="bench-${i}"><segment><source>${xmlEscape(`${en[i % en.length]} (${i})`)}</source><target>${target}</target></segment></unit>\n`;
  const typical = fill(head, tail, max, (i) => unit(i, xmlEscape(`${tr[i % tr.length]} (${i})`)));
  const depth = 40;
  const deep = fill(head, tail, max, (i) => unit(i, `${Array.from({ length: depth }, (_, k) => `<pc id="p${k}">`).join("")}${xmlEscape(tr[i % tr.length])}${"</pc>".repeat(depth)}`));
  const ent = fill(head, tail, max, (i) => unit(i, entities(`${tr[i % tr.length]} (${i})`)));
  return [
    { name: "xliff import", path: "/api/v1/documents/idlib-2020-02-28/xliff?lang=tr&dryRun=1", typical: raw("application/xliff+xml", typical), worst: raw("application/xliff+xml", deep), shape: `deep markup (${depth} nested <pc>)` },
    { name: "xliff import entities", path: "/api/v1/documents/idlib-2020-02-28/xliff?lang=tr&dryRun=1", typical: raw("application/xliff+xml", typical), worst: raw("application/xliff+xml", ent), shape: "entity-heavy XML" },
  ];
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
      up = await fetch(`${url}/api/v1/me`).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    const server = descendants(child.pid).find((p) => fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("next")) ?? child.pid;
    const signIn = await fetch(`${url}/api/auth/sign-in/username`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify({ username: "admin", password: "newsroom-demo" }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const headers = { origin: url, cookie };

    const N = 99_998;
    const sentence = "Türk askerleri İdlib'de Suriye hükümet güçleriyle çatıştı. ";
    const alignChars = 999_000;
    const json = (body) => ({ type: "application/json", body: JSON.stringify(body) });
    const raw = (type, body) => ({ type, body });
    const cases = [
      { name: "qa/check 2×100k chars", path: "/api/v1/qa/check", worst: json({ sourceLang: "en", targetLang: "tr", source: "1.".repeat(N / 2), target: "1,".repeat(N / 2) }), typical: json({ sourceLang: "en", targetLang: "tr", source: prose(N, "en"), target: prose(N, "tr") }), shape: "repeated numbers" },
      { name: "qa/check one huge word", path: "/api/v1/qa/check", worst: json({ sourceLang: "en", targetLang: "ru", source: "a", target: "жa".repeat(N / 2) }), typical: json({ sourceLang: "en", targetLang: "ru", source: "a", target: prose(N, "ru") }), shape: "one 100k-letter mixed-script word" },
      { name: "glossary/recognize 100k", path: "/api/v1/glossary/recognize", worst: json({ lang: "en", text: "Idlib ".repeat(N / 6) }), typical: json({ lang: "en", text: prose(N, "en") }), shape: "one term repeated" },
      { name: "glossary/lookup 2×100k", path: "/api/v1/glossary/lookup", worst: json({ sourceLang: "en", targetLang: "tr", source: "Idlib ".repeat(N / 6), target: "İdlib ".repeat(N / 6) }), typical: json({ sourceLang: "en", targetLang: "tr", source: prose(N, "en"), target: prose(N, "tr") }), shape: "one term repeated" },
      { name: `align ${Math.round(alignChars / 1000)}k chars`, path: "/api/v1/documents/idlib-2020-02-28/align", worst: json({ lang: "tr", text: sentence.repeat(Math.floor(alignChars / sentence.length)) }), typical: json({ lang: "tr", text: prose(alignChars, "tr") }), shape: "one sentence repeated" },
      ...(want("story") ? storyCases(raw) : []),
      ...(want("tmx") ? tmxCases(raw) : []),
      ...(want("xliff") ? await xliffCases(raw, url, cookie) : []),
      ...(want("glossary import") ? await glossaryCases(raw) : []),
    ].filter((c) => want(c.name));

    const measure = async (c, input) => {
      const times = [];
      const me = [];
      let peak = 0;
      let statusCode = 0;
      const reps = input.body.length > 5_000_000 ? 1 : REPS;
      for (let rep = 0; rep < reps; rep++) {
        resetPeak(server);
        let done = false;
        const poll = (async () => {
          while (!done) {
            const t0 = performance.now();
            const ok = await fetch(`${url}/api/v1/me`, { headers: { cookie } }).then((r) => r.arrayBuffer().then(() => r.ok), () => false);
            // A failed /me (the server gone) counts as an unbounded wait.
            me.push(ok ? performance.now() - t0 : Infinity);
            if (!ok) await new Promise((r) => setTimeout(r, 500));
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
        const t0 = performance.now();
        try {
          const r = await fetch(url + c.path, { method: "POST", headers: { ...headers, "content-type": input.type }, body: input.body });
          await r.arrayBuffer();
          statusCode = r.status;
        } catch (e) {
          statusCode = `failed: ${e.cause?.code ?? e.message}`;
        }
        times.push(performance.now() - t0);
        done = true;
        await poll;
        if (!fs.existsSync(`/proc/${server}`)) return { ms: times[0], peak, p99: Infinity, status: `${statusCode}, server exited`, dead: true };
        peak = Math.max(peak, status(server, "VmHWM"));
      }
      times.sort((a, b) => a - b);
      me.sort((a, b) => a - b);
      return { ms: times[Math.floor(times.length / 2)], peak, p99: pct(me, 99), status: statusCode };
    };
    const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
    const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.round(n / 1000)} KB`);
    const typicals = new Map();
    for (const c of cases) {
      process.stderr.write(`  ${c.name}: ${c.shape}\n`);
      const key = `${c.path} ${c.typical.body.length}`;
      if (!typicals.has(key)) {
        if (c.typical.body.length <= 5_000_000) await measure(c, c.typical); // warm-up
        typicals.set(key, await measure(c, c.typical));
      }
      const typical = typicals.get(key);
      if (typical.dead) {
        rows.push({ benchmark: `hostile ${c.name}: typical input`, result: "the server exited", baseline: `HTTP ${typical.status}`, comparison: "MISS" });
        break;
      }
      const worst = await measure(c, c.worst);
      const ratio = worst.ms / typical.ms;
      const p99 = Math.max(worst.p99, typical.p99);
      const pass = ratio <= 5 && p99 <= 100;
      rows.push({
        benchmark: `hostile ${c.name} (${size(Buffer.byteLength(c.worst.body))}): ${c.shape} vs typical`,
        result: `${worst.ms.toFixed(0)} ms, peak ${mb(worst.peak)}, /me p99 ${worst.p99.toFixed(0)} ms (HTTP ${worst.status})`,
        baseline: `${typical.ms.toFixed(0)} ms, peak ${mb(typical.peak)}, /me p99 ${typical.p99.toFixed(0)} ms (HTTP ${typical.status})`,
        comparison: `${pass && !worst.dead ? "PASS" : "MISS"}: ${ratio.toFixed(2)}× time (≤ 5×), p99 ${p99.toFixed(0)} ms (≤ 100)`,
      });
      process.stderr.write(`    ${rows.at(-1).result} | ${rows.at(-1).baseline} | ${rows.at(-1).comparison}\n`);
      if (worst.dead) break; // the rows after it would measure nothing
    }
    rows.push({ benchmark: "hostile: load average (1, 5, 15 min) at the end", result: os.loadavg().map((l) => l.toFixed(2)).join(", "), baseline: `${os.availableParallelism()} cores`, comparison: "" });
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
