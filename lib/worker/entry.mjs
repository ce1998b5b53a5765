// The worker side of lib/worker/pool.ts: a worker thread that runs jobs, each
// a named export of a TypeScript module of this app given by its path from
// the app's root. The sources are loaded with tsx (the same loader as the
// CLI and `npm start`'s seed), so the worker runs the same code under
// `next start`, vitest and the CLI without a bundler in between.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

const root = workerData.root;
const tsconfig = path.join(root, "tsconfig.json");
registerCjs({ tsconfig });
registerEsm({ tsconfig });

const modules = new Map();

async function load(module) {
  let mod = modules.get(module);
  if (!mod) {
    const file = path.resolve(root, module);
    if (!file.startsWith(root + path.sep)) throw new Error(`Job module outside the app: ${module}`);
    mod = await import(pathToFileURL(file).href);
    modules.set(module, mod);
  }
  return mod;
}

parentPort.on("message", async ({ id, module, fn, input }) => {
  try {
    const mod = await load(module);
    // Sources outside a "type": "module" package load as CommonJS: their exports are on `default`.
    const f = mod[fn] ?? mod.default?.[fn];
    if (typeof f !== "function") throw new Error(`No function ${fn} in ${module}`);
    // The second argument lets a long job report progress (RunOptions.onProgress on the caller's side).
    const context = { progress: (value) => parentPort.postMessage({ id, progress: value }) };
    parentPort.postMessage({ id, ok: true, value: await f(input, context) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: error.name, message: error.message, stack: error.stack, code: error.code, details: error.details, headers: error.headers },
    });
  }
});
parentPort.postMessage({ ready: true });
