/**
 * A seventh language added as data only: tests/fixtures/languages holds
 * Persian (fa) as a deployment would add it — its entry in languages.json, its
 * locale folder, a story with its translation and glossary terms — and
 * LANGUAGES_DIR points there. No code knows Persian; routes, locale
 * completeness, the reader, QA and the glossary must work for it.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Before any application module is imported (the language table is read when it loads).
const FIXTURE = vi.hoisted(() => {
  const dir = `${process.cwd()}/tests/fixtures/languages`;
  process.env.LANGUAGES_DIR = dir;
  return dir;
});

import { NextRequest } from "next/server";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { BASE, TestClock, call, useAuth } from "../helpers/api";
import { LANGUAGE_CODES, TARGET_LANGUAGE_CODES, extraLanguages, formatNumber, getLanguage, isLanguageCode, languageOfTag, negotiateLanguage, textAttrs } from "@/lib/i18n/languages";
import { NAMESPACES, createI18n } from "@/lib/i18n/config";
import { READER_NAMESPACES, loadResources } from "@/lib/i18n/resources";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedStories } from "@/features/stories/server/seed";
import { loadGlossaryFiles, termsOf } from "@/features/glossary/files";
import { seedGlossary } from "@/features/glossary/server/seed";
import { publishSeedEditions } from "@/features/editions/server/seed";
import { getReaderStory, listReaderStories } from "@/features/reader/server/service";
import { Recognizer } from "@/features/glossary/recognize";
import { runChecks } from "@/features/qa";
import { LocalEventBus, setEventBus } from "@/features/workbench/server/events";
import { generateStaticParams } from "@/app/[lang]/layout";
import { proxy } from "@/proxy";
import * as feedRoute from "@/app/feeds/[file]/route";

const SLUG = "idlib-fa-sample";
const STORIES = path.join(FIXTURE, "content", "stories");
const GLOSSARY = path.join(FIXTURE, "glossary", "concepts");

describe("a language added as data (LANGUAGES_DIR)", () => {
  it("joins the language table after the built-in six, with its direction, script and digits", () => {
    expect(LANGUAGE_CODES).toEqual(["en", "tr", "ru", "ar", "ckb", "kmr", "fa"]);
    expect(TARGET_LANGUAGE_CODES).toContain("fa");
    expect(extraLanguages().map((l) => l.code)).toEqual(["fa"]);
    expect(isLanguageCode("fa")).toBe(true);
    expect(getLanguage("fa")).toMatchObject({ nativeName: "فارسی", dir: "rtl", script: "Arab", digits: "arabext" });
    expect(textAttrs("fa")).toEqual({ lang: "fa", dir: "rtl" });
    expect(formatNumber("fa", 1234.5)).toBe("۱٬۲۳۴٫۵");
    expect(negotiateLanguage("fa-IR, en;q=0.5")).toBe("fa");
    expect(languageOfTag("per")).toEqual({ code: "fa", alias: "per" });
  });
});

describe("routes", () => {
  it("/[lang] is generated for fa, and a reader whose browser asks for Persian is sent there", async () => {
    expect(generateStaticParams()).toContainEqual({ lang: "fa" });
    const response = proxy(new NextRequest(`${BASE}/`, { headers: { "accept-language": "fa-IR,fa;q=0.9" } }));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/fa");
    const page = proxy(new NextRequest(`${BASE}/fa/stories/${SLUG}`));
    expect(page.headers.get("location")).toBeNull();
  });
});

describe("locale completeness for fa", () => {
  const resources = loadResources();
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  const flatten = (obj: Record<string, unknown>, prefix = ""): Record<string, string> =>
    Object.entries(obj).reduce<Record<string, string>>((out, [k, v]) => {
      const key = prefix ? `${prefix}.${k}` : k;
      return v && typeof v === "object" ? { ...out, ...flatten(v as Record<string, unknown>, key) } : { ...out, [key]: String(v) };
    }, {});
  const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]);

  for (const ns of READER_NAMESPACES) {
    it(`fa/${ns} has every key with Persian's plural forms, and only the English string's variables`, () => {
      const en = flatten(resources.en![ns] as Record<string, unknown>);
      const fa = flatten(resources.fa![ns] as Record<string, unknown>);
      const categories = new Intl.PluralRules("fa").resolvedOptions().pluralCategories;
      const expected = new Set<string>();
      for (const key of Object.keys(en)) {
        if (PLURAL.test(key)) for (const c of categories) expected.add(key.replace(PLURAL, `_${c}`));
        else expected.add(key);
      }
      expect([...expected].filter((k) => !(k in fa))).toEqual([]);
      expect(Object.keys(fa).filter((k) => !expected.has(k))).toEqual([]);
      for (const [key, value] of Object.entries(fa)) {
        expect(value.trim(), key).not.toBe("");
        const enValue = en[key] ?? en[key.replace(PLURAL, "_other")] ?? "";
        for (const v of variables(value)) expect([...variables(enValue), "count"], `${ns}:${key}`).toContain(v);
      }
    });
  }

  it("speaks Persian with Persian digits; namespaces not yet translated show in English", () => {
    const i18n = createI18n(resources);
    expect(i18n.getFixedT("fa", "reader")("storyCount", { count: 3 })).toBe("۳ خبر");
    expect(i18n.getFixedT("fa", "common")("nav.glossary")).toBe("واژه‌نامه");
    const untranslated = NAMESPACES.filter((ns) => !(READER_NAMESPACES as readonly string[]).includes(ns));
    for (const ns of untranslated) expect(resources.fa![ns], ns).toEqual(resources.en![ns]);
  });
});

describe("QA for fa (conventions from its table entry)", () => {
  const source = "At least 33 Turkish soldiers were killed in the attack in Idlib, Turkish officials said.";
  const good = "به گفتهٔ مقام‌های ترکیه، دست‌کم ۳۳ سرباز ترکیه در حمله‌ای در ادلب کشته شدند.";
  const codes = (target: string) => runChecks({ sourceLang: "en", targetLang: "fa", source, target }).map((i) => i.check);

  it("passes the fixture's translation: Persian digits, the non-joiner, Persian letters", () => {
    expect(runChecks({ sourceLang: "en", targetLang: "fa", source, target: good }).filter((i) => i.severity === "error")).toEqual([]);
    expect(codes(good)).not.toContain("invisible");
  });

  it("reports Arabic ي and ك typed for Persian ی and ک", () => {
    const issues = runChecks({ sourceLang: "en", targetLang: "fa", source, target: good.replace("ترکیه،", "تركيه،") });
    const script = issues.filter((i) => i.check === "script_mismatch");
    expect(script.map((i) => i.params)).toEqual([
      expect.objectContaining({ found: "ك", expected: "ک" }),
      expect.objectContaining({ found: "ي", expected: "ی" }),
    ]);
  });

  it("reports a missing number and quotation marks Persian does not use", () => {
    expect(codes(good.replace("۳۳", "سی"))).toContain("numbers");
    expect(codes(`${good.slice(0, -1)} “بدون تأیید”.`)).toContain("quotes");
    expect(codes(`${good.slice(0, -1)} «بدون تأیید».`)).not.toContain("quotes");
  });
});

describe("the glossary in fa (generic analyzer from the table entry)", () => {
  const concepts = loadGlossaryFiles(GLOSSARY);
  const recognizer = new Recognizer("fa", termsOf(concepts, "fa"));
  const found = (text: string) => recognizer.find(text).map((m) => [m.conceptId, m.text, m.usage]);

  it("finds terms with Persian endings, after a non-joiner, and typed with Arabic letters", () => {
    expect(found("ترکیه و ادلب‌ها؛ ادلبی، تركيه")).toEqual([
      ["turkey", "ترکیه", "preferred"],
      ["idlib", "ادلب‌ها", "preferred"],
      ["idlib", "ادلبی", "preferred"],
      ["turkey", "تركيه", "preferred"],
    ]);
  });

  it("reports the forbidden Arabic spelling and takes no look-alike", () => {
    expect(found("إدلب")).toEqual([["idlib", "إدلب", "forbidden"]]);
    expect(found("ادل، ترک، ترکمن")).toEqual([]);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`the reader and the API in fa on ${dialect.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await dialect.create();
      setEventBus(new LocalEventBus());
      useAuth(t.db, new TestClock());
      await seedStories(t.db, loadStoryContent(STORIES));
      await seedGlossary(t.db, loadGlossaryFiles(GLOSSARY));
      await publishSeedEditions(t.db, [SLUG]);
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("publishes the Persian edition and reads it paragraph by paragraph beside the English", async () => {
      const story = await getReaderStory(t.db, SLUG, ["fa", "en"]);
      expect(story?.editions.map((e) => e.lang)).toEqual(["en", "fa"]);
      const title = story!.segments[0]!.texts.fa!;
      expect(title).toEqual({ lang: "fa", text: "روسیه نیروهای ترکیه را به استقرار در کنار «تروریست‌ها» در ادلب متهم کرد" });
      expect(story!.segments.map((s) => s.texts.fa?.text.length ?? 0).every((n) => n > 0)).toBe(true);
      const list = await listReaderStories(t.db, "fa");
      expect(list.items.map((s) => s.slug)).toEqual([SLUG]);
    });

    it("serves the Persian feed with xml:lang fa", async () => {
      const response = await feedRoute.GET(new Request(`${BASE}/feeds/fa.xml`), { params: Promise.resolve({ file: "fa.xml" }) });
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(xml).toContain('xml:lang="fa"');
      expect(xml).toContain(`${BASE}/fa/stories/${SLUG}`);
    });

    it("POST /api/v1/glossary/recognize takes lang fa", async () => {
      const response = await call("POST", "/api/v1/glossary/recognize", { json: { lang: "fa", text: "نیروهای ترکیه در ادلب" } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { matches: { conceptId: string; text: string }[] };
      expect(body.matches.map((m) => [m.conceptId, m.text])).toEqual([
        ["turkey", "ترکیه"],
        ["idlib", "ادلب"],
      ]);
    });
  });
}
