// Machine translation (features/mt): pre-translation of a 1,000-segment document (NTREX
// sentences) against a DeepL stand-in that answers after 200 ms and refuses (429) more than
// two requests in flight, as a provider's rate limit would. The app batches segments (DeepL:
// 50 texts a request) and keeps within the provider's concurrency; the baseline, measured in
// the same run, sends one request per segment in sequence (timed on BENCH_MT_BASELINE
// segments and scaled to the document: 1,000 × 200 ms is over three minutes).
//
// Knobs: BENCH_MT_SEGMENTS (1000), BENCH_MT_LATENCY_MS (200), BENCH_MT_BASELINE (50).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib.mjs";
import { createDb } from "../lib/db/connection.ts";
import { migrateToLatest } from "../lib/db/migrate.ts";
import { createDocument } from "../features/documents/server/service.ts";
import { readMtConfig } from "../features/mt/config.ts";
import { pretranslationFinished, startPretranslation } from "../features/mt/server/pretranslate.ts";
import { startStub, fakeTranslate } from "../tests/stubs/mt/server.ts";

const SEGMENTS = Number(process.env.BENCH_MT_SEGMENTS ?? 1000);
const LATENCY = Number(process.env.BENCH_MT_LATENCY_MS ?? 200);
const BASELINE = Number(process.env.BENCH_MT_BASELINE ?? 50);
const MAX_IN_FLIGHT = 2;
const log = (s) => process.stderr.write(`  mt: ${s}\n`);

async function rateLimitedDeepl() {
  let inFlight = 0;
  const stats = { requests: 0, refused: 0, maxInFlight: 0 };
  const stub = await startStub((req) => {
    stats.requests++;
    if (inFlight >= MAX_IN_FLIGHT) {
      stats.refused++;
      return { status: 429, headers: { "retry-after": "1" }, body: { message: "Too many requests" } };
    }
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    setTimeout(() => inFlight--, LATENCY);
    const texts = req.body?.text ?? [];
    return { status: 200, delayMs: LATENCY, body: { translations: texts.map((t) => ({ detected_source_language: "EN", text: fakeTranslate(t, "tr") })) } };
  });
  return { stub, stats };
}

export async function run() {
  const lines = fs.readFileSync(path.join(root, "tests/fixtures/ntrex/newstest2019-src.eng.txt"), "utf8").split(/\r?\n/).filter(Boolean);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-mt-"));
  const db = createDb({ dialect: "sqlite", file: path.join(dir, "bench.sqlite") });
  try {
    await migrateToLatest(db);
    const segments = Array.from({ length: SEGMENTS }, (_, i) => ({ kind: "paragraph", text: `${lines[i % lines.length]} (${i})` }));
    await createDocument(db, { slug: "bench-mt", title: "Benchmark story", status: "published", segments }, { kind: "anonymous" });

    const { stub, stats } = await rateLimitedDeepl();
    const config = readMtConfig({ DEEPL_API_KEY: "bench:fx", DEEPL_API_URL: stub.url, MT_ROUTES: "*=deepl", MT_TIMEOUT_MS: "10000" });
    const t0 = performance.now();
    await startPretranslation(db, "bench-mt", { lang: "tr", threshold: 101, useMt: true }, "bench", config);
    const job = await pretranslationFinished(db, "bench-mt", "tr");
    const appMs = performance.now() - t0;
    log(`app: ${job.counts.mt} segments by MT in ${(appMs / 1000).toFixed(1)} s, ${stats.requests} requests, ${stats.refused} refused, at most ${stats.maxInFlight} in flight`);

    // Baseline: one request per segment, in sequence.
    const provider = config.providers.get("deepl");
    const store = { get: async () => undefined, set: async () => undefined };
    const t1 = performance.now();
    for (let i = 0; i < BASELINE; i++) {
      await provider.translate({ sourceLang: "en", targetLang: "tr", texts: [segments[i].text], terms: [], glossary: { version: 0, pairs: async () => [] } }, store);
    }
    const perSegment = (performance.now() - t1) / BASELINE;
    const baselineMs = perSegment * (SEGMENTS + 1);
    await stub.close();
    return [
      {
        benchmark: `pre-translate ${SEGMENTS + 1} segments (MT stand-in: ${LATENCY} ms, ≤ ${MAX_IN_FLIGHT} in flight)`,
        result: `${(appMs / 1000).toFixed(1)} s (${job.counts.mt} by MT; ${stats.refused} refused by the rate limit)`,
        baseline: `${(baselineMs / 1000).toFixed(1)} s (one request per segment in sequence; ${perSegment.toFixed(0)} ms each × ${SEGMENTS + 1})`,
        comparison: `${(baselineMs / appMs).toFixed(1)}× faster (goal ≥ 10×)`,
      },
    ];
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
