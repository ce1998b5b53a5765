import { describe, expect, it } from "vitest";
import { loadGlossaryFiles, termsOf } from "@/features/glossary/files";
import { Recognizer } from "@/features/glossary/recognize";
import { loadStoryContent } from "@/features/stories/server/content";

const concepts = loadGlossaryFiles();
const byId = new Map(concepts.map((c) => [c.id, c]));
const LANGS = ["en", "tr", "ru", "ar", "ckb"] as const;

describe("glossary/concepts", () => {
  it("holds at least 40 valid concepts, each with an approved term in every language", () => {
    expect(concepts.length).toBeGreaterThanOrEqual(40);
    for (const c of concepts) for (const l of LANGS) expect(c.terms[l]?.some((t) => t.usage !== "forbidden"), `${c.id} ${l}`).toBe(true);
  });

  it("fixes HTS, the Sochi deal, Kalibr and Idlib in the forms of the foundation issue", () => {
    const preferred = (id: string, lang: string) => byId.get(id)!.terms[lang]!.filter((t) => t.usage === "preferred").map((t) => t.text);
    expect(preferred("hts", "en")).toEqual(expect.arrayContaining(["Hayat Tahrir al-Sham", "HTS"]));
    expect(preferred("hts", "tr")).toEqual(expect.arrayContaining(["Heyet Tahrir eş-Şam", "HTŞ"]));
    expect(preferred("hts", "ru")).toEqual(expect.arrayContaining(["Хайят Тахрир аш-Шам", "ХТШ"]));
    expect(preferred("hts", "ar")).toContain("هيئة تحرير الشام");
    expect(preferred("sochi-deal", "tr")).toContain("Soçi Mutabakatı");
    expect(preferred("sochi-deal", "ru")).toContain("Сочинское соглашение");
    expect(preferred("sochi-deal", "ar")).toContain("اتفاق سوتشي");
    expect(preferred("kalibr", "ru")).toContain("Калибр");
    expect(preferred("kalibr", "ar")).toContain("كاليبر");
    expect(preferred("idlib", "tr")).toContain("İdlib");
  });

  it("writes approved Sorani terms in the Sorani alphabet", () => {
    for (const c of concepts) for (const t of c.terms.ckb ?? []) if (t.usage !== "forbidden") expect(t.text, c.id).not.toMatch(/[\u0643\u064A]/);
  });

  it("has forbidden variants where a newsroom bans one", () => {
    expect(concepts.filter((c) => Object.values(c.terms).some((ts) => (ts ?? []).some((t) => t.usage === "forbidden"))).length).toBeGreaterThanOrEqual(12);
  });

  it("agrees with the published translations: where the English names HTS, the Sochi deal, Kalibr or Idlib, so does each translation", () => {
    const story = loadStoryContent().find((s) => s.source.slug === "idlib-2020-02-28")!;
    const en = new Recognizer("en", termsOf(concepts, "en").filter((t) => t.usage !== "forbidden"));
    const fixed = new Set(["hts", "sochi-deal", "kalibr", "idlib"]);
    for (const lang of ["tr", "ru", "ar", "ckb"]) {
      const target = new Recognizer(lang, termsOf(concepts, lang).filter((t) => t.usage !== "forbidden"));
      const translations = story.translations.find((t) => t.lang === lang)!.translations;
      for (const seg of story.source.segments) {
        const wanted = new Set(en.find(seg.text).map((m) => m.conceptId).filter((id) => fixed.has(id)));
        const got = new Set(target.find(translations[seg.key]!).map((m) => m.conceptId));
        for (const id of wanted) expect(got.has(id), `${lang} ${seg.key} should name ${id}: ${translations[seg.key]}`).toBe(true);
      }
    }
  });
});

describe("conceptIdFrom", () => {
  it("makes a valid concept id from an English term", async () => {
    const { conceptIdFrom } = await import("@/features/glossary/concept-id");
    expect(conceptIdFrom("Sochi deal")).toBe("sochi-deal");
    expect(conceptIdFrom("Hayat Tahrir al-Sham (HTS)")).toBe("hayat-tahrir-al-sham-hts");
    expect(conceptIdFrom("Erdoğan's  spokesman")).toBe("erdogan-s-spokesman");
    expect(conceptIdFrom("1918 flu")).toBe("c-1918-flu");
    expect(conceptIdFrom("«»")).toBe("");
    expect(conceptIdFrom("a".repeat(200)).length).toBeLessThanOrEqual(80);
  });
});
