#!/usr/bin/env node
// `npm run bench`: runs every entry in bench/ (or those named on the command
// line) and prints one table; each entry measures its baseline in the same run.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const benchDir = path.resolve(import.meta.dirname, "..", "bench");
const only = process.argv.slice(2);
const entries = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith(".mjs") && f !== "lib.mjs")
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, "")))
  .sort((a, b) => (a === "reader-js.mjs" ? -1 : b === "reader-js.mjs" ? 1 : a.localeCompare(b)));

const rows = [];
for (const file of entries) {
  process.stderr.write(`… ${file}\n`);
  const mod = await import(pathToFileURL(path.join(benchDir, file)).href);
  rows.push(...(await mod.run()));
}

const cols = ["benchmark", "result", "baseline", "comparison"];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
const line = (r) => `| ${cols.map((c) => String(r[c]).padEnd(width[c])).join(" | ")} |`;
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(`|${cols.map((c) => "-".repeat(width[c] + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
