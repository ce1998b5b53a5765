#!/usr/bin/env node
// Server for the end-to-end tests: its own build directory, a fresh SQLite
// database seeded with the stories plus the test fixtures, on E2E_PORT (set by
// playwright.config.ts: the caller's, or a port the operating system gave).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed, serve } from "./start.mjs";
import { writeLongStory } from "../tests/helpers/long-story.mjs";
import { freePort } from "../tests/helpers/free-port.mjs";

const distDir = process.env.NEXT_DIST_DIR || ".next-test";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-e2e-"));
const port = process.env.E2E_PORT || String(await freePort());
const generated = path.join(dataDir, "content");
writeLongStory(generated);
const env = {
  NEXT_DIST_DIR: distDir,
  PUBLIC_URL: `http://localhost:${port}`,
  PORT: port,
  SQLITE_PATH: path.join(dataDir, "e2e.sqlite"),
  EXTRA_CONTENT_DIR: ["tests/fixtures/content/stories", generated].join(path.delimiter),
};
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
ensureBuild(distDir);
migrateAndSeed(env);
serve(port, env);
