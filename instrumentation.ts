/**
 * Runs once when a server process starts (Next.js instrumentation):
 * - listens for published editions to drop its cached reader pages;
 * - builds the translation memory's in-memory index of every language pair in the background, so
 *   the first lookup after a start answers at once instead of reading the whole memory (at a
 *   million units, tens of seconds). TM_WARM_START=0 leaves the indexes to be built on first use.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { revalidateReaderPagesOnEditionEvents } = await import("@/features/reader/server/cache");
  revalidateReaderPagesOnEditionEvents();
  if (process.env.TM_WARM_START === "0") return;
  const { getDb } = await import("@/lib/db");
  const { warmTmIndexes } = await import("@/features/tm/server/service");
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
