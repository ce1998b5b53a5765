import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XliffError, planImport, readXliff, writeXliff, type ExportDocument, type ParsedXliff, type PlanSegment } from "@/features/exchange/xliff";
import { xmllint } from "../helpers/xmllint";

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "xliff");
const SCHEMAS = path.join(FIXTURES, "schemas");
const HASH = "5".repeat(64);

/** One unit in every status, with comments, an outdated translation and text that needs escaping. */
const DOC: ExportDocument = {
  slug: "idlib-2020-02-28",
  title: "Title",
  sourceLang: "en",
  targetLang: "ckb",
  lang: "ckb",
  exportedAt: "2026-11-25T12:00:00.000Z",
  units: [
    { key: "s01", kind: "title", source: "Russia accuses <Turkish> troops & “terrorists”", sourceHash: HASH, comments: [] },
    {
      key: "s02",
      kind: "dateline",
      source: "ERBIL, Kurdistan Region –\ttab",
      sourceHash: HASH,
      translation: { text: "هەولێر، هەرێمی کوردستان", status: "draft", version: 2, outdated: false },
      comments: [
        { id: "cmt_a", threadId: "cmt_a", author: "Ayşe Demir", body: "Check the place name\nagainst the glossary.", createdAt: "2026-11-25T10:00:00.000Z", resolved: true },
        { id: "cmt_b", threadId: "cmt_a", author: "Mehmet", body: "Done & checked <ok>", createdAt: "2026-11-25T11:00:00.000Z", resolved: false },
      ],
    },
    { key: "s03", kind: "paragraph", source: "As tensions escalate.", sourceHash: HASH, translation: { text: "لە کاتێکدا گرژییەکان زیاد دەبن.", status: "translated", version: 5, outdated: true }, comments: [] },
    { key: "s04", kind: "paragraph", source: "NATO officials will meet.", sourceHash: HASH, translation: { text: "بەرپرسانی ناتۆ کۆدەبنەوە.", status: "approved", version: 1, outdated: false }, comments: [] },
    { key: "s05", kind: "note", source: "Note.", sourceHash: HASH, translation: { text: "", status: "untranslated", version: 1, outdated: false }, comments: [] },
  ],
};

const segmentsOf = (doc: ExportDocument): PlanSegment[] =>
  doc.units.map((u) => ({ id: `seg_${u.key}`, key: u.key, source: u.source, sourceHash: u.sourceHash, ...(u.translation ? { translation: u.translation } : {}) }));

const OPTIONS = { lang: "ckb", sourceLang: "en", languages: ["en", "tr", "ru", "ar", "ckb"], canApprove: false, maxLength: 20_000 };

describe("XLIFF writer", () => {
  it("writes XLIFF 2.1 valid against the OASIS core schema, and with the workbench attributes type-checked", () => {
    const xml = writeXliff(DOC, "2.1");
    for (const xsd of [path.join(SCHEMAS, "xliff-21", "xliff_core_2.0.xsd"), path.join(SCHEMAS, "xliff-2.1-workbench.xsd")]) {
      const r = xmllint(xml, { xsd });
      expect(r.valid, r.output).toBe(true);
    }
    expect(xml).toContain('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:nw="urn:newsroom-workbench:xliff" version="2.1" srcLang="en" trgLang="ckb">');
    // untranslated: initial, no target; draft: initial with its text; translated; approved: final.
    expect(xml).toMatch(/<unit id="s01"[^>]*nw:version="0"[\s\S]*?<segment id="1" state="initial">\s*<source>Russia accuses &lt;Turkish&gt; troops &amp; “terrorists”<\/source>\s*<\/segment>/);
    expect(xml).toMatch(/<unit id="s02" name="s02" type="nw:dateline" nw:version="2"[\s\S]*?state="initial">[\s\S]*?<target>هەولێر، هەرێمی کوردستان<\/target>/);
    expect(xml).toMatch(/<unit id="s03"[^>]*nw:outdated="yes">\s*<notes>\s*<note id="outdated" category="nw:outdated" appliesTo="target"[\s\S]*?state="translated"/);
    expect(xml).toMatch(/<unit id="s04"[\s\S]*?state="final"/);
    expect(xml).toMatch(/<unit id="s05"[^>]*>\s*<segment id="1" state="initial">\s*<source>Note.<\/source>\s*<\/segment>/);
    expect(xml).toContain('<note id="cmt_b" category="comment" nw:author="Mehmet" nw:createdAt="2026-11-25T11:00:00.000Z" nw:thread="cmt_a">Done &amp; checked &lt;ok&gt;</note>');
    expect(xml).toContain('nw:resolved="yes">Check the place name\nagainst the glossary.</note>');
  });

  it("writes XLIFF 1.2 valid against the OASIS strict schema (with the workbench namespace's schema) and the transitional one", () => {
    const xml = writeXliff(DOC, "1.2");
    for (const xsd of ["xliff-1.2-strict-workbench.xsd", "xliff-1.2-transitional-workbench.xsd", "xliff-12/xliff-core-1.2-transitional.xsd"]) {
      const r = xmllint(xml, { xsd: path.join(SCHEMAS, xsd) });
      expect(r.valid, `${xsd}: ${r.output}`).toBe(true);
    }
    expect(xml).toMatch(/<trans-unit id="s01"[^>]*>\s*<source xml:lang="en">[^<]*<\/source>\s*<target xml:lang="ckb" state="new"><\/target>/);
    expect(xml).toMatch(/<trans-unit id="s02"[^>]*restype="x-dateline"[\s\S]*?state="needs-translation">هەولێر/);
    expect(xml).toMatch(/<trans-unit id="s04"[^>]*approved="yes"[\s\S]*?state="signed-off">/);
    expect(xml).toContain('<note from="Ayşe Demir" annotates="general">[resolved] Check the place name');
  });

  it("reads its own exports back unit for unit (ids, texts, states, versions, hashes, outdated flag)", () => {
    for (const version of ["2.1", "1.2"] as const) {
      const parsed = readXliff(Buffer.from(writeXliff(DOC, version)));
      expect(parsed.problems, version).toEqual([]);
      expect(parsed.producer).toBe("Newsroom Workbench");
      expect(parsed.files[0]).toMatchObject({ document: DOC.slug, lang: "ckb", targetLang: "ckb" });
      expect(parsed.units.map((u) => [u.id, u.source, u.target ?? null, u.level ?? null, u.workbench?.version, u.workbench?.sourceHash === HASH, u.workbench?.outdated ?? false])).toEqual([
        ["s01", DOC.units[0]!.source, version === "1.2" ? "" : null, version === "1.2" ? "draft" : null, 0, true, false],
        ["s02", DOC.units[1]!.source, "هەولێر، هەرێمی کوردستان", "draft", 2, true, false],
        ["s03", "As tensions escalate.", "لە کاتێکدا گرژییەکان زیاد دەبن.", "translated", 5, true, true],
        ["s04", "NATO officials will meet.", "بەرپرسانی ناتۆ کۆدەبنەوە.", "final", 1, true, false],
        ["s05", "Note.", version === "1.2" ? "" : null, version === "1.2" ? "draft" : null, 1, true, false],
      ]);
      // Re-imported untouched, nothing changes.
      const rows = planImport(parsed, segmentsOf(DOC), OPTIONS);
      expect(rows.map((r) => r.action), version).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);
      expect(rows[2]!.notes).toEqual(["still_outdated"]);
    }
  });
});

const xliff2 = (units: string, trgLang = "tr", extra = "") =>
  `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="${trgLang}"${extra}><file id="f1">${units}</file></xliff>`;
const xliff12 = (units: string, attrs = 'source-language="en" target-language="tr"') =>
  `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" datatype="plaintext" ${attrs}><body>${units}</body></file></xliff>`;

describe("XLIFF reader", () => {
  it("reduces inline codes to text: paired codes keep their text, placeholders and native code are dropped", () => {
    const p2 = readXliff(
      xliff2(`<unit id="u1"><originalData><data id="d1">&lt;b></data></originalData><segment state="translated"><source>Bold <pc id="1" dataRefStart="d1">text</pc><ph id="2"/> here<sc id="3"/>x<ec startRef="3"/></source><target>Kalın <pc id="1" dataRefStart="d1">metin</pc><ph id="2"/> burada<sc id="3"/>x<ec startRef="3"/><mrk id="m" type="term">!</mrk></target></segment></unit>`),
    );
    expect(p2.units[0]).toMatchObject({ id: "u1", source: "Bold text herex", target: "Kalın metin buradax!", level: "translated", droppedCodes: 3 });
    const p1 = readXliff(
      xliff12(
        `<trans-unit id="t1"><source>A <g id="1">bold</g> <bpt id="2">&lt;i></bpt>word<ept id="2">&lt;/i></ept><x id="3"/>.</source><target state="translated">Bir <g id="1">kalın</g> <bpt id="2">&lt;i></bpt>kelime<ept id="2">&lt;/i></ept><ph id="4">{0<sub>nested</sub>}</ph>.</target></trans-unit>`,
      ),
    );
    expect(p1.units[0]).toMatchObject({ source: "A bold word.", target: "Bir kalın kelime.", droppedCodes: 3 });
  });

  it("joins a unit's segments (and ignorables) in the order the targets give", () => {
    const p = readXliff(
      xliff2(
        `<unit id="u1"><segment id="a" state="final"><source>First.</source><target order="3">Birinci.</target></segment><ignorable><source> </source></ignorable><segment id="b" state="translated"><source>Second.</source><target order="1">İkinci.</target></segment></unit>`,
      ),
    );
    expect(p.units[0]).toMatchObject({ source: "First. Second.", target: "İkinci. Birinci.", level: "translated", state: "final+translated" });
    const partial = readXliff(xliff2(`<unit id="u1"><segment state="translated"><source>One.</source><target>Bir.</target></segment><segment><source>Two.</source></segment></unit>`));
    expect(partial.units[0]).toMatchObject({ partial: { done: 1, total: 2 } });
  });

  it("reads sdlxliff segments (<seg-source>, <mrk mtype=seg>) with Trados' confirmation levels, and notices a partly translated unit", () => {
    const sdl = `<?xml version="1.0"?><xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.doc" source-language="en-US" target-language="tr-TR" datatype="x-sdl"><body>
<trans-unit id="u1"><source>One. Two.</source><seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source><target><mrk mtype="seg" mid="1">Bir.</mrk> <mrk mtype="seg" mid="2">İki.</mrk></target><sdl:seg-defs><sdl:seg id="1" conf="ApprovedSignOff"/><sdl:seg id="2" conf="Translated"/></sdl:seg-defs></trans-unit>
<trans-unit id="u2"><source>Three. Four.</source><seg-source><mrk mtype="seg" mid="3">Three.</mrk> <mrk mtype="seg" mid="4">Four.</mrk></seg-source><target><mrk mtype="seg" mid="3">Üç.</mrk> <mrk mtype="seg" mid="4"/></target><sdl:seg-defs><sdl:seg id="3" conf="Draft"/><sdl:seg id="4"/></sdl:seg-defs></trans-unit>
</body></file></xliff>`;
    const p = readXliff(sdl);
    expect(p.producer).toBe("SDL Trados Studio (sdlxliff)");
    expect(p.units[0]).toMatchObject({ target: "Bir. İki.", level: "translated", state: "sdl:ApprovedSignOff+Translated", targetLang: "tr-TR" });
    expect(p.units[1]).toMatchObject({ target: "Üç. ", partial: { done: 1, total: 2 } });
  });

  it("maps 1.2 states, memoQ statuses and approved=\"yes\"", () => {
    const p = readXliff(
      `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2"><file original="x" datatype="plaintext" source-language="en" target-language="tr"><body>
<trans-unit id="a"><source>a</source><target state="needs-review-translation">a</target></trans-unit>
<trans-unit id="b"><source>b</source><target state="new">b</target></trans-unit>
<trans-unit id="c" approved="yes"><source>c</source><target>c</target></trans-unit>
<trans-unit id="d" mq:status="ManuallyConfirmed"><source>d</source><target>d</target></trans-unit>
<trans-unit id="e" mq:status="PartiallyEdited"><source>e</source><target>e</target></trans-unit>
<trans-unit id="f"><source>f</source><target>f</target></trans-unit>
<trans-unit id="g"><source>g</source><target state="final">g</target></trans-unit>
</body></file></xliff>`,
    );
    expect(p.units.map((u) => [u.id, u.level])).toEqual([
      ["a", "translated"],
      ["b", "draft"],
      ["c", "final"],
      ["d", "translated"],
      ["e", "draft"],
      ["f", "translated"],
      ["g", "final"],
    ]);
    expect(p.producer).toBe("memoQ");
  });

  it("refuses what it cannot read with a message naming the line", () => {
    const cases: [string, string | Uint8Array, string, RegExp][] = [
      ["not XML", "<xliff", "xml", /Line 1/],
      ["not XLIFF", `<?xml version="1.0"?>\n<tmx version="1.4"/>`, "not_xliff", /Line 2: this is not an XLIFF file: its root element is <tmx>/],
      ["wrong namespace", `<xliff xmlns="urn:example:not-xliff" version="2.1" srcLang="en"/>`, "namespace", /namespace "urn:example:not-xliff"/],
      ["2.1 without namespace", `<xliff version="2.1" srcLang="en"><file id="f"/></xliff>`, "namespace", /must be in the namespace urn:oasis:names:tc:xliff:document:2\.0/],
      ["version", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0" srcLang="en"/>`, "version", /version "3\.0"/],
      ["no srcLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"><file id="f"/></xliff>`, "structure", /no srcLang/],
      ["no file", `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"></xliff>`, "structure", /no <file>/],
      ["targets without trgLang", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en"><file id="f">\n<unit id="u"><segment><source>a</source><target>b</target></segment></unit></file></xliff>`, "structure", /^Line 2: the file has targets but/],
      ["entity", `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff/>`, "xml", /ENTITY/],
      ["deep", `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en">${"<file>".repeat(100)}`, "xml", /nested more than 64 deep/],
      ["invalid UTF-8", Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<xliff>caf'), Buffer.from([0xe9, 0x20]), Buffer.from("</xliff>")]), "xml", /not valid UTF-8.*line 2/],
    ];
    for (const [name, input, code, message] of cases) {
      let error: unknown;
      try {
        readXliff(input);
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(XliffError);
      expect((error as XliffError).code, name).toBe(code);
      expect((error as XliffError).message, name).toMatch(message);
    }
    expect(() => readXliff("x".repeat(2000), { maxBytes: 1000 })).toThrow(/larger than the limit/);
    expect(() => readXliff(Buffer.from("x".repeat(2000)), { maxBytes: 1000 })).toThrow(/larger than the limit of 1000 bytes/);
    const three = xliff2(["a", "b", "c"].map((id) => `<unit id="${id}"><segment><source>${id}</source></segment></unit>`).join(""));
    expect(() => readXliff(three, { maxUnits: 2 })).toThrow(/more than 2 units/);
    expect(() => readXliff(three, { maxElements: 10 })).toThrow(/more than 10 elements/);
  });

  it("reads texts of millions of spaces in linear time (where xml:space is not preserve, only wrapping line breaks go)", () => {
    const spaces = " ".repeat(3_000_000);
    const p = readXliff(xliff2(`<unit id="u"><segment state="translated"><source>\n   A${spaces}B \n  </source><target>${spaces}x${spaces}</target></segment></unit>`));
    expect(p.units[0]!.source).toBe(`A${spaces}B`);
    expect(p.units[0]!.target).toHaveLength(6_000_001);
  });

  it("reads every valid file of the OASIS XLIFF 2.1 core test suite without an error", () => {
    const dir = path.join(FIXTURES, "oasis", "xliff-21", "core", "valid");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".xlf"));
    expect(files).toHaveLength(25);
    for (const f of files) {
      const p = readXliff(fs.readFileSync(path.join(dir, f)));
      expect(p.problems.filter((x) => x.severity === "error"), f).toEqual([]);
    }
  });

  it("refuses or flags most files of the OASIS invalid suites, and none crashes or runs away", () => {
    const flagged: Record<string, number> = {};
    const totals: Record<string, number> = {};
    for (const suite of ["xliff-21/core", "xliff-21/modules", "xliff-22/core", "xliff-22/modules"]) {
      const dir = path.join(FIXTURES, "oasis", suite, "invalid");
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".xlf"))) {
        totals[suite] = (totals[suite] ?? 0) + 1;
        let parsed: ParsedXliff | undefined;
        try {
          parsed = readXliff(fs.readFileSync(path.join(dir, f)));
        } catch (e) {
          expect(e, `${suite}/${f}`).toBeInstanceOf(XliffError);
          flagged[suite] = (flagged[suite] ?? 0) + 1;
          continue;
        }
        if (parsed.problems.some((p) => p.severity === "error") || parsed.units.some((u) => u.invalid)) flagged[suite] = (flagged[suite] ?? 0) + 1;
      }
    }
    expect(totals).toEqual({ "xliff-21/core": 119, "xliff-21/modules": 43, "xliff-22/core": 119, "xliff-22/modules": 43 });
    // What is left are processing rules of the modules and of code attributes (canCopy, canReorder, fragment ids…) that the import does not depend on.
    expect(flagged).toEqual({ "xliff-21/core": 86, "xliff-21/modules": 1, "xliff-22/core": 86, "xliff-22/modules": 1 });
  });
});

describe("XLIFF import plan", () => {
  const seg = (key: string, source: string, translation?: PlanSegment["translation"]): PlanSegment => ({ id: `seg_${key}`, key, source, sourceHash: HASH, ...(translation ? { translation } : {}) });
  const unit = (id: string, source: string, target: string | null, state = "translated", version?: number) =>
    `<unit id="${id}"${version === undefined ? "" : ` nw:version="${version}"`}><segment state="${state}"><source>${source}</source>${target === null ? "" : `<target>${target}</target>`}</segment></unit>`;
  const plan = (units: string, segments: PlanSegment[], options: Partial<typeof OPTIONS> = {}, trgLang = "ckb") =>
    planImport(readXliff(xliff2(units, trgLang, ' xmlns:nw="urn:newsroom-workbench:xliff"')), segments, { ...OPTIONS, ...options });

  it("updates, keeps, and refuses units as the rules say", () => {
    const segments = [
      seg("a", "A.", { text: "ئا.", status: "translated", version: 3, outdated: false }),
      seg("b", "B.", { text: "بێ.", status: "translated", version: 3, outdated: false }),
      seg("c", "C.", { text: "سی.", status: "approved", version: 2, outdated: false }),
      seg("d", "D.", { text: "دی.", status: "translated", version: 1, outdated: false }),
      seg("e", "E."),
      seg("f", "F.", { text: "ئێف.", status: "translated", version: 1, outdated: false }),
      seg("g", "G.", { text: "جی.", status: "approved", version: 4, outdated: false }),
      seg("h", "H.", { text: "ئێچ.", status: "draft", version: 2, outdated: false }),
      seg("i", "I.", { text: "ئای.", status: "translated", version: 2, outdated: false }),
    ];
    const rows = plan(
      [
        unit("a", "A.", "ئا!", "translated", 3), // new text on the exported version: update
        unit("b", "B.", "بێ!", "translated", 2), // the workbench moved on: conflict
        unit("c", "C.", "سی.", "final", 2), // same text, final on approved: unchanged (a translator cannot approve, but it is approved)
        unit("d", "D changed.", "دی!", "translated", 1), // the source is not the current one
        unit("e", "E.", "ئی.", "initial"), // from another tool, no translation yet: update as a draft
        unit("f", "F.", "ئێف!", "translated"), // from another tool, over an existing translation: conflict
        unit("g", "G.", "جی.", "translated", 4), // a lower state with the same text: status kept
        unit("h", "H.", "ئێچ.", "translated", 2), // the same text confirmed: a status-only update
        unit("i", "I.", "ئای!", "final", 2), // final by a translator: translated
        unit("zz", "Z.", "زێد."), // no such segment
      ].join(""),
      segments,
    );
    expect(rows.map((r) => [r.unit, r.action, r.reason ?? null, r.next?.status ?? null, r.notes])).toEqual([
      ["a", "update", null, "translated", []],
      ["b", "conflict", "changed_since_export", "translated", []],
      ["c", "unchanged", null, "approved", []],
      ["d", "skipped", "source_changed", null, []],
      ["e", "update", null, "draft", []],
      ["f", "conflict", "no_version", "translated", []],
      ["g", "unchanged", null, "approved", ["status_kept"]],
      ["h", "update", null, "translated", []],
      ["i", "update", null, "translated", ["approval_needs_reviewer"]],
      ["zz", "unmatched", null, null, []],
    ]);
    expect(rows[1]!.message).toBe("The workbench translation is now version 3; the file was exported from version 2.");
    // A reviewer's final approves.
    const approved = plan(unit("i", "I.", "ئای!", "final", 2), segments, { canApprove: true });
    expect(approved[0]).toMatchObject({ action: "update", next: { status: "approved" }, notes: [] });
  });

  it("skips with a reason: language, no or empty target over a translation, partial, not translatable, invalid, duplicate, too long", () => {
    const segments = [seg("a", "A.", { text: "ئا.", status: "translated", version: 1, outdated: false }), seg("b", "B.")];
    expect(plan(unit("a", "A.", "A!", "translated", 1), segments, {}, "tr")[0]).toMatchObject({ action: "skipped", reason: "target_language" });
    const rows = plan(
      [
        unit("a", "A.", null, "initial", 1),
        `<unit id="b" translate="no"><segment><source>B.</source><target>بی</target></segment></unit>`,
        `<unit id="a"><segment><source>A.</source><target>x</target></segment></unit>`,
        `<unit id="c"><segment><source>C.</source><target>x</target><target>y</target></segment></unit>`,
      ].join(""),
      [...segments, seg("c", "C.")],
    );
    expect(rows.map((r) => [r.unit, r.action, r.reason])).toEqual([
      ["a", "skipped", "no_target"],
      ["b", "skipped", "not_translatable"],
      ["a", "skipped", "duplicate"],
      ["c", "skipped", "invalid"],
    ]);
    expect(rows[3]!.message).toBe("A <segment> has 2 <target> elements (it may have one).");
    expect(plan(unit("a", "A.", "", "translated", 1), segments)[0]).toMatchObject({ action: "skipped", reason: "empty_target" });
    expect(plan(unit("b", "B.", "بی", "translated"), segments, { maxLength: 1 })[0]).toMatchObject({ action: "skipped", reason: "too_long" });
    const partial = plan(`<unit id="a" nw:version="1"><segment state="translated"><source>A.</source><target>x</target></segment><segment><source> More.</source></segment></unit>`, [seg("a", "A. More.", { text: "ئا.", status: "translated", version: 1, outdated: false })]);
    expect(partial[0]).toMatchObject({ action: "skipped", reason: "partial", message: "Only 1 of the unit's 2 segments are translated." });
  });

  it("compares sources ignoring whitespace runs and Unicode normalization", () => {
    const rows = plan(unit("a", "  Cafe\u0301   au lait. ", "ق", "translated", 0), [seg("a", "Café au lait.")]);
    expect(rows[0]).toMatchObject({ action: "update", next: { text: "ق", status: "translated" } });
  });
});
