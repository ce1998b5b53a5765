// Helpers shared by the benchmark entries.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const root = path.resolve(import.meta.dirname, "..");

/**
 * The shared corpora folder (`shared/corpora`): SHARED_DIR/corpora when SHARED_DIR is set, else the
 * first `shared/corpora` found going up from the checkout (`<repo>/../shared` for the main checkout,
 * `<repo>/../../shared` for a worktree under wt/). Null when there is none (the benches then use the
 * fixtures in tests/fixtures).
 */
export function sharedCorpora() {
  if (process.env.SHARED_DIR) {
    const dir = path.resolve(process.env.SHARED_DIR, "corpora");
    return fs.existsSync(dir) ? dir : null;
  }
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "corpora");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Starts `next start` for a built app and resolves once `readyPath` answers. */
export async function startNext({ cwd, port, env = {}, readyPath = "/", args = [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)] }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${log}`);
    try {
      const res = await fetch(url + readyPath, { redirect: "manual" });
      if (res.status < 500) {
        return {
          url,
          stop: () => child.kill("SIGTERM"),
          /** Waits until the server's output matches `pattern` (its match), or null after `timeoutMs` or when the server exits. */
          async waitForOutput(pattern, timeoutMs) {
            const until = performance.now() + timeoutMs;
            for (;;) {
              const m = log.match(pattern);
              if (m) return m;
              if (child.exitCode !== null || performance.now() > until) return null;
              await new Promise((r) => setTimeout(r, 200));
            }
          },
        };
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`next start did not answer on ${url}${readyPath}:\n${log}`);
}

/**
 * Sum of the gzipped sizes of every external script a modern browser loads
 * with the page (legacy `nomodule` polyfills are not loaded, so not counted).
 */
export async function firstLoadJs(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  const srcs = [...new Set(tags.map((tag) => tag.match(/\ssrc="([^"]+)"/)?.[1]).filter(Boolean))];
  let gzip = 0;
  let raw = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
    raw += body.length;
    gzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { scripts: srcs.length, raw, gzip };
}

/** Writes files under dir, creating folders. */
export function writeTree(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
