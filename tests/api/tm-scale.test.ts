import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { insertTmUnits } from "@/features/tm/server/repository";
import { TM_SYNC_PAGE } from "@/features/tm/server/service";

// Issue 12: the memory answered 500 for good once a pair held about 125,000
// units (the catch-up spread every changed row's seq into Math.max). The units
// are inserted in bulk through the repository (an import through the API would
// take minutes here) and looked up through the route handler.

const UNITS = 150_000;
const WORDS = "council minister border ceasefire talks aid convoy province shelling agreement election court report vote budget harbour".split(" ");
const NOW = "2026-01-01T00:00:00.000Z";

/** A distinct, deterministic sentence per number. */
function sentence(i: number): string {
  const w = (k: number) => WORDS[Math.floor(i / WORDS.length ** k) % WORDS.length]!;
  return `The ${w(0)} spoke about the ${w(1)} and the ${w(2)} near the ${w(3)} on day ${i}.`;
}

function units(from: number, to: number) {
  return Array.from({ length: to - from }, (_, k) => ({
    id: `tmu_scale_${String(from + k).padStart(7, "0")}`,
    source_lang: "en",
    target_lang: "tr",
    source_text: sentence(from + k),
    target_text: `Çeviri ${from + k}.`,
    context_before: null,
    context_after: null,
    origin: "tmx",
    origin_detail: "scale.tmx",
    document_id: null,
    segment_id: null,
    author: null,
    created_at: NOW,
    updated_at: NOW,
  }));
}

type Match = { source: string; target: string; score: number; originDetail: string | null };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`GET /api/v1/tm/lookup with ${UNITS.toLocaleString("en")} units in the pair on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "tm-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse", "tm-password")).cookie!;
      // One import: every unit under one change number, read back in many pages.
      expect(UNITS).toBeGreaterThan(10 * TM_SYNC_PAGE);
      for (let i = 0; i < UNITS; i += 25_000) await t.db.transaction().execute((trx) => insertTmUnits(trx, units(i, i + 25_000)));
    }, 300_000);
    afterAll(async () => {
      await t?.destroy();
    });

    const lookup = async (text: string) => {
      const r = await call("GET", `/api/v1/tm/lookup?${new URLSearchParams({ targetLang: "tr", text, min: "70" })}`, { cookie });
      expect(r.status).toBe(200);
      return ((await r.json()) as { matches: Match[] }).matches;
    };

    it("builds the index from every unit and answers exact and fuzzy matches", { timeout: 300_000 }, async () => {
      const last = await lookup(sentence(UNITS - 1));
      expect(last[0]).toMatchObject({ source: sentence(UNITS - 1), target: `Çeviri ${UNITS - 1}.`, score: 100, originDetail: "scale.tmx" });
      const fuzzy = await lookup(sentence(77_777).replace("near", "close to"));
      expect(fuzzy[0]).toMatchObject({ source: sentence(77_777), target: "Çeviri 77777." });
      expect(fuzzy[0]!.score).toBeLessThan(100);
      expect(fuzzy[0]!.score).toBeGreaterThanOrEqual(70);
    });

    it("catches up with a second large import and with removals, without rebuilding", { timeout: 300_000 }, async () => {
      await t.db.transaction().execute((trx) => insertTmUnits(trx, units(UNITS, UNITS + 3 * TM_SYNC_PAGE)));
      await t.db.updateTable("tm_units").set({ deleted: 1, seq: 999_999 }).where("id", "=", "tmu_scale_0000005").execute();
      await t.db.updateTable("tm_state").set({ seq: 999_999 }).where("id", "=", 1).execute();
      expect((await lookup(sentence(UNITS + 3 * TM_SYNC_PAGE - 1)))[0]).toMatchObject({ score: 100, target: `Çeviri ${UNITS + 3 * TM_SYNC_PAGE - 1}.` });
      expect((await lookup(sentence(5))).filter((m) => m.score === 100)).toEqual([]);
      expect((await lookup(sentence(6)))[0]).toMatchObject({ score: 100 });
    });
  });
}
