/** Quality checks for Kurmanji (kmr): script, Sorani/Kurmanji mix-ups, quotation marks, numbers, length. */
import { describe, expect, it } from "vitest";
import { blocking, runChecks, type QaIssue } from "@/features/qa";
import { lengthRatio } from "@/features/qa/checks/length";
import { check } from "./qa-helpers";

function found(id: QaIssue["check"], targetLang: string, source: string, target: string) {
  return runChecks({ sourceLang: "en", targetLang, source, target }, { only: [id] }).map((i) => [i.messageKey, i.start >= 0 ? target.slice(i.start, i.end) : null]);
}

describe("[script_mismatch] in Kurmanji", () => {
  it("flags an Arabic-script letter typed inside a Kurmanji word", () => {
    expect(found("script_mismatch", "kmr", "", "Leşkerên Tirk li Îdlibێ ne.")).toEqual([["script.arabicInLatin", "ێ"]]);
  });

  it("flags a Cyrillic look-alike inside a Kurmanji word", () => {
    expect(found("script_mismatch", "kmr", "", "Wezareta Parastinê ya Rûsyayе")).toEqual([["script.cyrillicInLatin", "е"]]);
  });

  it("flags Sorani pasted into a Kurmanji translation, once over the pasted run", () => {
    const target = "Tirkiye dibêje: سەربازانی تورکیا کوژران.";
    expect(found("script_mismatch", "kmr", "Turkey says its soldiers were killed.", target)).toEqual([["script.arabicInKurmanji", "سەربازانی تورکیا کوژران"]]);
    expect(blocking(runChecks({ sourceLang: "en", targetLang: "kmr", source: "x", target })).map((i) => i.check)).toContain("script_mismatch");
  });

  it("accepts Kurmanji in the Hawar alphabet, and an Arabic-script name the source also has", () => {
    expect(found("script_mismatch", "kmr", "", "Çavdêriya Sûriyê ya Mafên Mirovan û Îdlib, HTŞ, NATOyê")).toEqual([]);
    expect(found("script_mismatch", "kmr", "The banner read هەولێر.", "Li ser pankartê hatibû nivîsîn: هەولێر.")).toEqual([]);
  });

  it("flags Kurmanji pasted into a Sorani translation", () => {
    expect(found("script_mismatch", "ckb", "Turkish troops were killed.", "سەربازانی تورکیا leşkerên Tirk hatin kuştin.")).toEqual([["script.latinInSorani", "leşkerên Tirk hatin kuştin"]]);
    expect(found("script_mismatch", "ckb", "", "ئەمە Îdlib ە")).toEqual([["script.latinInSorani", "Îdlib"]]);
  });

  it("accepts Latin names, acronyms and words the source has in a Sorani translation", () => {
    expect(found("script_mismatch", "ckb", "", "ئاژانسی AFP و BBCی")).toEqual([]);
    expect(found("script_mismatch", "ckb", "He wrote on Twitter today.", "لە Twitter نووسی")).toEqual([]);
    expect(found("script_mismatch", "ckb", "Kalibr cruise missiles", "مووشەکی کرووزی Kalibr")).toEqual([]);
  });
});

describe("[quotes] in Kurmanji", () => {
  it("accepts “…” with ‘…’ inside, and « » as Kurmanji media in Syria write them", () => {
    expect(found("quotes", "kmr", "", "Akar got: “Em ‘tu carî’ paşve nagerin.”")).toEqual([]);
    expect(found("quotes", "kmr", "", "Akar got: «Em paşve nagerin.»")).toEqual([]);
    expect(found("quotes", "kmr", "", "Meclîsa Welsh’ê")).toEqual([]);
  });

  it("flags straight quotes and the German-style opener", () => {
    expect(found("quotes", "kmr", "", 'Akar got: "Em paşve nagerin."')).toEqual([
      ["quotes.straight", '"'],
      ["quotes.straight", '"'],
    ]);
    expect(found("quotes", "kmr", "", "Akar got: „Em paşve nagerin.“").map(([k]) => k)).toContain("quotes.wrong");
  });
});

describe("[numbers] in Kurmanji", () => {
  it("reads Kurmanji thousands and decimals (1.200, 2,5) and suffixed numbers (27ê Sibatê, 2018an)", () => {
    expect(found("numbers", "kmr", "At least 1,200 people fled on February 27.", "Herî kêm 1.200 kes di 27ê Sibatê de reviyan.")).toEqual([]);
    expect(found("numbers", "kmr", "Prices rose 2.5 percent in 2018.", "Biha di sala 2018an de ji sedî 2,5 zêde bûn.")).toEqual([]);
  });

  it("accepts a number spelled out in Kurmanji, and flags a wrong one", () => {
    expect(found("numbers", "kmr", "Moscow deployed 2 frigates.", "Moskowê du firqeteyn şandin.")).toEqual([]);
    expect(found("numbers", "kmr", "At least 33 soldiers were killed.", "Herî kêm 32 leşker hatin kuştin.").map(([k]) => k)).toEqual(["numbers.missing", "numbers.extra"]);
  });
});

describe("[length_ratio] in Kurmanji", () => {
  const source = "Turkish officials have called for a no-fly-zone over the region.";
  it("uses the English → Kurmanji bounds measured on NTREX", () => {
    expect(lengthRatio("kmr")).toEqual({ median: 0.983, low: 0.644, high: 1.63 });
    expect(found("length_ratio", "kmr", source, "Berpirsên Tirk bang kirin ku li ser wê deverê herêmeke qedexeya firînê were ragihandin.")).toEqual([]);
    expect(found("length_ratio", "kmr", source, "Bang kirin.").map(([k]) => k)).toEqual(["lengthRatio.short"]);
  });
});

describe("[glossary] in Kurmanji", () => {
  it("flags the Turkish spellings and the English abbreviation the glossary forbids", () => {
    const source = "Hayat Tahrir al-Sham (HTS) dominates Idlib.";
    const issues = check("en", "kmr", source, "Heyeta Tehrîr Şam (HTS) li İdlib serdest e.");
    expect(issues.filter((i) => i.check === "glossary_forbidden").map((i) => i.params.text)).toEqual(["HTS", "İdlib"]);
    expect(check("en", "kmr", source, "Heyeta Tehrîr Şam (HTŞ) li Îdlib serdest e.").filter((i) => i.severity === "error")).toEqual([]);
  });
});
