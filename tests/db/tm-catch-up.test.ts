import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { insertTmUnits } from "@/features/tm/server/repository";
import { TM_SYNC_PAGE, tmIndexFor } from "@/features/tm/server/service";

// Issue 12: building the index of a large memory (the warm-up at start) held the event loop for whole
// pages of 5,000 units (better-sqlite3 reads synchronously), and every request waited behind it.

const UNITS = 3 * TM_SYNC_PAGE + 10;
const NOW = "2026-01-01T00:00:00.000Z";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the memory's catch-up on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      const rows = Array.from({ length: UNITS }, (_, i) => ({
        id: `tmu_turns_${String(i).padStart(6, "0")}`,
        source_lang: "en",
        target_lang: "kmr",
        source_text: `The convoy reached the border crossing on day ${i}.`,
        target_text: `Karwan di roja ${i} de gihîşt derbasgeha sînor.`,
        context_before: null,
        context_after: null,
        origin: "tmx",
        origin_detail: "turns.tmx",
        document_id: null,
        segment_id: null,
        author: null,
        created_at: NOW,
        updated_at: NOW,
      }));
      await t.db.transaction().execute((trx) => insertTmUnits(trx, rows));
    }, 120_000);
    afterAll(async () => {
      await t?.destroy();
    });

    it("lets other work run between the pages it reads while it builds an index", async () => {
      let turns = 0;
      let building = true;
      const tick = () => {
        if (!building) return;
        turns++;
        setImmediate(tick);
      };
      setImmediate(tick);
      const index = await tmIndexFor(t.db, "en", "kmr");
      building = false;
      expect(index.length).toBe(UNITS);
      // At least one turn of the event loop after each full page (on SQLite none ran before).
      expect(turns).toBeGreaterThanOrEqual(3);
      expect(index.lookup("The convoy reached the border crossing on day 3007.", { limit: 1 })[0]).toMatchObject({ score: 100 });
    });

    it("answers a lookup that arrives during the background warm-up with the whole index", async () => {
      const other = await dialect.create();
      try {
        await other.db.transaction().execute(async (trx) => insertTmUnits(trx, await t.db.selectFrom("tm_units").selectAll().execute()));
        const warm = tmIndexFor(other.db, "en", "kmr", { background: true });
        // The server is busy meanwhile: the warm-up gives way, the lookup waiting for it does not.
        let busy = true;
        const spin = () => {
          if (!busy) return;
          const until = performance.now() + 3;
          while (performance.now() < until);
          setImmediate(spin);
        };
        setImmediate(spin);
        const index = await tmIndexFor(other.db, "en", "kmr");
        busy = false;
        expect(index.length).toBe(UNITS);
        expect(await warm).toBe(index);
      } finally {
        await other.destroy();
      }
    });
  });
}
