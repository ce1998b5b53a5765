/**
 * What a Node.js server process does once at start (called from instrumentation.ts, only in the
 * Node.js runtime, so nothing here is compiled for the edge runtime):
 * - listens for published editions to drop its cached reader pages;
 * - builds the translation memory's in-memory index of every language pair in the background, so
 *   the first lookup after a start answers at once instead of reading the whole memory (at a
 *   million units, tens of seconds). TM_WARM_START=0 leaves the indexes to be built on first use.
 */
import { revalidateReaderPagesOnEditionEvents } from "@/features/reader/server/cache";
import { warmTmIndexes } from "@/features/tm/server/service";
import { getDb } from "@/lib/db";

export function registerNode(): void {
  revalidateReaderPagesOnEditionEvents();
  if (process.env.TM_WARM_START === "0") return;
  const t0 = performance.now();
  void getDb()
    .then((db) =>
      warmTmIndexes(db, (w) => {
        const mb = Math.round(process.memoryUsage().rss / 1048576);
        console.log(`translation memory ${w.sourceLang}>${w.targetLang}: ${w.units} units indexed in ${(w.ms / 1000).toFixed(1)} s (rss ${mb} MB)`);
      }),
    )
    .then((all) => console.log(`translation memory ready: ${all.length} language pairs in ${((performance.now() - t0) / 1000).toFixed(1)} s`))
    .catch((error: unknown) => console.warn(`translation memory warm-up failed (indexes are built on first use): ${error instanceof Error ? error.message : String(error)}`));
}
