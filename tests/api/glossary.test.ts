import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { bumpGlossaryVersion, insertConcept, insertTerm, listConceptPage } from "@/features/glossary/server/repository";
import { TERM_STATUSES } from "@/lib/db/schema";

type Match = { conceptId: string; sourceTerm: string; termId: string; start: number; end: number; text: string; status: string; usage: string };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`POST /api/v1/glossary/recognize on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "glossary-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse", "glossary-password")).cookie!;
      expect(await seedGlossary(t.db, loadGlossaryFiles())).toMatchObject({ concepts: expect.any(Number) });
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const recognize = async (lang: string, text: string, c?: string) => {
      const r = await call("POST", "/api/v1/glossary/recognize", { cookie: c, json: { lang, text } });
      expect(r.status).toBe(200);
      return ((await r.json()) as { matches: Match[] }).matches;
    };

    it("finds the seeded concepts in Turkish text, with UTF-16 offsets and the concept's English name", async () => {
      const text = "🙂 İdlib'de HTŞ'nin Soçi Mutabakatı'na uymadığını söyledi.";
      const matches = await recognize("tr", text);
      expect(matches.map((m) => [m.conceptId, m.sourceTerm, m.text])).toEqual([
        ["idlib", "Idlib", "İdlib'de"],
        ["hts", "Hayat Tahrir al-Sham", "HTŞ'nin"],
        ["sochi-deal", "Sochi deal", "Soçi Mutabakatı'na"],
      ]);
      for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(matches.every((m) => m.status === "approved")).toBe(true);
    });

    it("shows proposed terms to signed-in users only, and an approved term at once", async () => {
      const now = new Date().toISOString();
      const base = { concept_id: "frigate", lang: "tr", type: "variant" as const, pos: "noun", usage: "admitted" as const, case_sensitive: 0, do_not_translate: 0, note: null, proposed_by: "x", proposed_at: now, reviewed_by: null, reviewed_at: null, review_comment: null, updated_at: now };
      await insertTerm(t.db, { ...base, id: "term_proposed", text: "savaş gemisi", status: "proposed" });
      await bumpGlossaryVersion(t.db);
      const text = "İki savaş gemisi yola çıktı.";
      expect(await recognize("tr", text)).toEqual([]);
      expect((await recognize("tr", text, cookie)).map((m) => [m.conceptId, m.status])).toEqual([["frigate", "proposed"]]);
      await t.db.updateTable("terms").set({ status: "approved" }).where("id", "=", "term_proposed").execute();
      await bumpGlossaryVersion(t.db);
      expect((await recognize("tr", text)).map((m) => [m.conceptId, m.status])).toEqual([["frigate", "approved"]]);
      await t.db.updateTable("terms").set({ status: "rejected" }).where("id", "=", "term_proposed").execute();
      await bumpGlossaryVersion(t.db);
      expect(await recognize("tr", text, cookie)).toEqual([]);
    });

    it("POST /api/v1/glossary/lookup lists the source's concepts, their target terms, and which the target uses", async () => {
      const r = await call("POST", "/api/v1/glossary/lookup", {
        json: { sourceLang: "en", targetLang: "ru", source: "Under the 2018 Sochi deal, Turkey set up posts in Idlib.", target: "По Сочинскому соглашению Турция создала посты." },
      });
      expect(r.status).toBe(200);
      const { concepts } = (await r.json()) as { concepts: { conceptId: string; present: boolean; targetTerms: { text: string; usage: string }[]; sourceMatches: { text: string }[] }[] };
      const sochi = concepts.find((c) => c.conceptId === "sochi-deal")!;
      expect(sochi).toMatchObject({ present: true, sourceMatches: [{ text: "Sochi deal" }] });
      expect(sochi.targetTerms[0]).toMatchObject({ text: "Сочинское соглашение", usage: "preferred" });
      const idlib = concepts.find((c) => c.conceptId === "idlib")!;
      expect(idlib.present).toBe(false);
      expect(idlib.targetTerms.map((t) => t.text)).toContain("Идлиб");
    });

    it("lists a proposed concept to the team only: readers neither see it nor find it by its id or definition", async () => {
      const now = new Date().toISOString();
      await insertConcept(t.db, { id: "unreviewed-drone-strike", subject: "military", definition: "An unreviewed proposal about drones.", note: null, created_by: null, created_at: now, updated_at: now });
      await insertTerm(t.db, { id: "term_unreviewed", concept_id: "unreviewed-drone-strike", lang: "en", text: "drone strike", type: "fullForm", pos: "noun", usage: "preferred", case_sensitive: 0, do_not_translate: 0, note: null, status: "proposed", proposed_by: null, proposed_at: now, reviewed_by: null, reviewed_at: null, review_comment: null, updated_at: now });
      const ids = async (visible: readonly string[], q?: string) => (await listConceptPage(t.db, { visible, ...(q ? { q } : {}) }, { limit: 100 })).items.map((c) => c.id);
      for (const q of [undefined, "unreviewed", "drones", "drone strike"]) {
        expect(await ids(["approved"], q), String(q)).not.toContain("unreviewed-drone-strike");
        expect(await ids(TERM_STATUSES, q), String(q)).toContain("unreviewed-drone-strike");
      }
      expect(await ids(["approved"], "idlib")).toContain("idlib");
    });

    it("does not report a forbidden variant that is also an ordinary word as a mention of the concept", async () => {
      expect(await recognize("en", "The gun's calibre was never disclosed.")).toEqual([]);
      expect(await recognize("tr", "Ölçüm cihazları her yıl kalibre edilir.")).toEqual([]);
      expect((await recognize("en", "The navy fired Kalibr missiles.")).map((m) => [m.conceptId, m.text, m.usage])).toEqual([["kalibr", "Kalibr", "preferred"]]);
    });

    it("reports such a word, marked commonWord, for the concepts the caller says the text names", async () => {
      const r = await call("POST", "/api/v1/glossary/recognize", { json: { lang: "tr", text: "Donanma kalibre füzeleri ateşledi.", concepts: ["kalibr"] } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { matches: (Match & { commonWord: boolean })[] }).matches.map((m) => [m.conceptId, m.text, m.usage, m.commonWord])).toEqual([["kalibr", "kalibre", "forbidden", true]]);
    });

    it("POST /api/v1/glossary/lookup counts such a word in a translation of a source that names the concept", async () => {
      const lookup = async (source: string, target: string) => {
        const r = await call("POST", "/api/v1/glossary/lookup", { json: { sourceLang: "en", targetLang: "tr", source, target } });
        expect(r.status).toBe(200);
        return ((await r.json()) as { concepts: { conceptId: string; present: boolean; targetTerms: { text: string; commonWord: boolean }[]; targetMatches: { text: string; usage: string; commonWord: boolean }[] }[] }).concepts;
      };
      const kalibr = (await lookup("Russia fired Kalibr missiles.", "Rusya kalibre füzeleri ateşledi.")).find((c) => c.conceptId === "kalibr");
      expect(kalibr).toMatchObject({ conceptId: "kalibr", present: false, targetMatches: [{ text: "kalibre", usage: "forbidden", commonWord: true }] });
      expect(kalibr!.targetTerms.find((t) => t.text === "kalibre")).toMatchObject({ commonWord: true });
      expect(kalibr!.targetTerms.find((t) => t.text === "Kalibr")).toMatchObject({ commonWord: false });
      expect(await lookup("The gun's calibre was never disclosed.", "Topun kalibresi hiç açıklanmadı.")).toEqual([]);
    });

    it("seeding again adds nothing", async () => {
      expect(await seedGlossary(t.db, loadGlossaryFiles())).toEqual({ concepts: 0, terms: 0 });
    });

    it("rejects an unknown language or an oversized text with a clear error", async () => {
      const bad = await call("POST", "/api/v1/glossary/recognize", { json: { lang: "xx", text: "a" } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
      const big = await call("POST", "/api/v1/glossary/recognize", { json: { lang: "en", text: "a ".repeat(60_000) } });
      expect(big.status).toBe(400);
    });
  });
}
