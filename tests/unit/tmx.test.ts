import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XmlError } from "@/lib/xml";
import { fromTmxDate, readTmx, serializeTmx, toTmxDate, writeTmx, type TmxReadOptions, type TmxUnit } from "@/features/tm/tmx";
import { xmllint } from "../helpers/xmllint";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures");
const OPTIONS: TmxReadOptions = { maxBytes: 10_000_000 };

async function readAll(source: Parameters<typeof readTmx>[0], options: TmxReadOptions = OPTIONS) {
  const reader = readTmx(source, options);
  const units: TmxUnit[] = [];
  for await (const u of reader) units.push(u);
  return { units, problems: reader.problems, header: reader.header };
}

const strip = (units: readonly TmxUnit[]) => units.map(({ line: _line, ...u }) => u);

describe("readTmx on real files", () => {
  it("reads the TICO-19 en→ckb and en→ar memories unit by unit, with props and languages", async () => {
    const ckb = await readAll(fs.readFileSync(path.join(FIXTURES, "tico19/tmx/all.en-ckb.head50.tmx")));
    expect(ckb.problems).toEqual([]);
    expect(ckb.header).toMatchObject({ srclang: "en", segtype: "paragraph", creationtool: "unknown" });
    expect(ckb.units).toHaveLength(50);
    expect(ckb.units[0]).toEqual({
      tuid: "CMU_1:1",
      srcLang: "en",
      props: [{ type: "note", value: "http://www.speech.cs.cmu.edu/haitian/text/1600_medical_domain_sentences.en" }],
      notes: [],
      variants: [
        { lang: "en", text: "about how long have these symptoms been going on?" },
        { lang: "ckb", text: "ئەم نیشانانه لە کەیەوە بوونیان هەیە؟" },
      ],
      line: 3,
    });
    const ar = await readAll(fs.readFileSync(path.join(FIXTURES, "tico19/tmx/all.en-ar.head50.tmx")));
    expect(ar.units).toHaveLength(50);
    expect(ar.units.every((u) => u.variants.map((v) => v.lang).join() === "en,ar")).toBe(true);
  });

  it("streams from a file in small chunks with the same result, reporting progress by bytes read", async () => {
    const file = path.join(FIXTURES, "tico19/tmx/all.en-ckb.head50.tmx");
    const progress: number[] = [];
    const streamed = await readAll(fs.createReadStream(file, { highWaterMark: 1024 }), { ...OPTIONS, onProgress: (n) => progress.push(n) });
    const whole = await readAll(fs.readFileSync(file));
    expect(streamed.units).toEqual(whole.units);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(fs.statSync(file).size);
  });

  it("yields units before the whole file is read", async () => {
    const file = path.join(FIXTURES, "tico19/tmx/all.en-ar.head50.tmx");
    let bytesAtFirstUnit = 0;
    let read = 0;
    const reader = readTmx(fs.createReadStream(file, { highWaterMark: 1024 }), { ...OPTIONS, onProgress: (n) => (read = n) });
    for await (const _unit of reader) {
      bytesAtFirstUnit = read;
      break;
    }
    expect(bytesAtFirstUnit).toBeGreaterThan(0);
    expect(bytesAtFirstUnit).toBeLessThan(fs.statSync(file).size / 4);
  });

  it("reads the LISA compliance-kit file in UTF-16, keeping whitespace in segments", async () => {
    const { units, problems } = await readAll(fs.readFileSync(path.join(FIXTURES, "okapi/tmx/compkit_ImportTest1A.tmx")));
    expect(problems).toEqual([]);
    expect(units.map((u) => u.variants.map((v) => v.text))).toEqual([
      ["First segment with [\t\t   ]", "Premier segment avec [\t\t   ]"],
      ["Second segment with [  \t\t]", "Second segment avec [  \t\t]"],
    ]);
    const odd = await readAll(fs.readFileSync(path.join(FIXTURES, "okapi/tmx/compkit_ImportTest1B.tmx")));
    expect(odd.units[0]!.variants).toEqual([
      { lang: "eN-uS", text: "Text of the segment" },
      { lang: "fR-Ca", text: "Texte du segment" },
    ]);
  });

  it("reduces inline markup to the segment's text: native codes (bpt/ept/it/ph/ut, and sub inside them) go, hi keeps its text", async () => {
    const { units, header } = await readAll(fs.readFileSync(path.join(FIXTURES, "okapi/tmx/header_with_prop_and_note.tmx")));
    expect(header).toMatchObject({ props: [{ type: "x", value: "prop" }], notes: ["note"] });
    expect(units[0]!.variants).toEqual([
      { lang: "en-us", text: "Click  to start." },
      { lang: "fr", text: "Cliquez  pour commencer." },
    ]);
  });

  it("reports every problem with its line and goes on: a DTD-invalid Trados file (<prop> without type)", async () => {
    const { units, problems } = await readAll(fs.readFileSync(path.join(FIXTURES, "okapi/tmx/html_test.tmx")));
    expect(problems).toEqual([{ line: 14, message: "<prop> has no type attribute." }]);
    expect(units.length).toBeGreaterThan(5);
  });

  it("reports units it cannot use, each with its line", async () => {
    const tmx = `<?xml version="1.0"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu tuid="ok"><tuv xml:lang="en"><seg>Idlib</seg></tuv><tuv xml:lang="tr"><seg>İdlib</seg></tuv></tu>
<tu tuid="no-variants"></tu>
<tu tuid="no-lang"><tuv><seg>x</seg></tuv><tuv xml:lang="tr"><seg>y</seg></tuv></tu>
<tu tuid="no-seg"><tuv xml:lang="en"></tuv></tu>
<tu tuid="old-lang"><tuv lang="EN"><seg>deprecated lang attribute</seg></tuv></tu>
</body>
</tmx>`;
    const { units, problems } = await readAll(tmx);
    expect(units.map((u) => [u.tuid, u.variants.map((v) => v.lang)])).toEqual([
      ["ok", ["en", "tr"]],
      ["no-lang", ["tr"]],
      ["old-lang", ["EN"]],
    ]);
    expect(problems).toEqual([
      { line: 6, message: '<tu tuid="no-variants"> has no usable <tuv>, so it is skipped.' },
      { line: 7, message: "<tuv> has no xml:lang: its language is unknown, so it is skipped." },
      { line: 8, message: '<tuv xml:lang="en"> has no <seg>, so it is skipped.' },
      { line: 8, message: '<tu tuid="no-seg"> has no usable <tuv>, so it is skipped.' },
    ]);
  });

  it("says when a file is not TMX", async () => {
    const { units, problems } = await readAll("<xliff version='1.2'><file/></xliff>");
    expect(units).toEqual([]);
    expect(problems[0]).toEqual({ line: 1, message: "This is not a TMX file: its root element is <xliff>, not <tmx>." });
  });
});

describe("readTmx refuses hostile TMX", () => {
  const head = '<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/><body>';
  const refusal = async (tmx: string | Uint8Array, options = OPTIONS) => {
    try {
      await readAll(tmx, options);
    } catch (error) {
      if (error instanceof XmlError) return error;
      throw error;
    }
    throw new Error("accepted");
  };

  it("an entity bomb in the DOCTYPE", async () => {
    const e = await refusal(`<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${head}<tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>`);
    expect(e).toMatchObject({ code: "entity_declaration", position: { line: 1 } });
  });

  it("an external entity pointing at /etc/passwd", async () => {
    const e = await refusal(`<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>${head}<tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>`);
    expect(e.code).toBe("entity_declaration");
  });

  it("deep nesting inside a segment, and a file over the size limit", async () => {
    const deep = `${head}<tu><tuv xml:lang="en"><seg>${"<hi>".repeat(100)}x${"</hi>".repeat(100)}</seg></tuv></tu></body></tmx>`;
    expect((await refusal(deep)).code).toBe("too_deep");
    expect((await refusal(Buffer.from(`${head}</body></tmx>`), { maxBytes: 100 })).code).toBe("too_large");
  });

  it("malformed XML, with its line", async () => {
    const e = await refusal(`${head}\n<tu><tuv xml:lang="en"><seg>x</tuv></tu></body></tmx>`);
    expect(e).toMatchObject({ code: "malformed", position: { line: 2 } });
  });
});

describe("writeTmx", () => {
  const units: TmxUnit[] = [
    {
      tuid: "idlib-2020-02-28:s01",
      srcLang: "en",
      props: [{ type: "x-document", value: "idlib-2020-02-28" }],
      notes: ["Reviewed & approved <by the desk>."],
      variants: [
        { lang: "en", text: 'Turkish troops in Idlib: "a new phase" & more', creationdate: "20261126T101500Z", creationid: "system:seed" },
        { lang: "ckb", text: "سەربازانی تورکیا لە ئیدلیب", creationdate: "20261126T101600Z", creationid: "user_1", changedate: "20261126T111600Z", changeid: "user_2", props: [{ type: "x-status", value: "approved" }], notes: ["RTL"] },
        { lang: "tr", text: "İdlib'de  iki boşluk\tve sekme\r\nve satır" },
      ],
      creationdate: "20261126T101500Z",
    },
    { srcLang: "en", props: [], notes: [], variants: [{ lang: "en", text: "" }, { lang: "ru", text: "Идлиб" }] },
  ];

  it("writes TMX 1.4b that xmllint validates against tmx14.dtd, and reads back equal", async () => {
    const tmx = writeTmx(units, { srclang: "en", creationdate: "20261126T120000Z" });
    const lint = xmllint(tmx, { dtd: "tmx14.dtd" });
    expect(lint.output).toBe("");
    expect(lint.valid).toBe(true);
    const back = await readAll(Buffer.from(tmx, "utf8"));
    expect(back.problems).toEqual([]);
    expect(strip(back.units)).toEqual(units);
    expect(back.header).toMatchObject({ srclang: "en", creationtool: "Newsroom Workbench", segtype: "sentence", creationdate: "20261126T120000Z" });
  });

  it("writes piece by piece for large memories", () => {
    const pieces = [...serializeTmx(units, { srclang: "en" })];
    expect(pieces.length).toBeGreaterThanOrEqual(units.length + 3);
    expect(pieces.join("")).toBe(writeTmx(units, { srclang: "en" }));
  });

  it("converts TMX dates", () => {
    expect(toTmxDate("2026-11-26T10:15:00.000Z")).toBe("20261126T101500Z");
    expect(fromTmxDate("20261126T101500Z")).toBe("2026-11-26T10:15:00.000Z");
    expect(fromTmxDate("yesterday")).toBeUndefined();
  });
});
