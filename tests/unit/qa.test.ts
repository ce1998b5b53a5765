import { describe, expect, it } from "vitest";
import { CHECKS, CHECK_IDS, blocking, runChecks, runDocumentChecks, type QaGlossaryLookup, type QaIssue } from "@/features/qa";
import { check } from "./qa-helpers";

type Lang = "tr" | "ru" | "ar" | "ckb";

/** The issues of one check, as [messageKey, text at the target offsets]. */
function found(id: QaIssue["check"], targetLang: string, source: string, target: string, glossary?: QaGlossaryLookup) {
  return runChecks({ sourceLang: "en", targetLang, source, target, glossary }, { only: [id] }).map((i) => [i.messageKey, i.start >= 0 ? target.slice(i.start, i.end) : null]);
}
const issuesOf = (id: QaIssue["check"], targetLang: string, source: string, target: string) => runChecks({ sourceLang: "en", targetLang, source, target }, { only: [id] });

describe("the registry", () => {
  it("has one check per id, each with a severity", () => {
    expect(CHECKS.map((c) => c.id).sort()).toEqual([...CHECK_IDS].sort());
    for (const c of CHECKS) expect(["error", "warning"]).toContain(c.severity);
  });

  it("stamps every issue with its check's id and severity, and blocking() keeps the errors", () => {
    const issues = runChecks({ sourceLang: "en", targetLang: "tr", source: "At least 33 soldiers were killed.", target: " En az 32 asker öldü " });
    expect(issues.map((i) => [i.check, i.severity])).toEqual(
      expect.arrayContaining([
        ["numbers", "error"],
        ["end_punctuation", "warning"],
        ["whitespace", "warning"],
      ]),
    );
    expect(blocking(issues).map((i) => i.check)).toEqual(["numbers", "numbers"]);
    expect(blocking(issues.filter((i) => i.check !== "numbers"))).toEqual([]);
  });

  it("reports only [empty] for an empty target", () => {
    expect(runChecks({ sourceLang: "en", targetLang: "ar", source: "33 soldiers “died”.", target: "  " }).map((i) => i.check)).toEqual(["empty"]);
  });

  it("runs a subset of checks on request", () => {
    const input = { sourceLang: "en", targetLang: "ru", source: "On 5 March.", target: "6 марта" };
    expect(runChecks(input, { only: ["end_punctuation"] }).map((i) => i.check)).toEqual(["end_punctuation"]);
    expect(runChecks(input, { skip: ["numbers"] }).map((i) => i.check)).toEqual(["end_punctuation"]);
  });
});

describe("[empty]", () => {
  for (const lang of ["tr", "ru", "ar", "ckb"] as Lang[]) {
    it(`flags an empty ${lang} target, pointing at the whole source`, () => {
      const source = "NATO meets";
      for (const target of ["", " ", "\u00A0\n"]) {
        const issues = issuesOf("empty", lang, source, target);
        expect(issues).toEqual([{ check: "empty", severity: "error", messageKey: "empty", params: {}, start: -1, end: -1, sourceStart: 0, sourceEnd: 10 }]);
      }
      expect(issuesOf("empty", lang, source, { tr: "NATO toplandı", ru: "Заседание НАТО", ar: "الناتو يجتمع", ckb: "ناتۆ کۆدەبێتەوە" }[lang])).toEqual([]);
      expect(issuesOf("empty", lang, "", "")).toEqual([]);
    });
  }
});

describe("[untranslated]", () => {
  const sentence = "NATO officials will meet later on Friday.";
  for (const lang of ["tr", "ru", "ar", "ckb"] as Lang[]) {
    it(`flags a ${lang} target identical to the source, not names or numbers`, () => {
      expect(found("untranslated", lang, sentence, sentence)).toEqual([["untranslated", sentence]]);
      expect(found("untranslated", lang, sentence, `  NATO officials  will meet later on friday. `)).toEqual([["untranslated", "NATO officials  will meet later on friday."]]);
      for (const same of ["Recep Tayyip Erdoğan", "NATO", "AFP", "2020", "Bank of America", "https://example.org/story", "5 + 6 = 11"]) {
        expect(found("untranslated", lang, same, same), same).toEqual([]);
      }
    });
  }
});

describe("[numbers]", () => {
  it("understands Turkish thousands separators, decimals and suffixes", () => {
    expect(found("numbers", "tr", "1,000 people and 2.5 million dollars", "1.000 kişi ve 2,5 milyon dolar")).toEqual([]);
    expect(found("numbers", "tr", "1,000 people", "1000 kişi")).toEqual([]);
    expect(found("numbers", "tr", "At least 33 Turkish soldiers were killed in 2020.", "2020'de en az 33 Türk askeri hayatını kaybetti, 33'ü subaydı.")).toEqual([["numbers.extra", "33"]]);
    expect(found("numbers", "tr", "12,345,678 votes", "12.345.678 oy")).toEqual([]);
    const issues = issuesOf("numbers", "tr", "Some 1,000 people fled.", "Yaklaşık 100 kişi kaçtı.");
    expect(issues.map((i) => [i.messageKey, i.params.number, i.start, i.end, i.sourceStart, i.sourceEnd])).toEqual([
      ["numbers.missing", "1,000", -1, -1, 5, 10],
      ["numbers.extra", "100", 9, 12, undefined, undefined],
    ]);
  });

  it("understands Russian spaces (also NBSP and narrow NBSP), decimal commas and case endings", () => {
    for (const space of [" ", "\u00A0", "\u202F"]) expect(found("numbers", "ru", "1,000 people", `1${space}000 человек`), JSON.stringify(space)).toEqual([]);
    expect(found("numbers", "ru", "12,345.5 tonnes", "12 345,5 тонны")).toEqual([]);
    expect(found("numbers", "ru", "2.5 million", "2,5 млн")).toEqual([]);
    expect(found("numbers", "ru", "ambassadors of 29 member states", "послов 29-ти государств")).toEqual([]);
    expect(found("numbers", "ru", "ambassadors of 29 member states", "послов 28-ми государств")).toEqual([["numbers.missing", null], ["numbers.extra", "28"]]);
    // Digits that only look grouped are tried as separate numbers.
    expect(found("numbers", "ru", "On the 27th, 200 people", "27 200 человек")).toEqual([]);
  });

  it("understands Arabic-Indic and Extended Arabic-Indic digits with Arabic separators", () => {
    expect(found("numbers", "ar", "1,000 people", "١٬٠٠٠ شخص")).toEqual([]);
    expect(found("numbers", "ar", "2.5 million", "٢٫٥ مليون")).toEqual([]);
    expect(found("numbers", "ar", "30,000 people", "30،000 شخص")).toEqual([]);
    expect(found("numbers", "ar", "the 29 member states", "الدول الأعضاء الـ29")).toEqual([]);
    expect(found("numbers", "ckb", "33 Turkish soldiers", "٣٣ سەربازی تورکیا")).toEqual([]);
    expect(found("numbers", "ckb", "33 Turkish soldiers", "۳۳ سەربازی تورکیا")).toEqual([]);
    expect(found("numbers", "ckb", "on February 27", "ڕۆژی ٢٧ی شوبات")).toEqual([]);
    expect(found("numbers", "ckb", "on February 27", "ڕۆژی ٢٨ی شوبات")).toEqual([["numbers.missing", null], ["numbers.extra", "٢٨"]]);
    expect(found("numbers", "ar", "12 posts", "١٣ نقطة")).toEqual([["numbers.missing", null], ["numbers.extra", "١٣"]]);
  });

  it("matches clock times in 12- and 24-hour forms", () => {
    const source = "Last updated at 7.28 PM";
    expect(found("numbers", "tr", source, "Son güncelleme: 19.28")).toEqual([]);
    expect(found("numbers", "ru", source, "Обновлено в 19:28")).toEqual([]);
    expect(found("numbers", "ar", source, "آخر تحديث: 7:28 مساءً")).toEqual([]);
    expect(found("numbers", "ckb", source, "دوایین نوێکردنەوە: کاتژمێر ٧:٢٨ی ئێوارە")).toEqual([]);
    expect(found("numbers", "ru", source, "Обновлено в 18:28")).toEqual([["numbers.missing", null], ["numbers.extra", "18:28"]]);
    expect(found("numbers", "ru", source, "Обновлено в 07:28")).toEqual([["numbers.missing", null], ["numbers.extra", "07:28"]]);
    expect(found("numbers", "tr", "at 7 pm", "saat 19.00'da")).toEqual([]);
    // A bare hour does not stand for another bare number.
    expect(found("numbers", "tr", "19 soldiers", "7 asker")).toEqual([["numbers.missing", null], ["numbers.extra", "7"]]);
  });

  it("reads dates, year ranges and decades", () => {
    expect(found("numbers", "tr", "on 28/02/2020", "28.02.2020 tarihinde")).toEqual([]);
    expect(found("numbers", "tr", "the 1950-53 war", "1950-1953 savaşı")).toEqual([]);
    expect(found("numbers", "ru", "in the 1930s", "в 30-е годы")).toEqual([]);
    expect(found("numbers", "ru", "in the 1930s", "в 1930-е годы")).toEqual([]);
  });

  it("accepts small numbers spelled out on the other side", () => {
    expect(found("numbers", "tr", "two frigates", "2 fırkateyn")).toEqual([]);
    expect(found("numbers", "tr", "5 soldiers", "beş asker")).toEqual([]);
    expect(found("numbers", "ru", "5 soldiers", "пять военнослужащих")).toEqual([]);
    expect(found("numbers", "ru", "2 frigates", "двух фрегатов")).toEqual([]);
    expect(found("numbers", "ar", "5 soldiers", "خمسة جنود")).toEqual([]);
    expect(found("numbers", "ckb", "5 soldiers", "پێنج سەرباز")).toEqual([]);
    expect(found("numbers", "ckb", "6 soldiers", "پێنج سەرباز")).toEqual([["numbers.missing", null]]);
  });

  it("ignores digits inside URLs and e-mail addresses", () => {
    expect(found("numbers", "tr", "See https://example.org/2020/12/story", "Bkz. https://example.org/2020/12/story")).toEqual([]);
  });

  it("reports a changed decimal", () => {
    expect(found("numbers", "tr", "2.5% of voters", "seçmenlerin %25'i")).toEqual([["numbers.missing", null], ["numbers.extra", "25"]]);
  });
});

/** A lookup for one concept, as the API returns it. */
function lookup(concept: Partial<QaGlossaryLookup["concepts"][number]> & Pick<QaGlossaryLookup["concepts"][number], "targetTerms" | "targetMatches">): QaGlossaryLookup {
  return { concepts: [{ conceptId: "c", sourceTerm: "Idlib", sourceMatches: [{ start: 3, end: 8, text: "Idlib" }], ...concept }] };
}

describe("[glossary_missing], [glossary_forbidden], [glossary_dnt]", () => {
  it("Turkish: the forbidden HTS, the approved HTŞ", () => {
    const source = "Hayat Tahrir al-Sham (HTS) dominates Idlib.";
    expect(check("en", "tr", source, "İdlib'de Heyet Tahrir eş-Şam (HTŞ) hakim.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    const target = "İdlib'de Heyet Tahrir eş-Şam (HTS) hakim.";
    const issues = check("en", "tr", source, target).filter((i) => i.check.startsWith("glossary"));
    expect(issues.map((i) => [i.check, i.severity, i.messageKey, target.slice(i.start, i.end), i.params.term])).toEqual([["glossary_forbidden", "error", "glossary.forbidden", "HTS", "HTŞ"]]);
  });

  it("Russian: a missing approved term, with the source span", () => {
    const source = "Turkey set up posts in Idlib.";
    const issues = check("en", "ru", source, "Турция создала посты в провинции.").filter((i) => i.check === "glossary_missing");
    expect(issues.map((i) => [i.severity, i.params.term, i.start, i.end, source.slice(i.sourceStart, i.sourceEnd)])).toEqual([["warning", "Идлиб", -1, -1, "Idlib"]]);
    expect(check("en", "ru", source, "Турция создала посты в Идлибе.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
  });

  it("Arabic and Sorani: forbidden spellings", () => {
    const ckb = check("en", "ckb", "NATO meets", "ناتو کۆدەبێتەوە");
    expect(ckb.filter((i) => i.check.startsWith("glossary")).map((i) => [i.check, "ناتو کۆدەبێتەوە".slice(i.start, i.end), i.params.term])).toEqual([["glossary_forbidden", "ناتو", "ناتۆ"]]);
    expect(check("en", "ckb", "NATO meets", "ناتۆ کۆدەبێتەوە").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    const target = "لە ناوچەی هيئة تحرير الشام";
    const issues = check("en", "ckb", "HTS areas", target).filter((i) => i.check === "glossary_forbidden");
    expect(issues.map((i) => target.slice(i.start, i.end))).toEqual(["هيئة تحرير الشام"]);
    expect(check("en", "ar", "HTS dominates Idlib.", "تهيمن هيئة تحرير الشام على إدلب.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
  });

  it("a do-not-translate name kept as written, or another approved rendering", () => {
    const source = "AFP reported that they may meet.";
    expect(check("en", "tr", source, "AFP'nin haberine göre görüşebilirler.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    const tr = check("en", "tr", source, "Fransız haber ajansının haberine göre görüşebilirler.").filter((i) => i.check.startsWith("glossary"));
    expect(tr.map((i) => [i.check, i.severity, i.params.term, i.start, source.slice(i.sourceStart, i.sourceEnd)])).toEqual([["glossary_dnt", "error", "AFP", -1, "AFP"]]);
    // Russian prefers Франс Пресс and admits AFP as written.
    expect(check("en", "ru", source, "Как сообщило агентство Франс Пресс, они могут встретиться.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    expect(check("en", "ru", source, "Как сообщило AFP, они могут встретиться.").filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    expect(check("en", "ru", source, "Как сообщило агентство, они могут встретиться.").filter((i) => i.check.startsWith("glossary")).map((i) => [i.check, i.params.term])).toEqual([["glossary_missing", "Франс Пресс"]]);
  });

  it("a do-not-translate name recognized but altered", () => {
    const target = "Afp'ye göre";
    const g = lookup({
      sourceMatches: [{ start: 0, end: 3, text: "AFP" }],
      targetTerms: [{ id: "afp", text: "AFP", usage: "preferred", status: "approved", doNotTranslate: true }],
      targetMatches: [{ start: 0, end: 6, text: "Afp'ye", usage: "preferred", termId: "afp" }],
    });
    expect(found("glossary_dnt", "tr", "AFP said", target, g)).toEqual([["glossary.dntAltered", "Afp'ye"]]);
  });

  it("enforces approved terms only, and nothing without a lookup", () => {
    const proposed = lookup({
      targetTerms: [
        { id: "p", text: "İdlib", usage: "preferred", status: "proposed" },
        { id: "f", text: "Idlib", usage: "forbidden", status: "proposed" },
      ],
      targetMatches: [{ start: 0, end: 5, text: "Idlib", usage: "forbidden", termId: "f" }],
    });
    const input = { sourceLang: "en", targetLang: "tr", source: "In Idlib", target: "Idlib'de" };
    expect(runChecks({ ...input, glossary: proposed }).filter((i) => i.check.startsWith("glossary"))).toEqual([]);
    expect(runChecks(input).filter((i) => i.check.startsWith("glossary"))).toEqual([]);
  });
});

describe("[end_punctuation]", () => {
  it("Arabic and Sorani write ؟ ، ؛", () => {
    expect(found("end_punctuation", "ar", "Why?", "لماذا؟")).toEqual([]);
    expect(found("end_punctuation", "ar", "Why?", "لماذا?")).toEqual([["endPunctuation.form", "?"]]);
    expect(found("end_punctuation", "ckb", "Why?", "بۆچی؟")).toEqual([]);
    expect(found("end_punctuation", "ckb", "Why?", "بۆچی.")).toEqual([["endPunctuation.different", "."]]);
    expect(found("end_punctuation", "ar", "Turkey, Russia,", "تركيا، روسيا،")).toEqual([]);
    expect(found("end_punctuation", "ckb", "Turkey, Russia,", "تورکیا، ڕووسیا,")).toEqual([["endPunctuation.form", ","]]);
    expect(found("end_punctuation", "ar", "first;", "أولاً؛")).toEqual([]);
    expect(found("end_punctuation", "ar", "first;", "أولاً;")).toEqual([["endPunctuation.form", ";"]]);
    expect(issuesOf("end_punctuation", "ckb", "Why?", "بۆچی")[0]).toMatchObject({ messageKey: "endPunctuation.missing", params: { expected: "؟" }, start: -1, end: -1, sourceStart: 3, sourceEnd: 4 });
  });

  it("Turkish and Russian: ? not ؟, the same class of mark, across closing quotes", () => {
    expect(found("end_punctuation", "tr", "Why?", "Neden؟")).toEqual([["endPunctuation.form", "؟"]]);
    expect(found("end_punctuation", "ru", "NATO meets", "Заседание НАТО")).toEqual([]);
    expect(found("end_punctuation", "ru", "NATO meets", "Заседание НАТО.")).toEqual([["endPunctuation.extra", "."]]);
    expect(found("end_punctuation", "ru", "He said it.", "Он сказал это!")).toEqual([["endPunctuation.different", "!"]]);
    expect(found("end_punctuation", "ru", "“We will stay.”", "«Мы останемся».")).toEqual([]);
    expect(found("end_punctuation", "tr", "“Will we stay?”", "“Kalacak mıyız?”")).toEqual([]);
    expect(found("end_punctuation", "tr", "And then...", "Ve sonra…")).toEqual([]);
    expect(found("end_punctuation", "ckb", "“We will stay.”", "«دەمێنینەوە.»")).toEqual([]);
  });
});

describe("[quotes]", () => {
  it("Russian: guillemets and „ “ inside them; straight and English quotes are wrong", () => {
    expect(found("quotes", "ru", "", "«Сегодня „Калибр“ не применялся», — заявили в Минобороны.")).toEqual([]);
    expect(found("quotes", "ru", "", 'Он сказал "нет".')).toEqual([
      ["quotes.straight", '"'],
      ["quotes.straight", '"'],
    ]);
    expect(found("quotes", "ru", "", "Он сказал “нет”.")).toEqual([
      ["quotes.wrong", "“"],
      ["quotes.wrong", "”"],
    ]);
    expect(found("quotes", "ru", "", "Он сказал „нет.")).toEqual([["quotes.unclosed", "„"]]);
  });

  it("Turkish: “ ” and ‘ ’, apostrophes are not quotes", () => {
    expect(found("quotes", "tr", "", "Erdoğan’ın “‘terörist’ yok” sözleri İdlib'de yankılandı.")).toEqual([]);
    expect(found("quotes", "tr", "", "«Terörist» dedi.")).toEqual([
      ["quotes.wrong", "«"],
      ["quotes.wrong", "»"],
    ]);
    expect(found("quotes", "tr", "", "Akar, “saldırı oldu dedi.")).toEqual([["quotes.unclosed", "“"]]);
    expect(found("quotes", "tr", "", "Akar, saldırı oldu” dedi.")).toEqual([["quotes.unopened", "”"]]);
    expect(found("quotes", "tr", "", 'Akar, "saldırı oldu" dedi.').map((f) => f[0])).toEqual(["quotes.straight", "quotes.straight"]);
  });

  it("Arabic and Sorani: « », or ” “ in either order", () => {
    expect(found("quotes", "ar", "", "وقال أكار: «لم تكن هناك أي مجموعات مسلحة».")).toEqual([]);
    expect(found("quotes", "ar", "", "وقال أكار: ”لم تكن هناك أي مجموعات مسلحة“.")).toEqual([]);
    expect(found("quotes", "ckb", "", "ئاکار گوتی: “هیچ گرووپێک نەبوو”.")).toEqual([]);
    expect(found("quotes", "ckb", "", 'ئاکار گوتی: "هیچ گرووپێک نەبوو".')).toEqual([
      ["quotes.straight", '"'],
      ["quotes.straight", '"'],
    ]);
    // „ is not Arabic; “ may open in Arabic, so it is left open.
    expect(found("quotes", "ar", "", "وقال: „لا“.")).toEqual([["quotes.wrong", "„"], ["quotes.unclosed", "“"]]);
  });

  it("lets a quotation run on when the source's does", () => {
    expect(found("quotes", "tr", "“The talks were detailed.", "“Görüşme ayrıntılı geçti.")).toEqual([]);
    expect(found("brackets", "ru", "“The talks were detailed.", "«Разговор был обстоятельным.")).toEqual([]);
    expect(found("brackets", "ru", "The talks were detailed.", "«Разговор был обстоятельным.")).toEqual([["brackets.unclosed", "«"]]);
  });
});

describe("[brackets]", () => {
  it("balanced pairs in every language, logical order in RTL", () => {
    expect(found("brackets", "tr", "", "Heyet Tahrir eş-Şam (HTŞ) [İdlib'deki] {x}")).toEqual([]);
    expect(found("brackets", "ar", "", "حلف شمال الأطلسي (الناتو) [في إدلب]")).toEqual([]);
    expect(found("brackets", "ckb", "", "ناوچەی کەمکردنەوەی گرژی [لە ئیدلیب]")).toEqual([]);
    // Typed in visual order: ")" first in the text.
    expect(found("brackets", "ar", "", "حلف شمال الأطلسي )الناتو(")).toEqual([
      ["brackets.unopened", ")"],
      ["brackets.unclosed", "("],
    ]);
    expect(found("brackets", "ru", "", "группировка (ХТШ заявила")).toEqual([["brackets.unclosed", "("]]);
    // Crossed pairs: » closes «, so ( was left open and ) closes nothing.
    expect(found("brackets", "ru", "", "«Калибр (ракета» с борта)")).toEqual([
      ["brackets.unclosed", "("],
      ["brackets.unopened", ")"],
    ]);
    expect(found("brackets", "tr", "", "1) İdlib 2) Halep")).toEqual([]);
    expect(found("brackets", "tr", "Idlib (and Aleppo", "İdlib (ve Halep")).toEqual([]);
  });
});

describe("[whitespace]", () => {
  it("leading, trailing and doubled spaces, with offsets", () => {
    const target = " НАТО  проведёт\u00A0 заседание ";
    expect(found("whitespace", "ru", "", target)).toEqual([
      ["whitespace.leading", " "],
      ["whitespace.double", "  "],
      ["whitespace.double", "\u00A0 "],
      ["whitespace.trailing", " "],
    ]);
    expect(issuesOf("whitespace", "ar", "", "الناتو   يجتمع")[0]).toMatchObject({ messageKey: "whitespace.double", params: { count: 3 }, start: 6, end: 9 });
    expect(found("whitespace", "ckb", "", "ناتۆ کۆدەبێتەوە")).toEqual([]);
  });

  it("a space before punctuation in Turkish and Russian", () => {
    expect(found("whitespace", "tr", "", "Akar , saldırı oldu dedi .")).toEqual([
      ["whitespace.beforePunctuation", " "],
      ["whitespace.beforePunctuation", " "],
    ]);
    expect(found("whitespace", "ru", "", "Что дальше ?")).toEqual([["whitespace.beforePunctuation", " "]]);
    expect(found("whitespace", "ru", "", "НАТО — альянс, 29 стран: «Мы здесь» — сказал он.")).toEqual([]);
  });
});

describe("[bidi_control]", () => {
  it("points at each embedding, override and isolate control", () => {
    const target = "قال \u202Eأكار\u202C إن \u2067HTS\u2069.";
    const issues = issuesOf("bidi_control", "ar", "", target);
    expect(issues.map((i) => [i.severity, i.params.code, i.start, target.codePointAt(i.start)])).toEqual([
      ["error", "U+202E", 4, 0x202e],
      ["error", "U+202C", 9, 0x202c],
      ["error", "U+2067", 14, 0x2067],
      ["error", "U+2069", 18, 0x2069],
    ]);
    expect(issuesOf("bidi_control", "tr", "", "Ankara\u202D'da")).toHaveLength(1);
    expect(issuesOf("bidi_control", "ckb", "", "ئاکار گوتی")).toEqual([]);
  });
});

describe("[invisible]", () => {
  it("zero-width characters, soft hyphens and BOMs", () => {
    const target = "\uFEFFSa\u00ADvun\u200Bma";
    expect(issuesOf("invisible", "tr", "", target).map((i) => [i.params.code, i.start, i.end])).toEqual([
      ["U+FEFF", 0, 1],
      ["U+00AD", 3, 4],
      ["U+200B", 7, 8],
    ]);
  });

  it("ZWNJ is Sorani and Arabic; elsewhere it is a warning", () => {
    expect(issuesOf("invisible", "ckb", "", "دەست\u200Cپێکرد")).toEqual([]);
    expect(issuesOf("invisible", "ar", "", "ال\u200Cناتو")).toEqual([]);
    expect(issuesOf("invisible", "ru", "", "НА\u200CТО").map((i) => [i.severity, i.messageKey, i.start])).toEqual([["warning", "invisible.zwnj", 2]]);
    expect(issuesOf("invisible", "tr", "", "NA\u200CTO").map((i) => i.messageKey)).toEqual(["invisible.zwnj"]);
  });

  it("ZWJ inside emoji and RLM in RTL text are fine", () => {
    expect(issuesOf("invisible", "tr", "", "Aile 👨\u200D👩\u200D👧")).toEqual([]);
    expect(issuesOf("invisible", "ar", "", "العدد\u200F 33")).toEqual([]);
    expect(issuesOf("invisible", "ru", "", "число\u200F 33").map((i) => i.params.code)).toEqual(["U+200F"]);
    expect(issuesOf("invisible", "ckb", "", "ناتۆ\u200Dی").map((i) => i.params.code)).toEqual(["U+200D"]);
  });
});

describe("[script_mismatch]", () => {
  it("Sorani written with Arabic ك ي ى", () => {
    const target = "هەولێر، هەرێمی كوردستان، لە ڕۆژی هەيني";
    const issues = issuesOf("script_mismatch", "ckb", "", target);
    expect(issues.map((i) => [i.severity, i.messageKey, target.slice(i.start, i.end), i.params.expected, i.params.word])).toEqual([
      ["error", "script.arabicLetterInSorani", "ك", "ک", "كوردستان"],
      ["error", "script.arabicLetterInSorani", "ي", "ی", "هەيني"],
      ["error", "script.arabicLetterInSorani", "ي", "ی", "هەيني"],
    ]);
    expect(found("script_mismatch", "ckb", "", "بەگوێرەى")).toEqual([["script.arabicLetterInSorani", "ى"]]);
  });

  it("Sorani: ه typed for the vowel ە at a word's end, not ه for /h/", () => {
    expect(found("script_mismatch", "ckb", "", "لە ڕۆژی هەینیدا کۆده")).toEqual([["script.soraniFinalHeh", "ه"]]);
    expect(found("script_mismatch", "ckb", "", "ده\u200Cکات")).toEqual([["script.soraniFinalHeh", "ه"]]);
    expect(found("script_mismatch", "ckb", "", "هەولێر و هێرش و ھەڵە، شاه و گوناه و الله")).toEqual([]);
  });

  it("Latin letters inside Sorani and Arabic words, not Latin names with suffixes", () => {
    const target = "دیموکrاتەکان و BBCی و ITVدا";
    expect(found("script_mismatch", "ckb", "", target)).toEqual([["script.latinInArabic", "r"]]);
    expect(found("script_mismatch", "ar", "", "وقالت وكالة BBC وITVدا وAFPـ")).toEqual([]);
    expect(found("script_mismatch", "ar", "", "الديمقrاطيون")).toEqual([["script.latinInArabic", "r"]]);
  });

  it("Arabic typed with Persian or Sorani letters", () => {
    expect(found("script_mismatch", "ar", "", "وزارة الدفاع الروسیة")).toEqual([["script.nonArabicLetter", "ی"]]);
    expect(found("script_mismatch", "ar", "", "کاليبر")).toEqual([["script.nonArabicLetter", "ک"]]);
    expect(found("script_mismatch", "ar", "", "غريغوروفيتش وڤلاديمير")).toEqual([]);
  });

  it("Russian: Latin look-alikes inside Cyrillic words", () => {
    const target = "Москвa и HATO, Twitter и Twіtter";
    const issues = issuesOf("script_mismatch", "ru", "", target);
    expect(issues.map((i) => [i.messageKey, i.start, target.slice(i.start, i.end), i.params.word])).toEqual([
      ["script.latinInCyrillic", 5, "a", "Москвa"],
      ["script.cyrillicInLatin", 27, "і", "Twіtter"],
    ]);
    for (const ok of ["НАТО и Twitter", "Су-24 и F-16", "iPhone-ом"]) expect(found("script_mismatch", "ru", "", ok), ok).toEqual([]);
  });

  it("Turkish: Cyrillic letters", () => {
    expect(found("script_mismatch", "tr", "", "Putin ile Erdoğan")).toEqual([]);
    expect(found("script_mismatch", "tr", "", "Рutin ile Путин")).toEqual([
      ["script.cyrillicInTurkish", "Р"],
      ["script.cyrillicInTurkish", "Путин"],
    ]);
  });
});

describe("[length_ratio]", () => {
  const source = "Turkish officials have called for a no-fly-zone over the region.";
  it("flags a target far longer or shorter than usual, not short segments", () => {
    expect(issuesOf("length_ratio", "tr", source, "Türk yetkililer, bölge semalarında uçuşa yasak bölge oluşturulması çağrısında bulundu.")).toEqual([]);
    const long = issuesOf("length_ratio", "tr", source, "Türk yetkililer, bölge semalarında uçuşa yasak bölge oluşturulması çağrısında bulundu. ".repeat(2).trim());
    expect(long.map((i) => [i.severity, i.messageKey, i.params.source])).toEqual([["warning", "lengthRatio.long", 64]]);
    expect(issuesOf("length_ratio", "ru", source, "Призвали.").map((i) => i.messageKey)).toEqual(["lengthRatio.short"]);
    expect(issuesOf("length_ratio", "ar", source, "ودعا مسؤولون أتراك إلى فرض منطقة حظر طيران فوق المنطقة.")).toEqual([]);
    expect(issuesOf("length_ratio", "ckb", source, "داوا.").map((i) => i.messageKey)).toEqual(["lengthRatio.short"]);
    expect(issuesOf("length_ratio", "ckb", "NATO meets", "ناتۆ کۆدەبێتەوە و کۆبوونەوەیەکی گەورە و درێژ ئەنجام دەدات")).toEqual([]);
  });
});

describe("[urls]", () => {
  it("keeps URLs and e-mail addresses verbatim", () => {
    const source = "Read https://example.org/idlib?id=12. Write to desk@example.org.";
    expect(found("urls", "tr", source, "https://example.org/idlib?id=12 adresini okuyun, desk@example.org adresine yazın.")).toEqual([]);
    const missing = issuesOf("urls", "ru", source, "Читайте на сайте и пишите на desk@example.org.");
    expect(missing.map((i) => [i.severity, i.messageKey, i.start, source.slice(i.sourceStart, i.sourceEnd)])).toEqual([["error", "urls.missing", -1, "https://example.org/idlib?id=12"]]);
    const target = "اقرأ https://example.org/إدلب واكتب إلى desk@example.org.";
    expect(found("urls", "ar", source, target)).toEqual([["urls.altered", "https://example.org/إدلب"]]);
    expect(found("urls", "ckb", source, "https://example.org/idlib?id=12 بخوێنەوە و بۆ desk@example.com بنووسە.")).toEqual([["urls.alteredEmail", "desk@example.com"]]);
  });
});

describe("[inconsistent]", () => {
  it("flags identical sources translated differently in a document", () => {
    const issues = runDocumentChecks([
      { id: "s04", source: "NATO meets", target: "NATO toplandı" },
      { id: "s20", source: "NATO  meets", target: "NATO toplanıyor" },
      { id: "s21", source: "NATO meets", target: " NATO toplandı" },
      { id: "s22", source: "NATO meets", target: "" },
      { id: "s23", source: "Idlib", target: "İdlib" },
    ]);
    expect(issues.map((i) => [i.check, i.severity, i.segmentId, i.relatedSegmentIds, i.params.count])).toEqual([
      ["inconsistent", "warning", "s04", ["s20"], 1],
      ["inconsistent", "warning", "s20", ["s04", "s21"], 2],
      ["inconsistent", "warning", "s21", ["s20"], 1],
    ]);
    expect(issues[2]).toMatchObject({ start: 1, end: 14 });
    expect(runDocumentChecks([{ id: "a", source: "Idlib", target: "إدلب" }, { id: "b", source: "Idlib", target: "إدلب" }])).toEqual([]);
  });
});
