#!/usr/bin/env node
// `npm test`: every test — type check, unit and data layer (vitest; PostgreSQL
// too when TEST_POSTGRES_URL is set), end-to-end in headless Chromium.
// Installs Debian's chromium first when it is missing and we may.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath } from "../tests/helpers/chromium.mjs";
import { ensureBuild } from "./start.mjs";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const hasXmllint = () => spawnSync("sh", ["-c", "command -v xmllint"]).status === 0;

// Chromium (end-to-end tests) and xmllint from libxml2-utils (TBX/TMX exports are validated against the official schemas).
function ensureChromium() {
  const found = chromiumPath();
  if (fs.existsSync(found) && hasXmllint()) return found;
  if (process.env.CHROMIUM_PATH && !fs.existsSync(found)) {
    console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    process.exit(1);
  }
  const packages = [...(fs.existsSync(found) ? [] : ["chromium"]), ...(hasXmllint() ? [] : ["libxml2-utils"])];
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  const sudo = !isRoot && spawnSync("sudo", ["-n", "true"]).status === 0;
  if (hasApt && (isRoot || sudo)) {
    const prefix = isRoot ? [] : ["sudo", "-n"];
    console.log(`Missing: installing Debian's ${packages.join(" and ")}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["apt-get", "update"], ["apt-get", "install", "-y", ...packages]]) {
      const cmd = [...prefix, ...args];
      const r = spawnSync(cmd[0], cmd.slice(1), { stdio: "inherit", env });
      if (r.status !== 0) break;
    }
    if (fs.existsSync(chromiumPath()) && hasXmllint()) return chromiumPath();
  }
  console.error(
    [
      `The tests need ${packages.join(" and ")} and ${packages.length > 1 ? "they" : "it"} could not be installed here.`,
      `Install with:   sudo apt-get install ${packages.join(" ")}      (Debian/Ubuntu)`,
      "or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test",
    ].join("\n"),
  );
  process.exit(1);
}

const chromium = ensureChromium();
console.log(`Chromium: ${chromium}`);
console.log(
  process.env.TEST_POSTGRES_URL
    ? "PostgreSQL: the data-layer suite runs against TEST_POSTGRES_URL too."
    : "PostgreSQL: TEST_POSTGRES_URL is not set, so the PostgreSQL data-layer suite is skipped (SQLite runs).",
);

run("Type check", process.execPath, ["node_modules/next/dist/bin/next", "typegen"]);
run("Type check (tsc)", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"]);
console.log("\n▶ Production build for the HTTP and end-to-end tests (.next-test)");
ensureBuild(".next-test");
run("Unit, data-layer, API and HTTP tests (vitest)", process.execPath, ["node_modules/vitest/vitest.mjs", "run"]);
run("End-to-end tests (Playwright, headless Chromium)", process.execPath, ["node_modules/@playwright/test/cli.js", "test"], { CHROMIUM_PATH: chromium });
console.log(`\n✓ All tests passed${process.env.TEST_POSTGRES_URL ? "" : " (PostgreSQL suite skipped: set TEST_POSTGRES_URL to run it)"}.`);
