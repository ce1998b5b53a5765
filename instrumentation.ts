/**
 * Runs once when a server process starts (Next.js instrumentation). The work is in
 * lib/instrumentation-node.ts, imported inside the runtime check as Next.js documents, so the
 * edge build drops it (it reads the database and the process's memory).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNode } = await import("./lib/instrumentation-node");
    registerNode();
  }
}
