import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, type TestDatabase } from "../helpers/databases";
import { TestClock, call, signIn, useAuth } from "../helpers/api";
import { xmllint } from "../helpers/xmllint";
import { createUserAccount } from "@/features/auth/server/users";
import { loadStoryContent } from "@/features/stories/server/content";
import { seedSegmentId, seedStories } from "@/features/stories/server/seed";
import { findTranslation, saveTranslation } from "@/features/stories/server/repository";
import { readTmx } from "@/features/tm/tmx";
import { storyToHtml, storyToMarkdown } from "@/features/stories/export";

const SLUG = "idlib-2020-02-28";
const content = loadStoryContent();
const story = content.find((s) => s.source.slug === SLUG)!;
const translation = (lang: string, key: string) => story.translations.find((t) => t.lang === lang)!.translations[key]!;

describe("story export renderers", () => {
  const hostile = { slug: "x", lang: "ckb" as const, sourceLang: "en" as const, publishedAt: null, sourceUpdatedAt: null, segments: [
    { key: "t", kind: "title" as const, text: "<script>alert(1)</script> & “quotes”", lang: "ckb" as const, translated: true },
    { key: "p1", kind: "paragraph" as const, text: "# not a heading *nor emphasis* [nor a link](x)", lang: "en" as const, translated: false },
  ] };

  it("escapes every text in HTML and marks untranslated segments with their own language", () => {
    const html = storyToHtml(hostile);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”");
    expect(html).toMatch(/<html lang="ckb" dir="rtl">/);
    expect(html).toMatch(/<p lang="en" dir="ltr" id="p1" data-untranslated="">/);
  });

  it("escapes Markdown syntax and lists untranslated segments in the front matter", () => {
    const md = storyToMarkdown(hostile);
    expect(md).toContain("\n\\# not a heading \\*nor emphasis\\* \\[nor a link\\](x)\n");
    expect(md).toContain("dir: rtl");
    expect(md).toContain('untranslated: ["p1"]');
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.available)(`story exports on ${dialect.name}`, () => {
    let t: TestDatabase;
    let cookie: string;
    beforeAll(async () => {
      t = await dialect.create();
      const auth = useAuth(t.db, new TestClock());
      await seedStories(t.db, content, "2026-01-01T00:00:00.000Z");
      await createUserAccount(auth, t.db, { name: "Ayşe", email: "ayse@example.org", username: "ayse", password: "export-password", grants: [{ role: "translator", lang: "tr" }] }, null);
      cookie = (await signIn("ayse", "export-password")).cookie!;
      // s08 in Arabic is no longer approved: it is exported in English, marked.
      const seg = seedSegmentId(SLUG, "s08");
      const current = (await findTranslation(t.db, seg, "ar"))!;
      await saveTranslation(t.db, { segmentId: seg, lang: "ar", text: current.text, status: "translated", baseVersion: current.version, authorId: null, origin: "test" });
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("exports the Arabic story as a right-to-left HTML page with approved translations", async () => {
      const r = await call("GET", `/api/v1/documents/${SLUG}/export?format=html&lang=ar`, { cookie });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain("text/html");
      expect(r.headers.get("content-disposition")).toContain(`${SLUG}.ar.html`);
      const html = await r.text();
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
      expect(html).toContain(`<h1 id="s01">${translation("ar", "s01")}</h1>`);
      expect(html).toMatch(/<p lang="en" dir="ltr" id="s08" data-untranslated="">In televised remarks/);
      expect(html).toContain('<meta name="translation-progress" content="33/34">');
    });

    it("exports Markdown with the language's direction in the front matter", async () => {
      const md = await (await call("GET", `/api/v1/documents/${SLUG}/export?format=md&lang=ckb`, { cookie })).text();
      expect(md.startsWith("---\n")).toBe(true);
      expect(md).toContain("lang: ckb\ndir: rtl\nsource_lang: en");
      expect(md).toContain(`\n# ${translation("ckb", "s01")}\n`);
    });

    it("exports the whole document as a multilingual TMX, valid against the DTD", async () => {
      const r = await call("GET", `/api/v1/documents/${SLUG}/export?format=tmx`, { cookie });
      const tmx = await r.text();
      const check = xmllint(tmx, { dtd: "tmx14.dtd" });
      expect(check.output).toBe("");
      const reader = readTmx(tmx, { maxBytes: 10_000_000 });
      const units = [];
      for await (const u of reader) units.push(u);
      expect(units).toHaveLength(35);
      const s05 = units.find((u) => u.tuid === "s05")!;
      expect(s05.variants.map((v) => v.lang)).toEqual(["en", "tr", "ru", "ar", "ckb", "kmr"]);
      expect(s05.variants.find((v) => v.lang === "tr")!.text).toBe(translation("tr", "s05"));
      expect(units.find((u) => u.tuid === "s08")!.variants.map((v) => v.lang)).toEqual(["en", "tr", "ru", "ckb", "kmr"]);
    });

    it("needs a signed-in user and a known format", async () => {
      expect((await call("GET", `/api/v1/documents/${SLUG}/export?format=html&lang=ar`)).status).toBe(401);
      expect((await call("GET", `/api/v1/documents/${SLUG}/export?format=pdf&lang=ar`, { cookie })).status).toBe(400);
      expect((await call("GET", `/api/v1/documents/nope/export?format=tmx`, { cookie })).status).toBe(404);
    });
  });
}
