import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadStoryContent } from "@/features/stories/server/content";

const stories = loadStoryContent();
const idlib = stories.find((s) => s.source.slug === "idlib-2020-02-28")!;
const tr = (lang: string) => idlib.translations.find((t) => t.lang === lang)!.translations;
const all = (lang: string) => Object.values(tr(lang)).join("\n");

describe("the Idlib story (content/stories/idlib-2020-02-28)", () => {
  it("keeps the newsroom's English text verbatim", () => {
    const sent = fs.readFileSync("tests/fixtures/seed/idlib-2020-02-28.en.txt", "utf8").split(/\r?\n/);
    expect(idlib.source.segments.map((s) => s.text)).toEqual(sent);
  });

  it("is segmented into title, dateline, paragraphs, the subheading and the update note", () => {
    const kinds = idlib.source.segments.map((s) => s.kind);
    expect(kinds[0]).toBe("title");
    expect(kinds[1]).toBe("dateline");
    expect(idlib.source.segments.filter((s) => s.kind === "heading").map((s) => s.text)).toEqual(["NATO meets"]);
    expect(idlib.source.segments.at(-1)).toMatchObject({ kind: "note", text: "Last updated at 7.28 PM" });
    expect(kinds.filter((k) => k === "paragraph")).toHaveLength(31);
  });

  it("has a translation of every segment in tr, ru, ar, ckb and kmr", () => {
    const keys = idlib.source.segments.map((s) => s.key);
    expect(idlib.translations.map((t) => t.lang).sort()).toEqual(["ar", "ckb", "kmr", "ru", "tr"]);
    for (const t of idlib.translations) expect(Object.keys(t.translations)).toEqual(keys);
  });

  it.each([
    ["tr", ["Heyet Tahrir eş-Şam (HTŞ)", "Soçi Mutabakatı", "Kalibr", "İdlib"]],
    ["ru", ["«Хайят Тахрир аш-Шам» (ХТШ)", "Сочинск", "«Калибр»", "Идлиб"]],
    ["ar", ["هيئة تحرير الشام", "اتفاق سوتشي", "كاليبر", "إدلب"]],
    ["ckb", ["ڕێککەوتنی سۆچی", "کالیبەر", "ئیدلیب"]],
    ["kmr", ["Heyeta Tehrîr Şam (HTŞ)", "Peymana Soçiyê", "Kalibr", "Îdlib"]],
  ])("uses the controlled forms of HTS, the Sochi deal, Kalibr and Idlib in %s", (lang, forms) => {
    for (const form of forms) expect(all(lang)).toContain(form);
  });

  it("writes Sorani in the Sorani alphabet with Arabic-Indic digits", () => {
    const text = all("ckb");
    expect(text).not.toMatch(/[\u0643\u064A]/); // Arabic kaf and yeh
    expect(text).not.toMatch(/[0-9]/);
    expect(text).toContain("٣٣");
    expect(text).toContain("٢٠١٨");
  });

  it("keeps every number of the source in each language's digits", () => {
    const numbers = ["33", "16", "27", "12", "2019", "2018", "29"];
    for (const lang of ["tr", "ru", "ar", "kmr"]) for (const n of numbers) expect(all(lang), `${lang} ${n}`).toContain(n);
    const arabicIndic = (n: string) => n.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    for (const n of numbers) expect(all("ckb"), `ckb ${n}`).toContain(arabicIndic(n));
  });

  it("uses each language's quotation marks and no straight quotes", () => {
    expect(all("tr")).toMatch(/“[^”]+”/);
    expect(all("tr")).not.toMatch(/[«»]/);
    expect(all("ru")).toMatch(/«[^»]+»/);
    expect(all("ru")).not.toMatch(/[“”]/);
    for (const lang of ["ar", "ckb"]) expect(all(lang)).toMatch(/«[^»]+»/);
    expect(all("kmr")).toMatch(/“[^”]+”/);
    for (const lang of ["tr", "ru", "ar", "ckb", "kmr"]) expect(all(lang)).not.toContain('"');
  });

  it("renders the update time in each language's convention", () => {
    expect(tr("tr").s35).toContain("19.28");
    expect(tr("ru").s35).toContain("19:28");
    expect(tr("ar").s35).toContain("7:28");
    expect(tr("ckb").s35).toContain("٧:٢٨");
    expect(tr("kmr").s35).toContain("19:28");
  });

  it("writes Kurmanji in the Hawar alphabet, with the Kurmanji forms of the names and none of the Turkish spellings", () => {
    const text = all("kmr");
    expect(text).not.toMatch(/[ıİğĞöÖüÜ]/);
    for (const name of ["Îdlib", "Tirkiye", "Rûsya", "Sûriye", "NATO", "HEWLÊR", "Enqere", "Moskow", "Pûtîn", "Erdogan"]) expect(text, name).toContain(name);
    for (const wrong of ["Idlib", "Suriye", "Rusya", "Erdoğan", "HTS", "Ankara", "Sochi"]) expect(text, wrong).not.toMatch(new RegExp(`\\b${wrong}`));
  });
});
