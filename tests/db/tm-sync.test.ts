import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";
import { currentTmSeq, tmUnitsChangedSince } from "@/features/tm/server/repository";
import { contextHash } from "@/features/tm/score";

const SLUG = "idlib-2020-02-28";
const seg = (key: string) => seedSegmentId(SLUG, key);

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`translation memory follows approvals on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      await seedStories(t.db, loadStoryContent(), "2026-01-01T00:00:00.000Z");
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const unitOf = (key: string, lang: string) => t.db.selectFrom("tm_units").selectAll().where("segment_id", "=", seg(key)).where("target_lang", "=", lang).executeTakeFirst();

    it("holds a unit per approved published translation, with its neighbours' context hashes", async () => {
      const count = await t.db.selectFrom("tm_units").select((eb) => eb.fn.countAll<number>().as("n")).where("deleted", "=", 0).where("parent_id", "is", null).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(175); // 35 segments in tr, ru, ar, ckb and kmr
      const unit = (await unitOf("s05", "tr"))!;
      const segments = await t.db.selectFrom("segments").select(["id", "source_hash", "source_text"]).where("id", "in", [seg("s04"), seg("s05"), seg("s06")]).execute();
      const hash = (k: string) => contextHash(segments.find((s) => s.id === seg(k))!.source_text);
      expect(unit).toMatchObject({ source_lang: "en", target_lang: "tr", origin: "workbench", origin_detail: SLUG, context_before: hash("s04"), context_after: hash("s06"), deleted: 0 });
      expect(unit.source_text).toBe(segments.find((s) => s.id === seg("s05"))!.source_text);
      // The document's start is a context of its own.
      expect((await unitOf("s01", "tr"))!.context_before).toBe(contextHash(null));
    });

    it("drops the unit when the translation is edited, and brings it back, updated, on approval", async () => {
      const before = await currentTmSeq(t.db);
      const current = (await findTranslation(t.db, seg("s08"), "ru"))!;
      const edited = await saveTranslation(t.db, { segmentId: seg("s08"), lang: "ru", text: `${current.text} (уточнено)`, status: "translated", baseVersion: current.version, authorId: null, origin: "test" });
      expect(edited.kind).toBe("saved");
      expect((await unitOf("s08", "ru"))!.deleted).toBe(1);
      const changed = await tmUnitsChangedSince(t.db, "en", "ru", before);
      expect(changed.map((u) => [u.segment_id, u.deleted])).toEqual([[seg("s08"), 1]]);

      const approved = await saveTranslation(t.db, { segmentId: seg("s08"), lang: "ru", text: `${current.text} (уточнено)`, status: "approved", baseVersion: current.version + 1, authorId: null, origin: "review.approve" });
      expect(approved.kind).toBe("saved");
      const unit = (await unitOf("s08", "ru"))!;
      expect(unit).toMatchObject({ deleted: 0, target_text: `${current.text} (уточнено)` });
      expect(unit.seq).toBe(await currentTmSeq(t.db));
      expect(await tmUnitsChangedSince(t.db, "en", "tr", before)).toEqual([]);
    });

    it("does not change the memory when a write is refused", async () => {
      const before = await currentTmSeq(t.db);
      const stale = await saveTranslation(t.db, { segmentId: seg("s09"), lang: "ar", text: "نص", status: "approved", baseVersion: 99, authorId: null, origin: "test" });
      expect(stale.kind).toBe("conflict");
      expect(await currentTmSeq(t.db)).toBe(before);
    });
  });
}
