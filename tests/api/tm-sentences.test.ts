import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";
import { sentencePairs } from "@/features/tm/sentences";

// Issue 15: sentence units inside paragraph units.

const SLUG = "idlib-2020-02-28";
const content = loadStoryContent();
const story = content.find((s) => s.source.slug === SLUG)!;
const source = (key: string) => story.source.segments.find((s) => s.key === key)!.text;
const translation = (lang: string, key: string) => story.translations.find((t) => t.lang === lang)!.translations[key]!;
const seg = (key: string) => seedSegmentId(SLUG, key);
/** The first sentence of s06, the example. */
const S06_FIRST = "Turkey believes the Syrian regime of President Bashar al-Assad was behind the attack.";

type Match = { id: string; source: string; target: string; score: number; origin: string; granularity: string; querySentence: { index: number; start: number; end: number } | null };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`sentence units on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedStories(t.db, content, "2026-01-01T00:00:00.000Z");
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "tm-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse", "tm-password")).cookie!;
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const paragraphUnit = (key: string, lang: string) => t.db.selectFrom("tm_units").selectAll().where("segment_id", "=", seg(key)).where("target_lang", "=", lang).executeTakeFirstOrThrow();
    const sentenceUnits = (parentId: string) => t.db.selectFrom("tm_units").selectAll().where("parent_id", "=", parentId).orderBy("id").execute();
    const lookup = async (params: Record<string, string>) => {
      const r = await call("GET", `/api/v1/tm/lookup?${new URLSearchParams({ targetLang: "tr", min: "50", ...params })}`, { cookie });
      expect(r.status).toBe(200);
      return (await r.json()) as { matches: Match[]; sentences: { index: number; start: number; end: number; text: string }[] };
    };

    it("splits an approved paragraph into sentence units linked to the paragraph unit, the document and the approving revision", async () => {
      const p = await paragraphUnit("s06", "tr");
      const units = await sentenceUnits(p.id);
      expect(units.map((u) => [u.source_text, u.target_text])).toEqual(sentencePairs(source("s06"), translation("tr", "s06"), "en", "tr").map((s) => [s.source, s.target]));
      expect(units[0]).toMatchObject({ source_text: S06_FIRST, origin: "sentence", origin_detail: SLUG, document_id: p.document_id, deleted: 0, segment_id: null });
      const approval = await t.db.selectFrom("translation_revisions").select("id").where("segment_id", "=", seg("s06")).where("lang", "=", "tr").where("status", "=", "approved").orderBy("version", "desc").executeTakeFirstOrThrow();
      expect(p.revision_id).toBe(approval.id);
      for (const u of units) expect(u.revision_id).toBe(approval.id);
    });

    it("follows the paragraph: an edit removes its sentence units, a new approval brings them back with the new text", async () => {
      const p = await paragraphUnit("s06", "tr");
      const current = (await findTranslation(t.db, seg("s06"), "tr"))!;
      const edited = current.text.replace("düşünüyor.", "değerlendiriyor.");
      expect(edited).not.toBe(current.text);
      await saveTranslation(t.db, { segmentId: seg("s06"), lang: "tr", text: edited, status: "translated", baseVersion: current.version, authorId: null, origin: "test" });
      expect((await sentenceUnits(p.id)).map((u) => u.deleted)).toEqual([1, 1]);
      expect((await lookup({ text: S06_FIRST, granularity: "sentence" })).matches.filter((m) => m.score >= 100)).toEqual([]);

      await saveTranslation(t.db, { segmentId: seg("s06"), lang: "tr", text: edited, status: "approved", baseVersion: current.version + 1, authorId: null, origin: "review.approve" });
      const back = await sentenceUnits(p.id);
      expect(back.map((u) => u.deleted)).toEqual([0, 0]);
      expect(back[0]!.target_text).toContain("değerlendiriyor.");
      const m = (await lookup({ text: S06_FIRST, granularity: "sentence" })).matches[0]!;
      expect(m).toMatchObject({ source: S06_FIRST, score: 100, origin: "sentence", granularity: "sentence" });
      expect(m.target).toContain("değerlendiriyor.");
    });

    it("un-approving (back to draft) removes the sentence units with the paragraph unit, in the same transaction", async () => {
      const current = (await findTranslation(t.db, seg("s06"), "ru"))!;
      const p = await paragraphUnit("s06", "ru");
      const live = (await sentenceUnits(p.id)).filter((u) => !u.deleted).length;
      expect(live).toBeGreaterThan(0);
      await saveTranslation(t.db, { segmentId: seg("s06"), lang: "ru", text: current.text, status: "draft", baseVersion: current.version, authorId: null, origin: "test" });
      expect((await paragraphUnit("s06", "ru")).deleted).toBe(1);
      expect((await sentenceUnits(p.id)).filter((u) => !u.deleted)).toEqual([]);
      // A refused write changes nothing.
      const stale = await saveTranslation(t.db, { segmentId: seg("s06"), lang: "ru", text: current.text, status: "approved", baseVersion: 1, authorId: null, origin: "test" });
      expect(stale.kind).toBe("conflict");
      expect((await sentenceUnits(p.id)).filter((u) => !u.deleted)).toEqual([]);
    });

    it("granularity=paragraph finds no match for a sentence of an approved paragraph; sentence and both do, with the query sentence's offsets", async () => {
      expect((await lookup({ text: S06_FIRST, granularity: "paragraph" })).matches).toEqual([]);
      const text = `A new opening sentence about the weather in the region. ${S06_FIRST}`;
      const start = text.indexOf(S06_FIRST);
      for (const granularity of ["sentence", "both"]) {
        const r = await lookup({ text, granularity });
        expect(r.sentences.map((s) => [s.index, s.start, s.end])).toEqual([
          [0, 0, start - 1],
          [1, start, text.length],
        ]);
        const hits = r.matches.filter((m) => m.querySentence?.index === 1);
        expect(hits[0]).toMatchObject({ source: S06_FIRST, score: 100, granularity: "sentence", querySentence: { index: 1, start, end: text.length } });
        expect(r.matches.filter((m) => m.querySentence?.index === 0)).toEqual([]);
      }
      // The default is both: paragraph matches first (querySentence null), then sentence matches.
      const whole = await lookup({ text: source("s06") });
      expect(whole.matches[0]).toMatchObject({ source: source("s06"), score: 100, granularity: "paragraph", querySentence: null });
      expect(whole.matches.slice(1).every((m) => m.granularity === "sentence" && m.id !== whole.matches[0]!.id)).toBe(true);
      expect((await call("GET", `/api/v1/tm/lookup?${new URLSearchParams({ targetLang: "tr", text: "x", granularity: "words" })}`, { cookie })).status).toBe(400);
    });

    it("GET /api/v1/tm/fragments: the longest runs of four or more words found in the memory, with the units they occur in", async () => {
      const phrase = "according to the Britain-based Syrian Observatory for Human Rights";
      const text = `Five civilians died on Sunday, ${phrase}, and two more on Monday.`;
      const r = await call("GET", `/api/v1/tm/fragments?${new URLSearchParams({ targetLang: "tr", text })}`, { cookie });
      expect(r.status).toBe(200);
      const { fragments } = (await r.json()) as { fragments: { start: number; end: number; text: string; words: number; hits: { source: string; target: string; origin: string }[] }[] };
      const f = fragments.find((x) => x.text.includes("Syrian Observatory"))!;
      expect(f.text).toBe(phrase);
      expect(text.slice(f.start, f.end)).toBe(phrase);
      expect(f.words).toBe(10); // "Britain-based" is two words
      expect(f.hits.length).toBeGreaterThan(0);
      for (const h of f.hits) {
        expect(h.source).toContain(phrase);
        expect(h.origin).not.toBe("sentence");
      }
      // No run of four words of this text is in the memory.
      const none = await call("GET", `/api/v1/tm/fragments?${new URLSearchParams({ targetLang: "tr", text: "Purple elephants quietly negotiate with seven bicycles." })}`, { cookie });
      expect((await none.json()).fragments).toEqual([]);
    });

    it("exports sentence units to TMX with a property, and an import splits the paragraph units again", async () => {
      const r = await call("GET", `/api/v1/tm/export?${new URLSearchParams({ sourceLang: "en", targetLang: "ar" })}`, { cookie });
      expect(r.status).toBe(200);
      const tmx = await r.text();
      const live = await t.db.selectFrom("tm_units").select(["source_text", "target_text", "parent_id"]).where("target_lang", "=", "ar").where("deleted", "=", 0).execute();
      const sentences = live.filter((u) => u.parent_id).map((u) => `${u.source_text}\u0000${u.target_text}`).sort();
      expect(sentences.length).toBeGreaterThan(0);
      expect(tmx.match(/<prop type="x-granularity">sentence<\/prop>/g)!.length).toBe(sentences.length);

      const other = await dialect.create();
      try {
        const auth = useAuth(other.db, new TestClock());
        await createUserAccount(auth, other.db, { name: "Admin", email: "admin@example.org", username: "admin", password: "tm-password", admin: true }, null);
        const otherAdmin = (await signIn("admin", "tm-password")).cookie!;
        const imported = await call("POST", "/api/v1/tm/import?filename=idlib.en-ar.tmx", { cookie: otherAdmin, body: tmx, headers: { "content-type": "application/xml" } });
        expect(imported.status).toBe(200);
        expect((await imported.json()).summary.added).toEqual({ "en>ar": live.length - sentences.length });
        const again = await other.db.selectFrom("tm_units").select(["source_text", "target_text", "origin"]).where("parent_id", "is not", null).execute();
        expect(again.map((u) => `${u.source_text}\u0000${u.target_text}`).sort()).toEqual(sentences);
        expect(new Set(again.map((u) => u.origin))).toEqual(new Set(["sentence"]));
      } finally {
        useAuth(t.db, new TestClock());
        await other.destroy();
      }
    });
  });
}
