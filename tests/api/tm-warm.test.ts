import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { insertTmUnits } from "@/features/tm/server/repository";
import { lookupTm, tmIndexFor, tmLookupQuerySchema, warmTmIndexes } from "@/features/tm/server/service";

// Issue 12 item 4: a server started on a large memory builds its indexes at start
// (instrumentation.ts calls warmTmIndexes), so the first lookup does not read the memory.
// Issue 15 item 5: sentence units share their paragraph unit's texts in the index and
// still answer with their own.

const NOW = "2026-01-01T00:00:00.000Z";
const unit = (id: string, target_lang: string, source_text: string, target_text: string) => ({
  id,
  source_lang: "en",
  target_lang,
  source_text,
  target_text,
  context_before: null,
  context_after: null,
  origin: "tmx",
  origin_detail: "warm.tmx",
  document_id: null,
  segment_id: null,
  author: null,
  created_at: NOW,
  updated_at: NOW,
});

const A = "Turkey believes the Syrian regime of President Bashar al-Assad was behind the attack.";
const B = "Damascus has denied any involvement in the chemical weapons attack in Idlib province.";

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`translation memory warm-up on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await t.db.transaction().execute((trx) =>
        insertTmUnits(trx, [
          unit("tmu_warm_tr1", "tr", `${A} ${B}`, "Türkiye, saldırının arkasında Esad rejiminin olduğuna inanıyor. Şam, İdlib'deki kimyasal silah saldırısıyla herhangi bir ilgisi olduğunu reddetti."),
          unit("tmu_warm_tr2", "tr", "The ceasefire held through the night in the northern province.", "Ateşkes kuzey ilinde gece boyunca sürdü."),
          unit("tmu_warm_ru1", "ru", "The ceasefire held through the night in the northern province.", "Перемирие соблюдалось всю ночь в северной провинции."),
        ]),
      );
    }, 120_000);
    afterAll(async () => {
      await t?.destroy();
    });

    it("builds the index of every language pair with units, and lookups then use those indexes", async () => {
      const seen: string[] = [];
      const warmed = await warmTmIndexes(t.db, (w) => seen.push(`${w.sourceLang}>${w.targetLang}`));
      const byPair = Object.fromEntries(warmed.map((w) => [`${w.sourceLang}>${w.targetLang}`, w.units]));
      expect(seen.sort()).toEqual(["en>ru", "en>tr"]);
      // Paragraph units plus the sentence units insertTmUnits made of the two-sentence paragraph.
      expect(byPair["en>ru"]).toBe(1);
      expect(byPair["en>tr"]).toBeGreaterThanOrEqual(3);
      const tr = await tmIndexFor(t.db, "en", "tr");
      expect(tr.length).toBe(byPair["en>tr"]);
      expect(await tmIndexFor(t.db, "en", "tr")).toBe(tr);
    });

    it("answers a sentence of a paragraph unit with the sentence unit's own source and target", async () => {
      const r = await lookupTm(t.db, tmLookupQuerySchema.parse({ targetLang: "tr", text: A, min: "75", granularity: "sentence" }));
      const m = r.matches.find((x) => x.granularity === "sentence" && x.score === 100);
      expect(m).toMatchObject({ source: A, target: "Türkiye, saldırının arkasında Esad rejiminin olduğuna inanıyor.", origin: "sentence" });
      const both = await lookupTm(t.db, tmLookupQuerySchema.parse({ targetLang: "tr", text: `${B} Something new happened.`, min: "75" }));
      expect(both.matches.find((x) => x.querySentence?.index === 0 && x.score === 100)).toMatchObject({
        source: B,
        target: "Şam, İdlib'deki kimyasal silah saldırısıyla herhangi bir ilgisi olduğunu reddetti.",
      });
    });
  });
}
