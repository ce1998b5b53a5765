#!/usr/bin/env node
// Server for the end-to-end tests: its own build directory, a fresh SQLite
// database seeded with the stories plus the test fixtures, on E2E_PORT (set by
// playwright.config.ts: the caller's, or a port the operating system gave).
// Two machine-translation stand-ins (tests/stubs/mt) run in this process on
// ports the operating system gives, and the app is pointed at them: DeepL, and
// an OpenAI-compatible engine that ignores the glossary terms of its prompt.
// Both answer after E2E_MT_DELAY_MS (default 400), slow enough that a
// pre-translation's progress and its cancelling can be watched. Only Russian
// is routed to them (`*` goes to LibreTranslate, which is not enabled), so the
// other specs see the editor without machine translation; E2E_MT_ROUTES
// overrides the routes (e.g. `tr=deepl,openai;*=libretranslate` runs the
// Turkish specs with the MT panel, which once showed a second, stale memory
// panel: it shared its React key with the memory panel).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed, serve } from "./start.mjs";
import { writeLongStory } from "../tests/helpers/long-story.mjs";
import { freePort } from "../tests/helpers/free-port.mjs";
import { writeMtStory } from "../tests/helpers/mt-story.mjs";
import { tsImport } from "tsx/esm/api";

const distDir = process.env.NEXT_DIST_DIR || ".next-test";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-e2e-"));
const port = process.env.E2E_PORT || String(await freePort());
const generated = path.join(dataDir, "content");
writeLongStory(generated);
writeMtStory(generated);
const { startDeepl } = await tsImport("../tests/stubs/mt/deepl.ts", import.meta.url);
const { startOpenAi } = await tsImport("../tests/stubs/mt/openai.ts", import.meta.url);
const delayMs = Number(process.env.E2E_MT_DELAY_MS ?? 400);
const deepl = await startDeepl("e2e-deepl-key:fx", { delayMs });
const llm = await startOpenAi("e2e-openai-key", { delayMs, ignoreTerms: true });
const env = {
  NEXT_DIST_DIR: distDir,
  PUBLIC_URL: `http://localhost:${port}`,
  PORT: port,
  SQLITE_PATH: path.join(dataDir, "e2e.sqlite"),
  EXTRA_CONTENT_DIR: ["tests/fixtures/content/stories", generated].join(path.delimiter),
  // E2E_MT=off: the app without machine translation (the stand-ins still run).
  ...(process.env.E2E_MT === "off"
    ? {}
    : { DEEPL_API_KEY: "e2e-deepl-key:fx", DEEPL_API_URL: deepl.url, OPENAI_BASE_URL: llm.url, OPENAI_API_KEY: "e2e-openai-key", OPENAI_MODEL: "e2e-model", MT_ROUTES: process.env.E2E_MT_ROUTES ?? "ru=deepl,openai;*=libretranslate" }),
};
process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
ensureBuild(distDir);
migrateAndSeed(env);
serve(port, env);
