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

function ensureChromium() {
  const found = chromiumPath();
  if (fs.existsSync(found)) return found;
  if (process.env.CHROMIUM_PATH) {
    console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    process.exit(1);
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  const sudo = !isRoot && spawnSync("sudo", ["-n", "true"]).status === 0;
  if (hasApt && (isRoot || sudo)) {
    const prefix = isRoot ? [] : ["sudo", "-n"];
    console.log("Chromium is missing: installing Debian's chromium package…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]) {
      const cmd = [...prefix, ...args];
      const r = spawnSync(cmd[0], cmd.slice(1), { stdio: "inherit", env });
      if (r.status !== 0) break;
    }
    if (fs.existsSync(chromiumPath())) return chromiumPath();
  }
  console.error(
    [
      "The end-to-end tests need Chromium and it could not be installed here.",
      "Install it with:   sudo apt-get install chromium      (Debian/Ubuntu)",
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
