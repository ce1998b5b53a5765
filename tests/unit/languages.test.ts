import { afterEach, describe, expect, it, vi } from "vitest";
import {
  LANGUAGES,
  LANGUAGE_CODES,
  formatDate,
  formatNumber,
  getLanguage,
  isLanguageCode,
  languageOfTag,
  negotiateLanguage,
  textAttrs,
} from "@/lib/i18n/languages";

describe("languages table", () => {
  it("lists en, tr, ru, ar, ckb and kmr", () => {
    expect(LANGUAGE_CODES).toEqual(["en", "tr", "ru", "ar", "ckb", "kmr"]);
  });

  it.each([
    ["en", "ltr"],
    ["tr", "ltr"],
    ["ru", "ltr"],
    ["ar", "rtl"],
    ["ckb", "rtl"],
    ["kmr", "ltr"],
  ] as const)("%s is written %s", (code, dir) => {
    expect(getLanguage(code).dir).toBe(dir);
    expect(textAttrs(code)).toEqual({ lang: code, dir });
  });

  it("gives every language a native name, a script and a BCP 47 tag Intl accepts", () => {
    for (const l of LANGUAGES) {
      expect(l.nativeName.length).toBeGreaterThan(0);
      // ICU aliases kmr to ku (CLDR's Kurdish is Kurmanji); the tag itself is valid BCP 47.
      expect(Intl.getCanonicalLocales(l.bcp47)).toEqual([l.code === "kmr" ? "ku" : l.bcp47]);
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

  it("writes Kurmanji numbers and dates as CLDR's Kurdish (Latin) does", () => {
    expect(getLanguage("kmr")).toMatchObject({ bcp47: "kmr", nativeName: "Kurmancî", script: "Latn", digits: "latn" });
    expect(formatNumber("kmr", 1234567.5)).toBe("1.234.567,5");
    expect(formatNumber("kmr", 0.5, { style: "percent" })).toBe("%50");
    expect(formatDate("kmr", new Date("2020-02-28T16:28:00Z"), { dateStyle: "long", timeZone: "UTC" })).toBe("28ê sibata 2020an");
  });

  it("rejects codes it does not know", () => {
    expect(isLanguageCode("ku")).toBe(false);
    expect(isLanguageCode("kmr")).toBe(true);
    expect(isLanguageCode("ckb")).toBe(true);
  });
});

describe("languageOfTag", () => {
  it("reads region and script subtags, and the Kurdish tags files use", () => {
    expect(languageOfTag("en-US")).toEqual({ code: "en" });
    expect(languageOfTag("ckb_IQ")).toEqual({ code: "ckb" });
    expect(languageOfTag("kmr")).toEqual({ code: "kmr" });
    expect(languageOfTag("ku")).toEqual({ code: "kmr", alias: "ku" });
    expect(languageOfTag("ku-Latn-TR")).toEqual({ code: "kmr", alias: "ku-latn" });
    expect(languageOfTag("ku-Arab")).toEqual({ code: "ckb", alias: "ku-arab" });
    expect(languageOfTag("kurd")).toBeUndefined();
    expect(languageOfTag("fr-CA")).toBeUndefined();
  });
});

describe("a runtime without Kurmanji locale data (as Chromium)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  async function withoutKurdishData() {
    const lacks = (original: (l: string[]) => string[]) => (locales?: Intl.LocalesArgument) => {
      const list = ([] as Intl.LocalesArgument[]).concat(locales ?? []).map(String);
      return list.some((l) => /^(kmr|ku)\b/i.test(l)) ? [] : original(list);
    };
    vi.spyOn(Intl.NumberFormat, "supportedLocalesOf").mockImplementation(lacks(Intl.NumberFormat.supportedLocalesOf.bind(Intl.NumberFormat)));
    vi.spyOn(Intl.DateTimeFormat, "supportedLocalesOf").mockImplementation(lacks(Intl.DateTimeFormat.supportedLocalesOf.bind(Intl.DateTimeFormat)));
    vi.resetModules();
    return import("@/lib/i18n/languages");
  }

  it("still groups thousands with a dot and uses a decimal comma (not 1,234.5)", async () => {
    const l = await withoutKurdishData();
    expect(l.intlHasData("kmr")).toBe(false);
    expect(l.formatNumber("kmr", 1234567.5)).toBe("1.234.567,5");
  });

  it("writes the Kurmanji month name, not the fallback locale's", async () => {
    const l = await withoutKurdishData();
    const date = l.formatDate("kmr", new Date("2020-02-28T16:28:00Z"), { dateStyle: "long", timeZone: "UTC" });
    expect(date).toBe("28 sibat 2020");
    expect(l.formatDate("kmr", new Date("2020-12-31T23:30:00Z"), { dateStyle: "long", timeZone: "UTC" })).toBe("31 berfanbar 2020");
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
