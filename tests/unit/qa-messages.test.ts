/** The qa namespace: every message the checks produce, in every UI language, publishable in each. */
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES, parseLanguage, registerLanguages } from "@/lib/i18n/languages";
import { createI18n } from "@/lib/i18n/config";
import { loadResources } from "@/lib/i18n/resources";
import { CHECK_IDS, issueMessage, runChecks, runDocumentChecks, type QaIssue } from "@/features/qa";
import { check } from "./qa-helpers";

// The UI languages; a language known only from its table entry is registered below for its script check.
const UI_LANGUAGES = [...LANGUAGE_CODES];
const resources = loadResources();
registerLanguages([
  parseLanguage({ code: "fa", bcp47: "fa", nativeName: "فارسی", englishName: "Persian", dir: "rtl", script: "Arab", digits: "arabext", letterFolds: [["ي", "ی"]] }, "test"),
]);
const i18n = createI18n(resources);
const tOf = (lang: string) => i18n.getFixedT(lang, "qa") as unknown as (key: string, options?: Record<string, unknown>) => string;

/** Inputs that between them make every check say every thing it can say. */
function everyIssue(): QaIssue[] {
  const run = (targetLang: string, source: string, target: string) => runChecks({ sourceLang: "en", targetLang, source, target });
  return [
    ...run("tr", "Idlib", ""),
    ...run("ru", "NATO officials will meet.", "NATO officials will meet."),
    ...run("tr", "Some 1,000 people fled.", "Yaklaşık 100 kişi kaçtı."),
    ...check("en", "tr", "HTS fighters", "HTS savaşçıları"),
    ...check("en", "ru", "Turkey set up posts in Idlib.", "Турция создала посты."),
    ...check("en", "tr", "AFP reported it.", "Fransız ajansı bildirdi."),
    ...runChecks({
      sourceLang: "en",
      targetLang: "tr",
      source: "AFP",
      target: "Afp",
      glossary: { concepts: [{ conceptId: "afp", sourceMatches: [{ start: 0, end: 3, text: "AFP" }], targetTerms: [{ id: "a", text: "AFP", usage: "preferred", status: "approved", doNotTranslate: true }], targetMatches: [{ start: 0, end: 3, text: "Afp", usage: "preferred", termId: "a" }] }] },
    }),
    ...runChecks({
      sourceLang: "en",
      targetLang: "tr",
      source: "calibre",
      target: "kalibre",
      glossary: { concepts: [{ conceptId: "k", sourceMatches: [{ start: 0, end: 7, text: "calibre" }], targetTerms: [{ id: "f", text: "kalibre", usage: "forbidden", status: "approved" }], targetMatches: [{ start: 0, end: 7, text: "kalibre", usage: "forbidden", termId: "f" }] }] },
    }),
    ...run("ar", "Why?", "لماذا"),
    ...run("ar", "NATO meets", "الناتو يجتمع."),
    ...run("ar", "He said it.", "قالها!"),
    ...run("ar", "Why?", "لماذا?"),
    ...run("ru", "", 'Он сказал "нет" и “да” и „может'),
    ...run("tr", "", "Akar, saldırı oldu” dedi."),
    ...run("tr", "", "Heyet (HTŞ] dedi"),
    ...run("tr", "", `${"(".repeat(30)}${"]".repeat(30)}`),
    ...run("ru", "", " НАТО  проведёт заседание , "),
    ...run("ar", "", "قال \u202Eأكار"),
    ...run("ru", "", "НА\u200CТО\u200B"),
    ...run("ckb", "", "كوردستان کۆده دیموکrاتەکان"),
    ...run("ru", "", "Москвa и Twіtter"),
    ...run("tr", "", "Путин"),
    ...run("kmr", "", "Îdlibێ û سەربازانی تورکیا"),
    ...run("ckb", "", "سەربازانی تورکیا leşkerên Tirk"),
    ...run("ar", "", "الروسیة ۆ"),
    ...run("fa", "", "ترکيه"),
    ...run("tr", "Turkish officials have called for a no-fly-zone over the region.", "Çağrı."),
    ...run("tr", "Turkish officials have called for a no-fly-zone over the region.", "Türk yetkililer, bölge semalarında uçuşa yasak bölge oluşturulması çağrısında bulundu. ".repeat(3)),
    ...run("tr", "Read https://example.org/a and write to desk@example.org", "Okuyun"),
    ...run("tr", "Read https://example.org/a and write to desk@example.org", "https://example.org/b okuyun, desk@example.com yazın"),
    ...runDocumentChecks([
      { id: "a", source: "NATO meets", target: "NATO toplandı" },
      { id: "b", source: "NATO meets", target: "NATO toplanıyor" },
    ]),
  ];
}

const flatten = (obj: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(obj).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe("qa messages", () => {
  const issues = everyIssue();

  it("every message key is produced by some check, and every produced key exists", () => {
    const produced = new Set(issues.map((i) => i.messageKey));
    const defined = new Set(
      flatten(resources.en!.qa as Record<string, unknown>)
        .filter((k) => !k.startsWith("checks.") && !k.startsWith("severity."))
        .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")),
    );
    expect([...produced].sort()).toEqual([...defined].sort());
    expect(new Set(issues.map((i) => i.check))).toEqual(new Set(CHECK_IDS));
  });

  it("names every check and severity in every language", () => {
    for (const lang of UI_LANGUAGES) {
      for (const id of CHECK_IDS) expect(tOf(lang)(`checks.${id}`)).not.toBe(`checks.${id}`);
      expect(tOf(lang)("severity.error")).not.toBe("severity.error");
    }
  });

  for (const lang of UI_LANGUAGES) {
    it(`${lang}: renders every issue with its values filled in`, () => {
      const t = tOf(lang);
      for (const issue of issues) {
        const message = issueMessage(t, issue);
        expect(message, issue.messageKey).not.toBe(issue.messageKey);
        expect(message, issue.messageKey).not.toMatch(/\{\{|\}\}/);
        for (const [k, v] of Object.entries(issue.params)) {
          // The summary of capped findings names its check by the check's name in the UI language.
          if (issue.messageKey === "more" && k === "check") expect(message, issue.messageKey).toContain(t(`checks.${String(v)}`));
          else if (typeof v === "string") expect(message, issue.messageKey).toContain(v);
        }
      }
    });
  }

  it("quotes spans with the language's own quotation marks", () => {
    const missing = issues.find((i) => i.messageKey === "numbers.missing")!;
    expect(issueMessage(tOf("en"), missing)).toBe("The number “1,000” in the source text is missing from the translation.");
    expect(issueMessage(tOf("tr"), missing)).toBe("Kaynak metindeki “1,000” sayısı çeviride yok.");
    expect(issueMessage(tOf("ru"), missing)).toBe("Числа «1,000» из исходного текста нет в переводе.");
    expect(issueMessage(tOf("ar"), missing)).toBe("الرقم «1,000» الوارد في النص المصدر غير موجود في الترجمة.");
    expect(issueMessage(tOf("ckb"), missing)).toBe("ژمارەی «1,000» لە دەقی سەرچاوەدا هەیە، بەڵام لە وەرگێڕانەکەدا نییە.");
  });

  it("uses every plural form, and the language's digits", () => {
    const double = (count: number) => ({ messageKey: "whitespace.double", params: { count } });
    expect(issueMessage(tOf("en"), double(2))).toBe("2 spaces in a row.");
    expect(issueMessage(tOf("ru"), double(2))).toBe("2 пробела подряд.");
    expect(issueMessage(tOf("ru"), double(5))).toBe("5 пробелов подряд.");
    expect(issueMessage(tOf("ru"), double(21))).toBe("21 пробел подряд.");
    expect(issueMessage(tOf("ar"), double(2))).toBe("مسافتان متتاليتان.");
    expect(issueMessage(tOf("ar"), double(3))).toBe("3 مسافات متتالية.");
    expect(issueMessage(tOf("ar"), double(11))).toBe("11 مسافة متتالية.");
    expect(issueMessage(tOf("ckb"), double(3))).toBe("٣ بۆشایی لە دوای یەک.");
    const inconsistent = (count: number) => ({ messageKey: "inconsistent", params: { count } });
    expect(issueMessage(tOf("ru"), inconsistent(1))).toBe("Тот же исходный текст иначе переведён ещё в 1 сегменте.");
    expect(issueMessage(tOf("ru"), inconsistent(3))).toBe("Тот же исходный текст иначе переведён ещё в 3 сегментах.");
    expect(issueMessage(tOf("ar"), inconsistent(2))).toBe("تُرجم النص المصدر نفسه ترجمةً مختلفة في مقطعين آخرين.");
    expect(issueMessage(tOf("tr"), { messageKey: "lengthRatio.long", params: { count: 1200, source: 500, min: 322, max: 840 } })).toBe(
      "Çeviri olağandan çok daha uzun: Kaynak metindeki 500 karaktere karşılık 1.200 karakter (olağan aralık: 322–840).",
    );
  });

  // The checks on their own messages: quotation marks, brackets, spaces, alphabets.
  for (const lang of ["tr", "ru", "ar", "ckb"] as const) {
    it(`${lang}: the messages pass the language's own checks`, () => {
      const strings = flatten(resources[lang]!.qa as Record<string, unknown>).map((k) => [k, k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], resources[lang]!.qa)] as const);
      for (const [key, value] of strings) {
        const sample = String(value).replace(/\{\{[^}]*\}\}/g, lang === "ckb" ? "٣" : "3");
        const issues = runChecks({ sourceLang: "en", targetLang: lang, source: "", target: sample }, { only: ["quotes", "brackets", "whitespace", "script_mismatch", "bidi_control", "invisible"] });
        expect(issues, `${lang}/qa:${key} ${sample}`).toEqual([]);
      }
    });
  }

  it("Sorani messages use Sorani letters, never Arabic ك ي ى", () => {
    const text = JSON.stringify(resources.ckb!.qa);
    expect(text).not.toMatch(/[كيى]/);
    expect(text).toMatch(/[کیەڕڵۆێ]/);
  });
});
