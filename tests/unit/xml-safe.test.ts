import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XmlError, parseXml, parseXmlTree, textContent, type XmlErrorCode } from "@/lib/xml";

const LIMITS = { maxBytes: 1_000_000 };
const FIXTURES = path.join(process.cwd(), "tests", "fixtures");

/** The XmlError a document is refused with. */
function refusal(input: string | Uint8Array, limits = LIMITS): XmlError {
  try {
    parseXmlTree(input, limits);
  } catch (error) {
    if (error instanceof XmlError) return error;
    throw error;
  }
  throw new Error("the document was accepted");
}

function expectRefused(input: string | Uint8Array, code: XmlErrorCode, message: RegExp, line?: number) {
  const e = refusal(input);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  if (line !== undefined) expect(e.line).toBe(line);
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("lib/xml refuses hostile XML with a clear message", () => {
  it("billion laughs: entity declarations are refused before anything is expanded", () => {
    const lol = ["<!ENTITY lol \"lol\">", ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`)].join("\n ");
    expectRefused(`<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${lol}\n]>\n<lolz>&lol9;</lolz>`, "entity_declaration", /Line 13: the DOCTYPE declares entities/);
  });

  it("an external SYSTEM entity pointing at /etc/passwd is refused, and nothing of the file appears", () => {
    const e = refusal(`<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r>&xxe;</r>`);
    expect(e.code).toBe("entity_declaration");
    expect(e.message).not.toMatch(/root:/);
  });

  it("parameter entities (declared, or referenced from an external DTD) are refused", () => {
    expectRefused(`<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]><r/>`, "entity_declaration", /declares entities/);
    expectRefused(`<!DOCTYPE r SYSTEM "local.dtd" [ %ext; ]><r/>`, "entity_declaration", /parameter entities/);
  });

  it("references to undefined entities are refused with line and column; an external DTD is never read", () => {
    expectRefused(`<!DOCTYPE r SYSTEM "/etc/passwd">\n<r>a &nbsp; b</r>`, "undefined_entity", /Line 2, column \d+: the entity &nbsp; is not defined/, 2);
    expectRefused(`<r a="&ext;"/>`, "undefined_entity", /&ext;/);
  });

  it("nesting deeper than the limit is refused; the limit is the caller's", () => {
    const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
    expectRefused(deep(65), "too_deep", /nested more than 64 deep/);
    expect(() => parseXmlTree(deep(64), LIMITS)).not.toThrow();
    expect(refusal(deep(11), { maxBytes: 1000, maxDepth: 10 } as typeof LIMITS).code).toBe("too_deep");
    // A very deep document fails fast instead of exhausting the stack.
    expect(refusal(deep(200_000), { maxBytes: 10_000_000 }).code).toBe("too_deep");
  });

  it("input larger than the byte limit is refused, also when streamed", async () => {
    expect(refusal(`<a>${"x".repeat(2000)}</a>`, { maxBytes: 1000 }).code).toBe("too_large");
    async function* chunks() {
      for (let i = 0; i < 100; i++) yield Buffer.from(i === 0 ? "<a>" : "x".repeat(100));
    }
    await expect(parseXml(chunks(), {}, { maxBytes: 5000 })).rejects.toMatchObject({ code: "too_large" });
  });

  it("malformed XML is refused with line:column", () => {
    expectRefused("<a>\n  <b></a>", "malformed", /Line 2, column \d+: the XML is not well-formed/, 2);
    expectRefused("<a>", "malformed", /not well-formed/);
    expectRefused("", "malformed", /not well-formed/);
    expectRefused("<a/><b/>", "malformed", /not well-formed/);
  });
});

describe("lib/xml decodes bytes by the byte order mark or the XML declaration", () => {
  it("reads the windows-1254 Okapi termbase as Turkish", () => {
    const root = parseXmlTree(fs.readFileSync(path.join(FIXTURES, "okapi/tbx/test02_win1254.tbx")), LIMITS);
    expect(textContent(root)).toContain("tr term with: éá and İı");
  });

  it("reads UTF-16 with a byte order mark, and a UTF-8 byte order mark", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a>Soçi İdlib ئیدلیب</a>', "utf16le")]);
    expect(textContent(parseXmlTree(utf16, LIMITS))).toBe("Soçi İdlib ئیدلیب");
    expect(textContent(parseXmlTree(bytes([0xef, 0xbb, 0xbf], "<a>Идлиб</a>"), LIMITS))).toBe("Идлиб");
  });

  it("refuses invalid UTF-8 naming the byte offset and line", () => {
    const e = refusal(bytes("<a>\nok é\n", [0xc3, 0x28], "</a>"));
    expect(e.code).toBe("encoding");
    expect(e.message).toMatch(/not valid UTF-8: the byte 0xC3 at byte offset 10 \(line 3\)/);
    expect(e.position).toMatchObject({ offset: 10, line: 3 });
    expect(refusal(bytes("<a>ok</a>", [0xe2, 0x82])).message).toMatch(/ends in the middle of a character/);
  });

  it("refuses a wrong declared encoding: windows-1254 bytes declared as UTF-8", () => {
    const win = fs.readFileSync(path.join(FIXTURES, "okapi/tbx/test02_win1254.tbx"));
    const lying = Buffer.from(win.toString("latin1").replace('encoding="windows-1254"', 'encoding="UTF-8"'), "latin1");
    const e = refusal(lying);
    expect(e.code).toBe("encoding");
    expect(e.message).toMatch(/not valid UTF-8: the byte 0xE9 at byte offset \d+ \(line 18\)/);
  });

  it("refuses unknown, unsupported and contradictory encodings", () => {
    expectRefused(Buffer.from('<?xml version="1.0" encoding="klingon"?><a/>'), "encoding", /"klingon", which is not supported/);
    expectRefused(Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>'), "encoding", /not supported/);
    expectRefused(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a/>'), "encoding", /no UTF-16 byte order mark/);
    expectRefused(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="windows-1252"?><a/>'), "encoding", /byte order mark but its XML declaration says "windows-1252"/);
    expectRefused(bytes([0xff, 0xfe, 0x00, 0x00], "<"), "encoding", /UTF-32/);
  });

  it("decodes the same whatever the chunk boundaries (multi-byte characters split across chunks)", async () => {
    const doc = Buffer.from("<a>پارێزگای ئیدلیب — İdlib — Идлиб 🙂</a>");
    for (const size of [1, 2, 3, 5]) {
      let text = "";
      async function* chunks() {
        for (let i = 0; i < doc.length; i += size) yield doc.subarray(i, i + size);
      }
      await parseXml(chunks(), { text: (t) => void (text += t) }, LIMITS);
      expect(text).toBe("پارێزگای ئیدلیب — İdlib — Идлиб 🙂");
    }
  });
});

describe("lib/xml elements", () => {
  it("gives namespaces, attributes and 1-based line numbers", () => {
    const root = parseXmlTree('<?xml version="1.0"?>\n<t xmlns="urn:x" xmlns:m="urn:m" xml:lang="en">\n  <m:pos a="1">noun</m:pos>\n</t>', LIMITS);
    expect(root).toMatchObject({ local: "t", uri: "urn:x", line: 2, attributes: { "xml:lang": "en" } });
    const pos = root.children.find((c) => typeof c !== "string");
    expect(pos).toMatchObject({ name: "m:pos", local: "pos", uri: "urn:m", line: 3, attributes: { a: "1" } });
  });
});
