import { describe, expect, it } from "vitest";
import { analyze, exactKey, NUMBER_KEY, tokenize, wordKey } from "@/features/tm/tokenize";

const keys = (text: string, lang: string) => tokenize(text, lang).map((t) => `${t.kind[0]}:${t.key}`);

describe("tokenize", () => {
  it("keeps every token's surface and UTF-16 offsets", () => {
    const text = "  «İdlib'de» — 1,000.5 kişi, 🇹🇷 ve HTŞ'nin   ";
    const tokens = tokenize(text, "tr");
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.surface);
    expect(tokens.map((t) => t.surface)).toEqual(["«", "İdlib'de", "»", "—", "1,000.5", "kişi", ",", "🇹", "🇷", "ve", "HTŞ'nin"]);
  });

  it("folds Turkish dotted and dotless i by the Turkish rules only in Turkish", () => {
    expect(keys("İSTANBUL IŞIK Irak", "tr")).toEqual(["w:istanbul", "w:ışık", "w:ırak"]);
    expect(keys("ISTANBUL İstanbul", "en")).toEqual(["w:istanbul", "w:istanbul"]);
    expect(wordKey("DİYARBAKIR", "tr")).toBe("diyarbakır");
  });

  it("keeps words with internal apostrophes and separates quotation marks", () => {
    expect(keys("'Don't' ‘İdlib’de’", "tr")).toEqual(["p:'", "w:don't", "p:'", "p:'", "w:idlib'de", "p:'"]);
  });

  it("reads numbers in every digit script as ASCII values, and as one class in the word sequence", () => {
    expect(keys("٢٠١٩ ۲۰۱۹ 2019 ٣٫٥ 1,000 19th 3.5x", "ar")).toEqual([
      "n:2019",
      "n:2019",
      "n:2019",
      "n:3.5",
      "n:1,000",
      "w:19th",
      "n:3",
      "p:.",
      "w:5x",
    ]);
    const a = analyze("في عام ٢٠١٩ قُتل ١٥ شخصاً.", "ar");
    expect(a.numbers).toEqual(["2019", "15"]);
    expect(a.keys.filter((k) => k === NUMBER_KEY)).toHaveLength(2);
  });

  it("strips Arabic diacritics and tatweel and folds letter variants", () => {
    expect(keys("مُحَمَّدٌ العـــربية أحمد إلى مدرسة", "ar")).toEqual(["w:محمد", "w:العربيه", "w:احمد", "w:الي", "w:مدرسه"]);
    // Persian letters in Arabic text read as Arabic letters.
    expect(wordKey("کتابی", "ar")).toBe(wordKey("كتابي", "ar"));
  });

  it("reads Sorani typed on an Arabic keyboard as Sorani letters, and ignores joiners", () => {
    expect(wordKey("كوردستان", "ckb")).toBe("کوردستان");
    expect(wordKey("كوردي", "ckb")).toBe(wordKey("کوردی", "ckb"));
    expect(wordKey("دەوڵەت\u200Cەکان", "ckb")).toBe("دەوڵەتەکان");
    // ە (ae) and ه (heh) are different Sorani letters.
    expect(wordKey("ئەوە", "ckb")).not.toBe(wordKey("ئەوه", "ckb"));
    expect(keys("کوردستان، هەولێر؟", "ckb")).toEqual(["w:کوردستان", "p:,", "w:هەولێر", "p:?"]);
  });

  it("folds ё in Russian and case everywhere", () => {
    expect(keys("Ёлка ЕЛКА", "ru")).toEqual(["w:елка", "w:елка"]);
  });

  it("folds quotation mark and dash styles in punctuation keys", () => {
    expect(analyze("«Hello» – he said", "en").punct).toBe(analyze('"Hello" - he said', "en").punct);
    expect(analyze("Hello, he said", "en").punct).not.toBe(analyze("Hello he said", "en").punct);
  });

  it("normalizes the exact key (NFKC, invisibles, whitespace) but keeps case and punctuation", () => {
    expect(exactKey("  The\u00A0talks   resumed.\u200F ")).toBe("The talks resumed.");
    expect(exactKey("ﬁnal")).toBe("final");
    expect(exactKey("العـــربية")).toBe("العربية");
    expect(exactKey("The talks")).not.toBe(exactKey("the talks"));
  });
});
