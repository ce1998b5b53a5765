// Reader page first-load JavaScript against an empty App Router page built
// with the same Next.js in the same run. Goal: within 10 KB of it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, migrateAndSeed } from "../scripts/start.mjs";
import { firstLoadJs, kb, root, startNext, writeTree } from "./lib.mjs";

const EMPTY_APP = {
  "package.json": JSON.stringify({ private: true }),
  "next.config.js": `module.exports = { turbopack: { root: ${JSON.stringify(root)} } };\n`,
  "app/layout.js": "export default function RootLayout({ children }) { return <html lang=\"en\"><body>{children}</body></html>; }\n",
  "app/page.js": "export default function Page() { return <p>Empty</p>; }\n",
};

function buildEmptyApp() {
  const dir = path.join(root, ".bench", "empty-app");
  fs.rmSync(dir, { recursive: true, force: true });
  writeTree(dir, EMPTY_APP);
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`empty app build failed:\n${r.stdout}\n${r.stderr}`);
  return dir;
}

export async function run() {
  const distDir = ".next-test";
  ensureBuild(distDir);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wb-bench-"));
  const env = { NEXT_DIST_DIR: distDir, SQLITE_PATH: path.join(dataDir, "bench.sqlite") };
  migrateAndSeed(env);
  const app = await startNext({ cwd: root, port: 3210, env, readyPath: "/en" });
  let reader;
  try {
    reader = await firstLoadJs(`${app.url}/en/stories/idlib-2020-02-28`);
  } finally {
    app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const emptyDir = buildEmptyApp();
  const empty = await startNext({ cwd: emptyDir, port: 3211 });
  let baseline;
  try {
    baseline = await firstLoadJs(`${empty.url}/`);
  } finally {
    empty.stop();
  }
  const delta = reader.gzip - baseline.gzip;
  return [
    {
      benchmark: "Reader first-load JS (gzip)",
      result: `${kb(reader.gzip)} in ${reader.scripts} scripts`,
      baseline: `${kb(baseline.gzip)} (empty App Router page, ${baseline.scripts} scripts)`,
      comparison: `${delta >= 0 ? "+" : ""}${kb(delta)}, ×${(reader.gzip / baseline.gzip).toFixed(3)} (goal: ≤ +10 KB) ${delta <= 10 * 1024 ? "✓" : "✗"}`,
    },
  ];
}
