import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { createUserAccount } from "@/features/auth/server/users";
import { loadGlossaryFiles } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { bumpGlossaryVersion, insertTerm } from "@/features/glossary/server/repository";

interface Issue {
  check: string;
  severity: string;
  message: string;
  start: number;
  end: number;
  sourceStart?: number;
  sourceEnd?: number;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`POST /api/v1/qa/check on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse-qa@example.org", username: "ayse-qa", password: "qa-check-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse-qa", "qa-check-password")).cookie!;
      await seedGlossary(t.db, loadGlossaryFiles());
    });
    afterAll(async () => {
      await t?.destroy();
    });

    const qa = async (json: unknown, headers: Record<string, string> = {}, c?: string) => {
      const r = await call("POST", "/api/v1/qa/check", { json, headers, cookie: c });
      expect(r.status).toBe(200);
      return ((await r.json()) as { issues: Issue[] }).issues;
    };

    it("finds a forbidden glossary term in the target, with its offsets", async () => {
      const target = "İdlib'de Heyet Tahrir eş-Şam (HTS) hakim.";
      const issues = await qa({ sourceLang: "en", targetLang: "tr", source: "Hayat Tahrir al-Sham (HTS) dominates Idlib.", target });
      const forbidden = issues.filter((i) => i.check === "glossary_forbidden");
      expect(forbidden).toHaveLength(1);
      expect(forbidden[0]).toMatchObject({ severity: "error", message: "“HTS” is a forbidden translation of “HTS”: use “HTŞ”." });
      expect(target.slice(forbidden[0]!.start, forbidden[0]!.end)).toBe("HTS");
    });

    it("finds an ordinary word used for a concept of the source (kalibre for Kalibr), and not where the source means the word", async () => {
      const target = "Rusya kalibre füzeleri ateşledi.";
      const issues = await qa({ sourceLang: "en", targetLang: "tr", source: "Russia fired Kalibr missiles.", target });
      const forbidden = issues.filter((i) => i.check === "glossary_forbidden");
      expect(forbidden.map((i) => [i.message, target.slice(i.start, i.end)])).toEqual([["“kalibre” is a forbidden translation of “Kalibr”: use “Kalibr”.", "kalibre"]]);
      const plain = await qa({ sourceLang: "en", targetLang: "tr", source: "Instruments are calibrated every year.", target: "Ölçüm cihazları her yıl kalibre edilir." });
      expect(plain.filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    });

    it("finds a missing glossary term and a do-not-translate name, pointing into the source", async () => {
      const source = "AFP says Turkey set up posts in Idlib.";
      const issues = await qa({ sourceLang: "en", targetLang: "tr", source, target: "Fransız ajansına göre Türkiye bölgede gözlem noktaları kurdu." });
      const byCheck = Object.fromEntries(issues.map((i) => [i.check, i]));
      expect(byCheck.glossary_dnt).toMatchObject({ severity: "error", start: -1, end: -1 });
      expect(source.slice(byCheck.glossary_dnt!.sourceStart, byCheck.glossary_dnt!.sourceEnd)).toBe("AFP");
      expect(byCheck.glossary_missing).toMatchObject({ severity: "warning", message: "“Idlib” is in the glossary: translate it as “İdlib”.", start: -1 });
      expect(source.slice(byCheck.glossary_missing!.sourceStart, byCheck.glossary_missing!.sourceEnd)).toBe("Idlib");
    });

    it("finds missing and extra numbers", async () => {
      const source = "On Thursday, at least 33 Turkish soldiers were killed.";
      const target = "Perşembe günü en az 32 Türk askeri hayatını kaybetti.";
      const issues = (await qa({ sourceLang: "en", targetLang: "tr", source, target })).filter((i) => i.check === "numbers");
      expect(issues).toEqual([
        { check: "numbers", severity: "error", message: "The number “33” in the source text is missing from the translation.", start: -1, end: -1, sourceStart: 22, sourceEnd: 24 },
        { check: "numbers", severity: "error", message: "The number “32” is not in the source text.", start: 20, end: 22 },
      ]);
    });

    it("writes messages in the caller's UI language: the lang cookie, then Accept-Language", async () => {
      const body = { sourceLang: "en", targetLang: "ar", source: "At least 33 soldiers were killed.", target: "قتل ما لا يقل عن 32 جندياً." };
      const ru = await qa(body, { cookie: "lang=ru" });
      expect(ru.map((i) => i.message)).toEqual(["Числа «33» из исходного текста нет в переводе.", "Числа «32» нет в исходном тексте."]);
      const ar = await qa(body, { "accept-language": "ar-IQ, en;q=0.5" });
      expect(ar[0]!.message).toBe("الرقم «33» الوارد في النص المصدر غير موجود في الترجمة.");
      const ckb = await qa(body, { cookie: "wb.other=1; lang=ckb", "accept-language": "ru" });
      expect(ckb[0]!.message).toBe("ژمارەی «33» لە دەقی سەرچاوەدا هەیە، بەڵام لە وەرگێڕانەکەدا نییە.");
      const fallback = await qa(body, { cookie: "lang=xx", "accept-language": "de" });
      expect(fallback[0]!.message).toBe("The number “33” in the source text is missing from the translation.");
      // The signed-in user's session cookie does not change the language.
      const signedIn = await qa(body, { "accept-language": "tr" }, cookie);
      expect(signedIn[0]!.message).toBe("Kaynak metindeki “33” sayısı çeviride yok.");
    });

    it("finds nothing wrong in a published translation", async () => {
      const issues = await qa({
        sourceLang: "en",
        targetLang: "ckb",
        source: "Under the deal, Turkey established 12 military observation posts inside Idlib.",
        target: "بەپێی ڕێککەوتنەکە، تورکیا ١٢ بنکەی چاودێریی سەربازیی لەناو ئیدلیبدا دامەزراند.",
      });
      expect(issues).toEqual([]);
    });

    it("enforces approved glossary terms only, also for signed-in users", async () => {
      const now = new Date().toISOString();
      await insertTerm(t.db, { id: "term_qa_proposed", concept_id: "moscow", lang: "tr", text: "Moskva", type: "variant", pos: "properNoun", usage: "forbidden", case_sensitive: 0, do_not_translate: 0, note: null, status: "proposed", proposed_by: null, proposed_at: now, reviewed_by: null, reviewed_at: null, review_comment: null, updated_at: now });
      await bumpGlossaryVersion(t.db);
      const body = { sourceLang: "en", targetLang: "tr", source: "In Moscow.", target: "Moskva'da." };
      for (const c of [undefined, cookie]) {
        const issues = await qa(body, {}, c);
        expect(issues.filter((i) => i.check.startsWith("glossary")).map((i) => [i.check, i.message])).toEqual([["glossary_missing", "“Moscow” is in the glossary: translate it as “Moskova”."]]);
      }
      // The same term approved is enforced.
      await t.db.updateTable("terms").set({ status: "approved" }).where("id", "=", "term_qa_proposed").execute();
      await bumpGlossaryVersion(t.db);
      const issues = await qa(body);
      expect(issues.filter((i) => i.check.startsWith("glossary")).map((i) => [i.check, i.message])).toEqual([["glossary_forbidden", "“Moskva'da” is a forbidden translation of “Moscow”: use “Moskova”."]]);
    });

    it("rejects bad input with the field", async () => {
      const missing = await call("POST", "/api/v1/qa/check", { json: { sourceLang: "en", source: "x", target: "y" } });
      expect(missing.status).toBe(400);
      const body = (await missing.json()) as { error: { code: string; details: { path: string }[] } };
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.details.map((d) => d.path)).toEqual(["targetLang"]);
      const same = await call("POST", "/api/v1/qa/check", { json: { sourceLang: "tr", targetLang: "tr", source: "x", target: "y" } });
      expect(((await same.json()) as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(["targetLang"]);
      const unknown = await call("POST", "/api/v1/qa/check", { json: { sourceLang: "en", targetLang: "xx", source: "x", target: "y" } });
      expect(unknown.status).toBe(400);
      const notJson = await call("POST", "/api/v1/qa/check", { body: "{", headers: { "content-type": "application/json" } });
      expect(notJson.status).toBe(400);
    });

    it("the glossary lookup marks do-not-translate terms", async () => {
      const r = await call("POST", "/api/v1/glossary/lookup", { json: { sourceLang: "en", targetLang: "ru", source: "AFP said", target: "" } });
      const { concepts } = (await r.json()) as { concepts: { conceptId: string; targetTerms: { text: string; doNotTranslate: boolean }[] }[] };
      const afp = concepts.find((c) => c.conceptId === "afp")!;
      expect(afp.targetTerms.map((x) => [x.text, x.doNotTranslate])).toEqual([
        ["Франс Пресс", false],
        ["AFP", true],
      ]);
    });
  });
}
