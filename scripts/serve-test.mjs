#!/usr/bin/env node
// Server for the end-to-end tests: its own build directory, a fresh SQLite
// database seeded with the stories plus the test fixtures, on E2E_PORT.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed, serve } from "./start.mjs";
import { writeLongStory } from "../tests/helpers/long-story.mjs";

const distDir = process.env.NEXT_DIST_DIR || ".next-test";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-e2e-"));
const port = process.env.E2E_PORT || "3100";
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
