import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { splitSentences } from "@/lib/text/sentences";

const texts = (text: string, lang: string) => splitSentences(text, lang).map((s) => s.text);

describe("splitSentences", () => {
  it("returns UTF-16 offsets into the input, trimmed of white space", () => {
    const text = "  Turkey believes the regime was behind the attack.   Ankara has since launched strikes.  ";
    const out = splitSentences(text, "en");
    expect(out).toHaveLength(2);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(out[0]!.start).toBe(2);
    expect(out[1]!.text).toBe("Ankara has since launched strikes.");
    expect(splitSentences("", "en")).toEqual([]);
    expect(splitSentences(" \n\t ", "ckb")).toEqual([]);
    expect(texts("No final mark", "en")).toEqual(["No final mark"]);
  });

  it("English: titles, initials, dotted acronyms, months and numbers", () => {
    expect(texts("Mr. Adams said the church was lost. Dr. Christine Blasey Ford testified on Thursday.", "en")).toEqual([
      "Mr. Adams said the church was lost.",
      "Dr. Christine Blasey Ford testified on Thursday.",
    ]);
    expect(
      texts(`"Wayde Sims suffered a gunshot wound to the head," police chief Murphy J. Paul told the media Saturday. He added nothing.`, "en"),
    ).toHaveLength(2);
    expect(texts("The book by J. K. Rowling sold well. It was her first.", "en")).toEqual([
      "The book by J. K. Rowling sold well.",
      "It was her first.",
    ]);
    expect(texts("U.S. President Donald Trump spoke with U.N. General Secretary Antonio Guterres.", "en")).toHaveLength(1);
    expect(texts("The storm will push moisture into the southwest U.S. The rain starts on Monday.", "en")).toHaveLength(2);
    expect(texts("He lives at No. 10 Downing St. in London. The talks began on Feb. 27 at St. Martin's.", "en")).toEqual([
      "He lives at No. 10 Downing St. in London.",
      "The talks began on Feb. 27 at St. Martin's.",
    ]);
    expect(texts("He answered no. Then he left.", "en")).toHaveLength(2);
  });

  it("never splits decimals, times, and URLs", () => {
    expect(texts("Rosa will bring up to 2.5 inches of rain by 7.28 PM on Monday, bbc.co.uk reported. Then it weakens.", "en")).toEqual([
      "Rosa will bring up to 2.5 inches of rain by 7.28 PM on Monday, bbc.co.uk reported.",
      "Then it weakens.",
    ]);
    expect(texts("There had been no reports of irregularities by 1 p.m. on Sunday. However, turnout stood at 16 percent.", "en")).toHaveLength(2);
    expect(texts("Осадки составят 2,5–5 см. Для зон, которых ливни обойдут, риск ниже.", "ru")).toHaveLength(2);
  });

  it("handles ellipses: a lower-case continuation stays in the sentence", () => {
    expect(texts("They're nippers, very inquisitive ... they aren't out to hurt you.", "en")).toHaveLength(1);
    expect(texts("And COUNTING... The day the future physicist was born.", "en")).toHaveLength(2);
    expect(texts("Он замолчал… Потом продолжил.", "ru")).toEqual(["Он замолчал…", "Потом продолжил."]);
  });

  it("keeps closing quotes and brackets with the sentence they end", () => {
    expect(texts(`One Labour AM said his group was concerned "it rhymes with Twp and Pwp." For readers outside of Wales: twp means daft.`, "en")).toEqual([
      `One Labour AM said his group was concerned "it rhymes with Twp and Pwp."`,
      "For readers outside of Wales: twp means daft.",
    ]);
    expect(texts("“Are you ready?” he asked. (The crowd cheered.) Then they left.", "en")).toEqual([
      "“Are you ready?” he asked.",
      "(The crowd cheered.)",
      "Then they left.",
    ]);
    expect(texts("«Я закричал, чтобы все выбирались из воды: „Здесь акула!“» Хаммел замолчал.", "ru")).toEqual([
      "«Я закричал, чтобы все выбирались из воды: „Здесь акула!“»",
      "Хаммел замолчал.",
    ]);
    expect(texts("‘It’s over.’ She left.", "en")).toEqual(["‘It’s over.’", "She left."]);
  });

  it("splits numbered lists and keeps the marker with its item", () => {
    expect(texts("1. The council met on Friday.\n2. Two ships left the port.\n3) Officials declined to comment", "en")).toEqual([
      "1. The council met on Friday.",
      "2. Two ships left the port.",
      "3) Officials declined to comment",
    ]);
    expect(texts("١. ئەنجومەن ڕۆژی هەینی کۆبووەوە.\n٢. دوو کەشتی بەندەرەکەیان جێهێشت.", "ckb")).toEqual([
      "١. ئەنجومەن ڕۆژی هەینی کۆبووەوە.",
      "٢. دوو کەشتی بەندەرەکەیان جێهێشت.",
    ]);
  });

  it("Turkish: ordinals, abbreviations, apostrophes", () => {
    expect(
      texts(
        "Rahip John Howard Johnson, 125. Cadde'de mağazalara karşı yapılan boykota öncülük etmişti. St. Martin'i onun liderliğindeki bir cemaat devraldı.",
        "tr",
      ),
    ).toHaveLength(2);
    expect(texts("Bernard Vann: 1. Dünya Savaşı'nda Victoria Haçı'nı alan rahip anıldı", "tr")).toHaveLength(1);
    expect(texts("Prof. Dr. Ahmet Yılmaz konuştu. 19. yüzyıl görüşü değişti.", "tr")).toEqual([
      "Prof. Dr. Ahmet Yılmaz konuştu.",
      "19. yüzyıl görüşü değişti.",
    ]);
    expect(texts("Oran yüzde 5. Bu rakam düştü.", "tr")).toHaveLength(2);
  });

  it("Russian: abbreviations and initials", () => {
    expect(
      texts(
        "Среди членов ассамблеи зреет недовольство аббревиатурой MWP (от англ. Member of the Welsh Parliament). Решение связано с планами.",
        "ru",
      ),
    ).toHaveLength(2);
    expect(texts("Указ подписал В. В. Путин. Он вступит в силу в 2020 г. в Москве и т.д. и т.п.", "ru")).toEqual([
      "Указ подписал В. В. Путин.",
      "Он вступит в силу в 2020 г. в Москве и т.д. и т.п.",
    ]);
    expect(texts("Судья окружного апелляционного суда D.C. Пелоси добавила.", "ru")).toHaveLength(1);
    expect(texts("Заявление прозвучало в Вашингтоне, D.C. В пятницу протестующие скандировали.", "ru")).toHaveLength(2);
  });

  it("Arabic: ؟ and ! and periods after tanwin", () => {
    expect(texts("لماذا تنازل الرئيس ترامب كثيرًا؟ وقال إنه أمر مؤسف جدًا. وأضاف د. محمد أن الوضع صعب!", "ar")).toEqual([
      "لماذا تنازل الرئيس ترامب كثيرًا؟",
      "وقال إنه أمر مؤسف جدًا.",
      "وأضاف د. محمد أن الوضع صعب!",
    ]);
    expect(texts("وقالت وزارة الدفاع في بيان: «تعرض عسكريون أتراك لنيران القوات السورية في 27 فبراير/شباط». وأضافت أن 3.5 ألف جندي هناك.", "ar")).toEqual([
      "وقالت وزارة الدفاع في بيان: «تعرض عسكريون أتراك لنيران القوات السورية في 27 فبراير/شباط».",
      "وأضافت أن 3.5 ألف جندي هناك.",
    ]);
  });

  it("Sorani: ؟, ۔, Extended Arabic-Indic digits, guillemets after the mark", () => {
    expect(texts("بۆچی سەرۆک کۆمار ترەمپ ئەوەندە کۆڵی دا؟ پێت‌وایە ئەو ڕاستییەکە دەڵێت؟", "ckb")).toEqual([
      "بۆچی سەرۆک کۆمار ترەمپ ئەوەندە کۆڵی دا؟",
      "پێت‌وایە ئەو ڕاستییەکە دەڵێت؟",
    ]);
    expect(texts("تورکیا ١٢ بنکەی دامەزراند۔ ڕێککەوتنەکە لە ساڵی ٢٠١٨ بوو.", "ckb")).toHaveLength(2);
    expect(
      texts(
        "وەزارەتی بەرگریی ڕووسیا ڕایگەیاند: «ئەو سەربازانەی تورکیا ڕۆژی ٢٧ی شوبات کەوتنە بەر تەقە.» بەپێی ڕێککەوتنەکە، تورکیا ١٢ بنکەی دامەزراند.",
        "ckb",
      ),
    ).toEqual([
      "وەزارەتی بەرگریی ڕووسیا ڕایگەیاند: «ئەو سەربازانەی تورکیا ڕۆژی ٢٧ی شوبات کەوتنە بەر تەقە.»",
      "بەپێی ڕێککەوتنەکە، تورکیا ١٢ بنکەی دامەزراند.",
    ]);
    expect(texts("نرخەکە ٢٫٥ دۆلار بوو. AMەکانی وێلز خەمیانە.", "ckb")).toHaveLength(2);
  });

  it("splits the two-sentence paragraphs of the Idlib story in every language", () => {
    const dir = path.join(process.cwd(), "content/stories/idlib-2020-02-28");
    const en = JSON.parse(fs.readFileSync(path.join(dir, "en.json"), "utf8")) as { segments: { key: string; text: string }[] };
    expect(texts(en.segments.find((s) => s.key === "s06")!.text, "en")).toHaveLength(2);
    expect(texts(en.segments.find((s) => s.key === "s11")!.text, "en")).toHaveLength(2);
    for (const lang of ["tr", "ru", "ar", "ckb"]) {
      const tr = JSON.parse(fs.readFileSync(path.join(dir, `${lang}.json`), "utf8")) as { translations: Record<string, string> };
      expect(texts(tr.translations.s06!, lang), lang).toHaveLength(2);
      expect(texts(tr.translations.s11!, lang), lang).toHaveLength(2);
      expect(texts(tr.translations.s04!, lang), lang).toHaveLength(1);
    }
  });

  // NTREX lines are (nearly always) one sentence each: joining the lines of each document with spaces and splitting
  // again must find every line end that carries a final mark. Lines whose translators wrote two sentences are real
  // boundaries too, so only recall is checked strictly; the split count stays close to the line count.
  it("finds the sentence ends of NTREX documents joined into paragraphs, in every language", () => {
    const dir = path.join(process.cwd(), "tests/fixtures/ntrex");
    const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8").replace(/\r/g, "").trimEnd().split("\n");
    const ids = read("DOCUMENT_IDS.tsv");
    const files = { en: "newstest2019-src.eng.txt", tr: "newstest2019-ref.tur.txt", ru: "newstest2019-ref.rus.txt", ar: "newstest2019-ref.arb.txt", ckb: "newstest2019-ref.ckb-Arab.txt" };
    for (const [lang, file] of Object.entries(files)) {
      const lines = read(file);
      let gold = 0;
      let found = 0;
      let produced = 0;
      for (let i = 0; i < lines.length; ) {
        let j = i;
        while (j < lines.length && ids[j] === ids[i]) j++;
        let text = "";
        const ends: number[] = [];
        for (let x = i; x < j; x++) {
          const line = lines[x]!.trim();
          // A headline without a final mark is not a sentence end inside running text: keep it on its own line.
          if (x > i) text += /[.!?…؟۔]["'”’»“)]*$/u.test(lines[x - 1]!.trim()) ? " " : "\n";
          text += line;
          ends.push(text.length);
        }
        const got = new Set(splitSentences(text, lang).map((s) => s.end));
        produced += got.size;
        gold += ends.length;
        found += ends.filter((e) => got.has(e)).length;
        i = j;
      }
      expect(found / gold, lang).toBeGreaterThanOrEqual(0.998);
      expect(produced / gold, lang).toBeLessThan(1.1);
    }
  });
});
