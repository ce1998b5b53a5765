import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES, getLanguage } from "@/lib/i18n/languages";
import { NAMESPACES, createI18n } from "@/lib/i18n/config";
import { loadResources } from "@/lib/i18n/resources";

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

const resources = loadResources();
const flat = (lang: string, ns: string) => flatten(resources[lang]![ns] as Record<string, unknown>);
const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe("locales", () => {
  it("has a folder per language and no stray folder", () => {
    const dirs = fs.readdirSync(path.join(process.cwd(), "locales")).filter((d) => fs.statSync(path.join("locales", d)).isDirectory());
    expect(dirs.sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  for (const ns of NAMESPACES) {
    const en = flat("en", ns);
    const bases = new Set(Object.keys(en).map((k) => k.replace(PLURAL_SUFFIX, "")));
    const plurals = new Set(Object.keys(en).filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, "")));

    for (const lang of LANGUAGE_CODES) {
      it(`${lang}/${ns} has every key, with every plural form ${lang} needs`, () => {
        const strings = flat(lang, ns);
        const categories = new Intl.PluralRules(getLanguage(lang).bcp47).resolvedOptions().pluralCategories;
        const expected = new Set<string>();
        for (const base of bases) {
          if (plurals.has(base)) for (const c of categories) expected.add(`${base}_${c}`);
          else expected.add(base);
        }
        const missing = [...expected].filter((k) => !(k in strings));
        const extra = Object.keys(strings).filter((k) => !expected.has(k));
        expect(missing, `missing in locales/${lang}/${ns}.json`).toEqual([]);
        expect(extra, `unexpected in locales/${lang}/${ns}.json`).toEqual([]);
        for (const [key, value] of Object.entries(strings)) expect(value.trim(), `${lang}/${ns}:${key}`).not.toBe("");
      });

      it(`${lang}/${ns} uses only the variables the English string defines`, () => {
        const strings = flat(lang, ns);
        for (const [key, value] of Object.entries(strings)) {
          const enKey = key in en ? key : `${key.replace(PLURAL_SUFFIX, "")}_other`;
          const allowed = new Set(variables(en[enKey] ?? "").concat("count"));
          for (const v of variables(value)) expect(allowed, `${lang}/${ns}:${key} uses {{${v}}}`).toContain(v);
        }
      });
    }
  }

  it("Russian needs one, few, many and other; Arabic all six forms", () => {
    expect(new Intl.PluralRules("ru").resolvedOptions().pluralCategories.sort()).toEqual(["few", "many", "one", "other"]);
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories.sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
  });
});

describe("pluralized reader strings", () => {
  const i18n = createI18n(resources);
  const progress = (lang: string, count: number, translated: number) => i18n.getFixedT(lang, "reader")("progress", { count, translated });

  it("agrees with the number in English", () => {
    expect(progress("en", 41, 38)).toBe("38 of 41 paragraphs translated");
    expect(progress("en", 1, 0)).toBe("0 of 1 paragraph translated");
  });
  it("uses the Russian genitive forms", () => {
    expect(progress("ru", 21, 20)).toBe("Переведено 20 из 21 абзаца");
    expect(progress("ru", 35, 34)).toBe("Переведено 34 из 35 абзацев");
  });
  it("uses the Arabic dual, few and many forms", () => {
    expect(progress("ar", 2, 1)).toBe("تُرجمت 1 من أصل فقرتين");
    expect(progress("ar", 5, 3)).toBe("تُرجمت 3 من أصل 5 فقرات");
    expect(progress("ar", 35, 34)).toBe("تُرجمت 34 من أصل 35 فقرة");
  });
  it("writes Sorani numbers with Arabic-Indic digits", () => {
    expect(progress("ckb", 35, 34)).toBe("٣٤ لە ٣٥ بڕگە وەرگێڕدراون");
  });
  it("formats Turkish thousands with a dot", () => {
    expect(progress("tr", 1200, 1000)).toBe("1.200 paragraftan 1.000 tanesi çevrildi");
  });
});
