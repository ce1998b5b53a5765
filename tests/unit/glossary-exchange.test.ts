import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGlossaryFiles } from "@/features/glossary/files";
import {
  CSV_COLUMNS,
  TBX_NS,
  parseCsv,
  parseGlossaryFile,
  parseTbx,
  serializeCsv,
  serializeGlossary,
  serializeTbx,
  type ExchangeConcept,
  type ExchangeTerm,
  type ParsedGlossary,
} from "@/features/glossary/exchange";
import { childElements, parseXmlTree, textContent, type XmlElement } from "@/lib/xml";
import { xmllint } from "../helpers/xmllint";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures");
const fixture = (p: string) => fs.readFileSync(path.join(FIXTURES, p));
const SEEDED_AT = "2026-11-25T12:00:00.000Z";

/** The reviewed glossary files as the neutral model, as the seed stores them (approved by system:seed). */
function seededConcepts(): ExchangeConcept[] {
  return loadGlossaryFiles().map((c) => ({
    id: c.id,
    subject: c.subject,
    definition: c.definition,
    note: c.note ?? null,
    entry: c.id,
    terms: Object.entries(c.terms).flatMap(([lang, terms]) =>
      (terms ?? []).map((t): ExchangeTerm => ({
        lang,
        text: t.text,
        type: t.type,
        pos: t.pos,
        usage: t.usage,
        caseSensitive: t.caseSensitive ?? false,
        doNotTranslate: t.doNotTranslate ?? false,
        commonWord: t.commonWord ?? false,
        plainVowels: t.plainVowels ?? false,
        note: t.note ?? null,
        status: "approved",
        proposedBy: "system:seed",
        proposedAt: SEEDED_AT,
        reviewedBy: "system:seed",
        reviewedAt: SEEDED_AT,
        reviewComment: null,
      })),
    ),
  }));
}

const term = (t: Partial<ExchangeTerm> & Pick<ExchangeTerm, "lang" | "text">): ExchangeTerm => ({
  type: "fullForm",
  pos: "noun",
  usage: "preferred",
  caseSensitive: false,
  doNotTranslate: false,
  commonWord: false,
  plainVowels: false,
  note: null,
  status: "proposed",
  proposedBy: "user_translator",
  proposedAt: "2026-11-26T09:15:00.000Z",
  reviewedBy: null,
  reviewedAt: null,
  reviewComment: null,
  ...t,
});

/** Terms in every workflow status, with review comments and every field set somewhere, on a concept whose id starts with a digit. */
const workflowConcept: ExchangeConcept = {
  id: "1918-flu",
  subject: "public health",
  definition: 'The influenza pandemic of 1918–1920, "Spanish flu" & <older> names.',
  note: "Line one.\nLine two, with a tab\tinside.",
  entry: "1918-flu",
  terms: [
    term({ lang: "en", text: "1918 flu", status: "approved", caseSensitive: true, doNotTranslate: true, note: 'Say "1918 flu" & <never> "Spanish".', reviewedBy: "user_admin", reviewedAt: "2026-11-26T10:00:00.000Z", reviewComment: "Fine." }),
    term({ lang: "en", text: "Spanish flu", type: "abbreviation", pos: "adjective", usage: "forbidden", commonWord: true, status: "approved", note: "-ism: a note that starts like a formula", reviewedBy: "user_admin", reviewedAt: "2026-11-26T10:00:00.000Z" }),
    term({ lang: "tr", text: "1918 gribi", status: "proposed", plainVowels: true }),
    term({ lang: "tr", text: "İspanyol gribi", status: "rejected", proposedAt: "2026-11-26T09:16:00.000Z", reviewedBy: "user_reviewer", reviewedAt: "2026-11-26T11:00:00.000Z", reviewComment: "Haber dili değil.\nİkinci satır <b> & \"tırnak\"" }),
    term({ lang: "ru", text: "испанка", pos: "properNoun", status: "deprecated", reviewedBy: "user_reviewer", reviewedAt: "2026-11-26T12:00:00.000Z", reviewComment: '=HYPERLINK("http://example.org","x")' }),
    term({ lang: "ar", text: "الإنفلونزا الإسبانية", type: "variant", pos: "phrase", usage: "admitted", status: "approved", proposedBy: null, reviewedBy: "user_reviewer", reviewedAt: "2026-11-26T12:30:00.000Z" }),
    term({ lang: "ckb", text: "ئەنفلوەنزای ١٩١٨", pos: "verb", usage: "forbidden", status: "proposed", note: "workbench:status=approved is only this note's text" }),
  ],
};

const everything = () => [...seededConcepts(), workflowConcept];

/** The model without where-in-the-file details, for comparing. */
const fields = (concepts: readonly ExchangeConcept[]) =>
  concepts.map((c) => ({ id: c.id, subject: c.subject, definition: c.definition, note: c.note, terms: c.terms.map(({ line: _line, ...t }) => t) }));

function cleanParse(parsed: ParsedGlossary): ParsedGlossary {
  expect(parsed.problems).toEqual([]);
  return parsed;
}

describe("glossary export → import → export loses no field", () => {
  for (const format of ["tbx", "tbx2008", "csv"] as const) {
    it(`${format}: every field of the seeded glossary and of terms in every workflow status survives, and the second export is byte-identical`, () => {
      const original = everything();
      const first = serializeGlossary(format, original);
      const parsed = cleanParse(parseGlossaryFile(format === "csv" ? "csv" : "tbx", Buffer.from(first, "utf8")));
      expect(parsed.format).toBe(format);
      expect(fields(parsed.concepts)).toEqual(fields(original));
      expect(serializeGlossary(format, parsed.concepts)).toBe(first);
    });
  }
});

describe("TBX exports are valid against the official schemas (xmllint --nonet)", () => {
  it("TBX v3 (TBX-Basic, DCA) validates against TBXcoreStructV03.rng", () => {
    const r = xmllint(serializeTbx(everything(), "v3"), { relaxng: "TBXcoreStructV03.rng" });
    expect(r.output).toMatch(/validates/);
    expect(r.valid).toBe(true);
  });

  it("an empty TBX v3 export validates too", () => {
    expect(xmllint(serializeTbx([], "v3"), { relaxng: "TBXcoreStructV03.rng" }).valid).toBe(true);
  });

  it("TBX 2008 validates against TBXcoreStructV02.dtd", () => {
    const r = xmllint(serializeTbx(everything(), "2008"), { dtd: "TBXcoreStructV02.dtd" });
    expect(r.output).toBe("");
    expect(r.valid).toBe(true);
  });

  it("xmllint does reject an invalid file (the check is real)", () => {
    const broken = serializeTbx(everything(), "v3").replace("<term>1918 flu</term>", "");
    expect(xmllint(broken, { relaxng: "TBXcoreStructV03.rng" }).valid).toBe(false);
  });
});

/**
 * TBX-Basic's data categories and picklists, as listed in LTAC Global's
 * TBX_basic_module/Basic.tbxmd and TBX_min_module/Min.tbxmd and enforced by
 * TBX-Basic_DCA.sch (Schematron cannot run offline, so this test checks the same rules).
 */
const TBX_BASIC_TYPES: Record<string, readonly string[]> = {
  admin: ["customerSubset", "projectSubset", "source"],
  descrip: ["subjectField", "context", "definition"],
  ref: ["crossReference"],
  termNote: ["administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender", "termLocation", "termType"],
  transac: ["transactionType"],
  transacNote: ["responsibility"],
  xref: ["externalCrossReference", "xGraphic"],
};
const PICKLISTS: Record<string, readonly string[]> = {
  administrativeStatus: ["admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"],
  partOfSpeech: ["adjective", "noun", "other", "verb", "adverb"],
  termType: ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"],
  transactionType: ["origination", "modification"],
  grammaticalGender: ["masculine", "feminine", "neuter", "other"],
};
/** Levels where a category may appear (directly, or in a group other than transacGrp where the module says so). */
const LEVELS: Record<string, readonly string[]> = {
  subjectField: ["conceptEntry", "termEntry"],
  definition: ["conceptEntry", "termEntry", "langSec", "langSet"],
  context: ["termSec", "tig"],
  transactionType: ["conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig"],
  responsibility: ["conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig"],
};
const STRUCTURE = new Set(["tbx", "martif", "tbxHeader", "martifHeader", "fileDesc", "sourceDesc", "encodingDesc", "p", "text", "body", "conceptEntry", "termEntry", "langSec", "langSet", "termSec", "tig", "term", "note", "transacGrp", "descripGrp", "date"]);

function tbxBasicViolations(xml: string, dialect: "v3" | "2008"): string[] {
  const out: string[] = [];
  const root = parseXmlTree(xml, { maxBytes: 10_000_000 });
  if (dialect === "v3") {
    if (root.attributes.type !== "TBX-Basic" || root.attributes.style !== "dca") out.push("root is not type=TBX-Basic style=dca");
  } else if (root.attributes.type !== "TBX-Basic") out.push("martif is not type=TBX-Basic");
  const walk = (el: XmlElement, parents: XmlElement[]) => {
    if (dialect === "v3" && el.uri !== TBX_NS) out.push(`line ${el.line}: <${el.name}> is not in the TBX namespace (DCT elements are not allowed in DCA)`);
    const parent = parents[parents.length - 1];
    const level = parent?.local === "transacGrp" || parent?.local === "descripGrp" ? parents[parents.length - 2]?.local : parent?.local;
    if (el.local in TBX_BASIC_TYPES) {
      const type = el.attributes.type ?? "";
      if (!TBX_BASIC_TYPES[el.local]!.includes(type)) out.push(`line ${el.line}: <${el.local} type="${type}"> is not a TBX-Basic data category`);
      const value = textContent(el);
      if (PICKLISTS[type] && !PICKLISTS[type]!.includes(value)) out.push(`line ${el.line}: ${type} "${value}" is not in TBX-Basic's picklist`);
      if (LEVELS[type] && !LEVELS[type]!.includes(level ?? "")) out.push(`line ${el.line}: ${type} at ${level}`);
      if (el.local === "termNote" && !["termSec", "tig"].includes(parent?.local ?? "")) out.push(`line ${el.line}: termNote outside termSec`);
    } else if (!STRUCTURE.has(el.local)) out.push(`line ${el.line}: <${el.local}> is not a TBX-Basic element`);
    for (const c of childElements(el)) walk(c, [...parents, el]);
  };
  walk(root, []);
  return out;
}

describe("the exports stay within TBX-Basic's data categories and picklist values", () => {
  it("TBX v3 uses only TBX-Basic categories, picklist values and levels", () => {
    expect(tbxBasicViolations(serializeTbx(everything(), "v3"), "v3")).toEqual([]);
  });

  it("TBX 2008 uses the same categories", () => {
    expect(tbxBasicViolations(serializeTbx(everything(), "2008"), "2008")).toEqual([]);
  });

  it("the check catches a category outside TBX-Basic", () => {
    const bad = serializeTbx(everything(), "v3").replace('<termNote type="termType">fullForm</termNote>', '<termNote type="workflowStatus">approved</termNote>');
    expect(tbxBasicViolations(bad, "v3")).toEqual([expect.stringMatching(/workflowStatus.*not a TBX-Basic data category/)]);
  });

  it("workbench-only fields travel as workbench: notes, usage as administrativeStatus, proposal and review as transactions", () => {
    const xml = serializeTbx([workflowConcept], "v3");
    expect(xml).toContain('<conceptEntry id="_1918-flu">');
    expect(xml).toContain("<note>workbench:status=rejected</note>");
    expect(xml).toContain("<note>workbench:caseSensitive=true</note>");
    expect(xml).toContain("<note>workbench:doNotTranslate=true</note>");
    expect(xml).toContain("<note>workbench:commonWord=true</note>");
    expect(xml).toContain("<note>workbench:plainVowels=true</note>");
    expect(xml).toContain("<note>workbench:pos=properNoun</note>");
    expect(xml).toContain("<note>workbench:reviewComment=Haber dili değil.\nİkinci satır &lt;b&gt; &amp; \"tırnak\"</note>");
    expect(xml).toContain("<note>workbench:note=workbench:status=approved is only this note's text</note>");
    expect(xml).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>');
    expect(xml).toContain('<termNote type="partOfSpeech">other</termNote>');
    expect(xml).toMatch(/<transac type="transactionType">modification<\/transac>\s*<date>2026-11-26T11:00:00.000Z<\/date>\s*<transacNote type="responsibility">user_reviewer<\/transacNote>/);
  });
});

describe("CSV export", () => {
  it("is UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, and a header naming every field", () => {
    const csv = serializeCsv([workflowConcept]);
    expect(csv.startsWith("\uFEFFconceptId,subject,definition,conceptNote,lang,text,type,pos,usage,caseSensitive,doNotTranslate,commonWord,plainVowels,note,status,proposedBy,proposedAt,reviewedBy,reviewedAt,reviewComment\r\n")).toBe(true);
    expect(CSV_COLUMNS).toHaveLength(20);
    // Records end in CRLF; the line breaks inside quoted notes are LF.
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + workflowConcept.terms.length);
    expect(csv).toContain('"Haber dili değil.\nİkinci satır <b> & ""tırnak"""');
  });

  it("guards cells that a spreadsheet would run as formulas, and reads them back unchanged", () => {
    const csv = serializeCsv([workflowConcept]);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"",""x"")"`);
    expect(csv).toContain(",'-ism: a note");
    const back = cleanParse(parseCsv(Buffer.from(csv)));
    expect(back.concepts[0]!.terms.find((t) => t.lang === "ru")!.reviewComment).toBe('=HYPERLINK("http://example.org","x")');
  });
});

describe("importing the real termbases", () => {
  it("TICO-19 f_ lists (id,sourceLang,targetLang,sourceString,targetString): one concept per row, locale codes mapped", () => {
    for (const [file, lang] of [["f_en-tr_TR.csv", "tr"], ["f_en-ru_RU.csv", "ru"], ["f_en-ar_AR.csv", "ar"]] as const) {
      const p = cleanParse(parseCsv(fixture(`tico19/terminologies/${file}`)));
      expect(p.concepts).toHaveLength(306);
      expect(p.concepts[1]!.terms.map((t) => [t.lang, t.status])).toEqual([
        ["en", null],
        [lang, null],
      ]);
      expect(p.concepts[1]!.terms[0]!.text).toBe("acute bronchitis");
    }
  });

  it("TICO-19 g_ lists (with pos and description): part of speech and definition are read", () => {
    const p = cleanParse(parseCsv(fixture("tico19/terminologies/g_en_tr.csv")));
    expect(p.concepts).toHaveLength(328);
    const cdc = p.concepts[3]!;
    expect(cdc.definition).toMatch(/^Short for "Centers for Disease Control and Prevention"/);
    expect(cdc.terms.map((t) => [t.lang, t.text, t.pos])).toEqual([
      ["en", "CDC", "properNoun"],
      ["tr", "CDC", "properNoun"],
    ]);
  });

  it("imports the Kurmanji lists into kmr: cb_IQ in Latin script and plain ku are Kurmanji, with a note in the report", () => {
    const cb = cleanParse(parseCsv(fixture("tico19/terminologies/f_en-cb_IQ.csv")));
    expect(cb.concepts).toHaveLength(306);
    expect(cb.concepts[1]!.terms.map((t) => [t.lang, t.text])).toEqual([
      ["en", "acute bronchitis"],
      ["kmr", "bronşîta giran"],
    ]);
    expect(cb.notes).toEqual([{ tag: "cb_IQ", lang: "kmr", terms: 306, message: expect.stringMatching(/in Latin script were read as Kurmanji \(kmr\)/) }]);
    const ku = cleanParse(parseCsv(fixture("tico19/terminologies/g_en_ku.csv")));
    expect(ku.concepts).toHaveLength(304);
    expect(ku.concepts[0]!.terms.map((t) => [t.lang, t.text])).toEqual([
      ["en", "14 days in isolation"],
      ["kmr", "14 rojên di cudakirinê de"],
    ]);
    expect(ku.notes).toEqual([{ tag: "ku", lang: "kmr", terms: 304, message: expect.stringMatching(/tagged "ku" \(Kurdish\) were read as Kurmanji \(kmr, Latin script\)/) }]);
  });

  it("still refuses Arabic-script text tagged Kurmanji, Latin text tagged Sorani, and ku-Arab", () => {
    const csv = ["conceptId,lang,text", "x,en,bronchitis", "x,kmr,برۆنشیت", "x,ckb,bronşît", "x,ku-Arab,برۆنشیت"].join("\r\n");
    expect(parseCsv(csv).problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [3, "text", expect.stringContaining("Kurmanji (kmr) terms are written in Latin script")],
      [4, "text", expect.stringContaining("Sorani (ckb) terms are written in Arabic script")],
      [5, "lang", expect.stringContaining('"ku-Arab" is ambiguous')],
    ]);
  });

  it("Okapi TBX 2008 termbases: every file reads; other languages and categories are counted, not imported", () => {
    const expected: Record<string, number> = { "ibm_tbx.tbx": 5, "maryland.tbx": 1, "medtronic_TBX.tbx": 3, "oracle_TBX.tbx": 2, "sdl_tbx.tbx": 223, "test01.tbx": 1, "test02_win1254.tbx": 1 };
    for (const [file, n] of Object.entries(expected)) {
      const p = cleanParse(parseTbx(fixture(`okapi/tbx/${file}`)));
      expect(p.format, file).toBe("tbx2008");
      expect(p.concepts, file).toHaveLength(n);
    }
    const sdl = parseTbx(fixture("okapi/tbx/sdl_tbx.tbx"));
    expect(sdl.ignored.languages).toEqual({ de: 277 });
    expect(sdl.concepts[0]!.terms[0]).toMatchObject({ lang: "en", text: "accordion fold", proposedBy: "CDigel", proposedAt: "2001-04-23T13:08:13.000Z", reviewedAt: "2001-04-30T09:34:26.000Z" });
    const oracle = parseTbx(fixture("okapi/tbx/oracle_TBX.tbx"));
    expect(oracle.concepts[0]!.terms.map((t) => t.text)).toEqual(["Provincial Reporting Establishment", "PRE"]);
  });

  it("the windows-1254 termbase keeps its Turkish letters", () => {
    const p = cleanParse(parseTbx(fixture("okapi/tbx/test02_win1254.tbx")));
    expect(p.concepts[0]!.terms.map((t) => [t.lang, t.text])).toEqual([
      ["en", "term with: éá and İı"],
      ["tr", "tr term with: éá and İı"],
    ]);
  });

  it("maryland's ntig/termGrp and termType synonym are read", () => {
    const p = cleanParse(parseTbx(fixture("okapi/tbx/maryland.tbx")));
    expect(p.concepts[0]).toMatchObject({ id: null, entry: "eid-VocCod-211.01", subject: "personnel" });
    expect(p.concepts[0]!.terms.map((t) => [t.text, t.type])).toEqual([
      ["scribe", "fullForm"],
      ["copyist", "fullForm"],
    ]);
  });

  it("TBX v3 in DCT style (<min:partOfSpeech>, <basic:definition>) reads like DCA", () => {
    const dct = `<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>DCT sample</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <min:subjectField>General</min:subjectField>
      <langSec xml:lang="en">
        <descripGrp><basic:definition>A group of stars formed together.</basic:definition><basic:source>Oxford2007</basic:source></descripGrp>
        <termSec>
          <term>open cluster</term>
          <min:partOfSpeech>noun</min:partOfSpeech>
          <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
          <basic:termType>fullForm</basic:termType>
          <transacGrp><basic:transactionType>origination</basic:transactionType><date>2010-04-17</date><basic:responsibility>Tommy</basic:responsibility></transacGrp>
        </termSec>
        <termSec>
          <term>galactic cluster</term>
          <min:partOfSpeech>noun</min:partOfSpeech>
          <min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus>
        </termSec>
      </langSec>
      <langSec xml:lang="es"><termSec><term>cúmulo abierto</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>`;
    const p = cleanParse(parseTbx(dct));
    expect(p.format).toBe("tbx");
    expect(p.concepts).toEqual([
      expect.objectContaining({ id: "c1", subject: "General", definition: "A group of stars formed together." }),
    ]);
    expect(p.concepts[0]!.terms.map((t) => [t.text, t.pos, t.usage, t.type, t.proposedBy, t.proposedAt])).toEqual([
      ["open cluster", "noun", "preferred", "fullForm", "Tommy", "2010-04-17T00:00:00.000Z"],
      ["galactic cluster", "noun", "forbidden", "fullForm", null, null],
    ]);
    expect(p.ignored.languages).toEqual({ es: 1 });
  });
});

describe("every problem of a file is reported at once, with its line and entry", () => {
  it("TBX: structure and content problems", () => {
    const xml = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="${TBX_NS}">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="ok-entry">
      <descrip type="subjectField">${"s".repeat(101)}</descrip>
      <langSec xml:lang="en">
        <termSec><term>fine</term><termNote type="termType">heading</termNote></termSec>
        <termSec><term>pos</term><termNote type="partOfSpeech">gerund</termNote></termSec>
        <termSec><term>status</term><termNote type="administrativeStatus">maybeTerm-admn-sts</termNote><note>workbench:status=approvedish</note></termSec>
        <termSec><term>flags</term><note>workbench:caseSensitive=yes</note><note>workbench:colour=red</note></termSec>
        <termSec><term>dated</term><transacGrp><transac type="transactionType">origination</transac><date>yesterday</date></transacGrp></termSec>
        <termSec><termNote type="termType">fullForm</termNote></termSec>
      </langSec>
      <langSec xml:lang="ckb"><termSec><term>bronşîta giran</term></termSec></langSec>
      <langSec xml:lang="ku-Arab"><termSec><term>bronşît</term></termSec></langSec>
      <langSec><termSec><term>no language</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="ok-entry"><langSec xml:lang="en"><termSec><term>twice</term></termSec></langSec></conceptEntry>
    <conceptEntry id="Not Valid"><langSec xml:lang="tr"><termSec><term>yalnız</term></termSec></langSec></conceptEntry>
    <conceptEntry id="empty"/>
    <conceptEntry id="long"><langSec xml:lang="en"><termSec><term>${"x".repeat(201)}</term></termSec></langSec></conceptEntry>
  </body></text>
</tbx>`;
    const p = parseTbx(xml);
    const got = p.problems.map((x) => [x.line, x.entry, x.field ?? null, x.message]);
    expect(got).toEqual([
      [8, "ok-entry", "termType", expect.stringContaining('termType "heading"')],
      [9, "ok-entry", "partOfSpeech", expect.stringContaining('partOfSpeech "gerund"')],
      [10, "ok-entry", "administrativeStatus", expect.stringContaining('administrativeStatus "maybeTerm')],
      [10, "ok-entry", "status", expect.stringContaining('workbench:status "approvedish"')],
      [11, "ok-entry", "caseSensitive", expect.stringContaining("workbench:caseSensitive must be true or false")],
      [11, "ok-entry", "note", expect.stringContaining('"workbench:colour" is not a workbench field')],
      [12, "ok-entry", "date", expect.stringContaining('"yesterday" is not a date')],
      [13, "ok-entry", "term", expect.stringContaining("has no <term>")],
      [15, "ok-entry", "text", expect.stringContaining('"bronşîta giran" is in Latin script')],
      [16, "ok-entry", "lang", expect.stringContaining('"ku-Arab" is ambiguous')],
      [17, "ok-entry", "lang", expect.stringContaining("<langSec> has no xml:lang")],
      [5, "ok-entry", "subject", expect.stringContaining("The subject is longer than 100")],
      [19, "ok-entry", "id", expect.stringContaining('The entry id "ok-entry" is used twice')],
      [20, "Not Valid", null, expect.stringContaining("no English term and no usable id")],
      [21, "empty", null, expect.stringContaining("The entry has no <langSec>")],
      [22, "long", "text", expect.stringContaining("longer than 200 characters")],
    ]);
  });

  it("TBX: a file that is not TBX, or not well-formed, or hostile, is one problem with its line", () => {
    expect(parseTbx("<glossary/>").problems).toEqual([{ line: 1, message: expect.stringMatching(/not a TBX file: its root element is <glossary>/) }]);
    expect(parseTbx("<martif>\n<text><body>\n</martif>").problems).toEqual([{ line: 3, message: expect.stringMatching(/Line 3, column \d+: the XML is not well-formed/) }]);
    expect(parseTbx('<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif>&x;</martif>').problems[0]!.message).toMatch(/declares entities/);
    expect(parseTbx("<martif><martifHeader/></martif>").problems[0]!.message).toMatch(/no <text><body>/);
  });

  it("CSV (workbench layout): every row problem with its line, nothing else hides them", () => {
    const csv = [
      "conceptId,lang,text,type,pos,usage,caseSensitive,status,proposedAt,subject",
      "good,en,good term,fullForm,noun,preferred,false,approved,2026-11-26T10:00:00Z,place",
      ",en,no id,,,,,,,",
      "Bad Id,en,x,,,,,,,",
      "good,xx,unknown language,,,,,,,",
      "good,en,bad enums,shortForm,gerund,sometimes,maybe,pending,last week,",
      'good,tr,"unclosed quote ok",,,,,,,different subject',
      'good,tr,bad "quote",,,,,,,',
      "good,tr,too,few",
      "good,ckb,bronşît,,,,,,,",
      "good,ku,bronşît,,,,,,,",
      '"never closed,en,x',
    ].join("\r\n");
    const p = parseCsv(Buffer.from(csv));
    expect(p.problems.map((x) => [x.line, x.field ?? null, x.message])).toEqual([
      [8, null, expect.stringContaining("A quote character is misplaced")],
      [12, null, expect.stringContaining("A quoted field is never closed")],
      [3, "conceptId", "conceptId is empty."],
      [4, "conceptId", expect.stringContaining('conceptId "Bad Id" is not a valid id')],
      [5, "lang", expect.stringContaining('"xx" is not a workbench language')],
      [6, "status", expect.stringContaining('status "pending" is not one of')],
      [6, "type", expect.stringContaining('type "shortForm" is not one of')],
      [6, "pos", expect.stringContaining('pos "gerund" is not one of')],
      [6, "usage", expect.stringContaining('usage "sometimes" is not one of')],
      [6, "caseSensitive", expect.stringContaining("caseSensitive must be true or false")],
      [6, "proposedAt", expect.stringContaining('proposedAt "last week" is not an ISO 8601')],
      [7, "subject", expect.stringContaining("subject differs from the one on line 2")],
      [9, null, "The row has 4 fields; the header has 10."],
      [10, "text", expect.stringContaining('"bronşît" is in Latin script')],
    ]);
    expect(p.notes).toEqual([{ tag: "ku", lang: "kmr", terms: 1, message: expect.stringContaining("read as Kurmanji") }]);
  });

  it("CSV: an unknown header, unknown columns, invalid UTF-8", () => {
    expect(parseCsv(Buffer.from("term,translation\nx,y\n")).problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/does not match a known layout/) });
    expect(parseCsv(Buffer.from("conceptId,lang,text,colour\nx,en,y,red\n")).problems).toEqual([{ line: 1, field: "colour", message: expect.stringMatching(/Unknown column "colour"/) }]);
    const latin1 = Buffer.concat([Buffer.from("conceptId,lang,text\nx,en,ok\nx,tr,"), Buffer.from([0x69, 0xfe, 0x69]), Buffer.from("\n")]);
    expect(parseCsv(latin1).problems).toEqual([{ line: 3, message: "The file is not valid UTF-8 (line 3). Save it as CSV UTF-8." }]);
  });

  it("CSV (TICO-19 layouts): unknown pos, same language twice, no English side", () => {
    const csv = "stringID,sourceLang,targetLang,pos,description,sourceString,targetString\n1,en,tr,gerund,,a,b\n2,tr,tr,,,a,b\n3,tr,ru_RU,,,a,b\n";
    expect(parseCsv(Buffer.from(csv)).problems.map((x) => [x.line, x.entry, x.message])).toEqual([
      [2, "row 1", expect.stringContaining('pos "gerund"')],
      [3, "row 2", "sourceLang and targetLang are both tr."],
      [3, "row 2", expect.stringContaining("no English side")],
      [4, "row 3", expect.stringContaining("no English side")],
    ]);
  });
});
