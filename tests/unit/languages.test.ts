import { describe, expect, it } from "vitest";
import {
  LANGUAGES,
  LANGUAGE_CODES,
  formatDate,
  formatNumber,
  getLanguage,
  isLanguageCode,
  negotiateLanguage,
  textAttrs,
} from "@/lib/i18n/languages";

describe("languages table", () => {
  it("lists en, tr, ru, ar and ckb", () => {
    expect(LANGUAGE_CODES).toEqual(["en", "tr", "ru", "ar", "ckb"]);
  });

  it.each([
    ["en", "ltr"],
    ["tr", "ltr"],
    ["ru", "ltr"],
    ["ar", "rtl"],
    ["ckb", "rtl"],
  ] as const)("%s is written %s", (code, dir) => {
    expect(getLanguage(code).dir).toBe(dir);
    expect(textAttrs(code)).toEqual({ lang: code, dir });
  });

  it("gives every language a native name, a script and a BCP 47 tag Intl accepts", () => {
    for (const l of LANGUAGES) {
      expect(l.nativeName.length).toBeGreaterThan(0);
      expect(Intl.getCanonicalLocales(l.bcp47)).toEqual([l.bcp47]);
      expect(["Latn", "Cyrl", "Arab"]).toContain(l.script);
    }
  });

  it("writes Sorani numbers with Arabic-Indic digits", () => {
    expect(formatNumber("ckb", 1234)).toBe("١٬٢٣٤");
    expect(formatNumber("en", 1234)).toBe("1,234");
    expect(formatNumber("tr", 1234.5)).toBe("1.234,5");
    expect(formatNumber("ar", 33)).toBe("33");
  });

  it("formats dates in the UI language", () => {
    const d = new Date("2020-02-28T16:28:00Z");
    expect(formatDate("ru", d, { dateStyle: "long", timeZone: "UTC" })).toBe("28 февраля 2020 г.");
    expect(formatDate("tr", d, { dateStyle: "long", timeZone: "UTC" })).toBe("28 Şubat 2020");
    expect(formatDate("ckb", d, { dateStyle: "long", timeZone: "UTC" })).toMatch(/^٢٨/);
  });

  it("rejects codes it does not know", () => {
    expect(isLanguageCode("ku")).toBe(false);
    expect(isLanguageCode("kmr")).toBe(false);
    expect(isLanguageCode("ckb")).toBe(true);
  });
});

describe("negotiateLanguage", () => {
  it("takes the highest-weighted supported language", () => {
    expect(negotiateLanguage("de-DE,de;q=0.9,ru;q=0.8,en;q=0.5")).toBe("ru");
  });
  it("falls back from a region subtag to its language", () => {
    expect(negotiateLanguage("ar-IQ")).toBe("ar");
    expect(negotiateLanguage("ckb-IQ,ar;q=0.5")).toBe("ckb");
  });
  it("ignores q=0 and unknown languages", () => {
    expect(negotiateLanguage("tr;q=0, fr")).toBeUndefined();
    expect(negotiateLanguage(undefined)).toBeUndefined();
  });
});
