import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RecognizedTerm } from "@/features/glossary/compiled";
import type { ConceptCard } from "@/features/glossary/server/recognition";
import type { ReaderSegment } from "@/features/reader/server/service";
import { annotationKey, storyTextData, termParts, type ReaderAnnotations } from "@/features/reader/story-text";
import { StoryText } from "@/features/reader/components/StoryText";

const match = (conceptId: string, text: string, start: number): RecognizedTerm => ({ conceptId, sourceTerm: null, termId: `${conceptId}-${start}`, start, end: start + text.length, text, status: "approved", usage: "preferred", commonWord: false });

const segments: ReaderSegment[] = [
  { key: "s01", kind: "title", texts: { en: { lang: "en", text: "Talks in Sochi" }, ar: { lang: "ar", text: "محادثات في سوتشي" } } },
  { key: "s02", kind: "paragraph", texts: { en: { lang: "en", text: "The Sochi deal and HTS: the Sochi deal again." }, ar: { lang: "ar", text: "اتفاق سوتشي وهيئة تحرير الشام." } } },
  { key: "s03", kind: "heading", texts: { en: { lang: "en", text: "Aftermath" } } },
];
const cards: ConceptCard[] = [
  { id: "sochi-deal", definition: "The 2018 agreement on Idlib.", terms: { en: "Sochi deal", ar: "اتفاق سوتشي", tr: "Soçi Mutabakatı" } },
  { id: "hts", definition: "An armed group.", terms: { en: "HTS" } },
];
const annotations: ReaderAnnotations = {
  matches: new Map([
    [annotationKey("s02", "en"), [match("sochi-deal", "Sochi deal", 4), match("hts", "HTS", 19), match("hts", "deal and", 10) /* overlaps: dropped */, match("forbidden", "again", 39) /* no card: dropped */, match("sochi-deal", "Sochi deal", 28)]],
    [annotationKey("s02", "ar"), [match("sochi-deal", "اتفاق سوتشي", 0)]],
  ]),
  concepts: new Map(cards.map((c) => [c.id, c])),
};

describe("storyTextData: the story body as compact data", () => {
  it("gives each concept one card, however often its terms occur, and the terms as offsets into the text", () => {
    const data = storyTextData(segments, ["en", "ar"], annotations, { withTitle: true });
    expect(data.cards.map((c) => c[0])).toEqual(["sochi-deal", "hts"]);
    // Only the languages some card has a term in, in the site's order.
    expect(data.cardLangs.map((l) => l[0])).toEqual(["en", "tr", "ar"]);
    expect(data.cards[0]).toEqual(["sochi-deal", "The 2018 agreement on Idlib.", ["Sochi deal", "Soçi Mutabakatı", "اتفاق سوتشي"]]);
    expect(data.cards[1]![2]).toEqual(["HTS", "", ""]);
    const [, , [en, ar]] = data.rows[1]!;
    expect(en![1]).toEqual([4, 14, 0, 19, 22, 1, 28, 38, 0]);
    expect(ar![1]).toEqual([0, 11, 0]);
    expect(termParts(en!)).toEqual(["The ", ["Sochi deal", 0], " and ", ["HTS", 1], ": the ", ["Sochi deal", 0], " again."]);
    // A segment missing in one language keeps its place in the row.
    expect(data.rows[2]).toEqual(["s03", "heading", [["Aftermath", []], null]]);
    expect(data.langs).toEqual([
      ["en", "en", "ltr", "English"],
      ["ar", "ar", "rtl", "العربية"],
    ]);
  });

  it("leaves the title to the page in the single-language view, and segments without text out", () => {
    const data = storyTextData(segments, ["ar"], annotations, { withTitle: false });
    expect(data.rows.map((r) => r[0])).toEqual(["s02"]);
    expect(data.cards.map((c) => c[0])).toEqual(["sochi-deal"]);
  });
});

describe("StoryText on the server", () => {
  it("renders each segment's plain text with lang and dir, and no per-occurrence glossary markup or tooltip", () => {
    const html = renderToString(createElement(StoryText, { data: storyTextData(segments, ["ar"], annotations, { withTitle: false }), parallel: false, labels: { definition: "Definition" } }));
    expect(html).toContain('<p id="s02" data-segment="s02" class="segment segment-paragraph" lang="ar" dir="rtl">اتفاق سوتشي وهيئة تحرير الشام.</p>');
    expect(html).not.toMatch(/button|tooltip|sochi-deal|The 2018 agreement/);
  });

  it("renders the parallel table, each cell with its language's lang and dir", () => {
    const html = renderToString(createElement(StoryText, { data: storyTextData(segments, ["en", "ar"], annotations, { withTitle: true }), parallel: true, labels: { definition: "Definition", caption: "Side by side" } }));
    expect(html).toContain("<caption>Side by side</caption>");
    expect(html).toContain('<tr id="s03" data-segment="s03" class="segment-heading"><td data-label="English" lang="en" dir="ltr">Aftermath</td><td data-label="العربية" lang="ar" dir="rtl"></td></tr>');
    expect(html).not.toMatch(/button|tooltip/);
  });
});
