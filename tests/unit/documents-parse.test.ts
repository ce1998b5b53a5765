import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DocumentInputError, LIMITS } from "@/features/documents/blocks";
import { parseText } from "@/features/documents/parse-text";
import { parseMarkdown } from "@/features/documents/parse-markdown";
import { parseHtml } from "@/features/documents/parse-html";
import { checkDocx, parseDocx, readZipDirectory } from "@/features/documents/docx";

const FIXTURE = path.join(process.cwd(), "tests/fixtures/seed/idlib-2020-02-28.en.txt");
const SEED = path.join(process.cwd(), "content/stories/idlib-2020-02-28/en.json");

describe("plain text", () => {
  it("reproduces the seeded segmentation of the newsroom's own text file (one paragraph per line)", () => {
    const blocks = parseText(fs.readFileSync(FIXTURE, "utf8"));
    const seed = (JSON.parse(fs.readFileSync(SEED, "utf8")) as { segments: { kind: string; text: string }[] }).segments;
    expect(blocks).toEqual(seed.map((s) => ({ kind: s.kind, text: s.text })));
    expect(blocks[0]!.kind).toBe("title");
    expect(blocks[1]!.kind).toBe("dateline");
    expect(blocks.find((b) => b.text === "NATO meets")?.kind).toBe("heading");
    expect(blocks.at(-1)).toEqual({ kind: "note", text: "Last updated at 7.28 PM" });
  });

  it("separates paragraphs at blank lines and joins hard-wrapped lines", () => {
    const text = "\uFEFFCouncil meets in Erbil\r\n\r\nThe council met on Friday\r\nto discuss the budget.\r\n\r\n\r\nTwo ships   left the port.\r\n";
    expect(parseText(text)).toEqual([
      { kind: "title", text: "Council meets in Erbil" },
      { kind: "paragraph", text: "The council met on Friday to discuss the budget." },
      { kind: "paragraph", text: "Two ships left the port." },
    ]);
  });

  it("does not take a first line with final punctuation, or a long one, for a title", () => {
    expect(parseText("The council met.\n\nIt agreed.")[0]!.kind).toBe("paragraph");
    expect(parseText(`${"word ".repeat(40)}\n\nIt agreed.`)[0]!.kind).toBe("paragraph");
    expect(parseText("“Why now?”\n\nIt agreed.")[0]!.kind).toBe("paragraph");
  });

  it("drops control characters and refuses a text without words", () => {
    expect(parseText("A\u0007B met.")).toEqual([{ kind: "paragraph", text: "AB met." }]);
    expect(() => parseText(" \n\n \t ")).toThrow(DocumentInputError);
  });
});

describe("markdown", () => {
  const md = [
    "# Russia accuses *Turkish* troops",
    "",
    "ERBIL, Kurdistan Region – Turkish troops were **embedded** with [HTS](https://example.org) jihadists, Russia’s ministry said.",
    "",
    "## NATO meets",
    "",
    "NATO officials will meet later on Friday &amp; discuss `Article 4`.",
    "A soft break joins the line.",
    "",
    "- First item",
    "- Second item ![chart](chart.png)",
    "",
    "> A quoted",
    "> statement.",
    "",
    "<script>alert('x')</script>",
    "",
    "Text with <b>inline html</b> tags.",
    "",
    "**A bold line**",
  ].join("\n");

  it("turns headings, paragraphs, list items and quotes into blocks of plain text", () => {
    expect(parseMarkdown(md)).toEqual([
      { kind: "title", text: "Russia accuses Turkish troops" },
      { kind: "dateline", text: "ERBIL, Kurdistan Region – Turkish troops were embedded with HTS jihadists, Russia’s ministry said." },
      { kind: "heading", text: "NATO meets" },
      { kind: "paragraph", text: "NATO officials will meet later on Friday & discuss Article 4. A soft break joins the line." },
      { kind: "paragraph", text: "First item" },
      { kind: "paragraph", text: "Second item" },
      { kind: "paragraph", text: "A quoted statement." },
      { kind: "paragraph", text: "Text with inline html tags." },
      { kind: "heading", text: "A bold line" },
    ]);
  });

  it("only takes a first-level heading at the top for the title", () => {
    expect(parseMarkdown("## Section\n\nText.")[0]).toEqual({ kind: "heading", text: "Section" });
    expect(parseMarkdown("Intro.\n\n# Late title")[1]).toEqual({ kind: "heading", text: "Late title" });
  });
});

describe("html", () => {
  it("keeps the text of h1–h6, p, li and blockquote, decodes entities, and drops scripts, styles and images", () => {
    const html = `<!doctype html><html><head><title>Ignored</title><style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
      <body><h1>Idlib &amp; Ankara</h1>
      <p>ERBIL, Kurdistan Region &ndash; Troops &ldquo;were&rdquo; <em>embedded</em>,<br>officials said.</p>
      <img src="x" onerror="alert(1)"><script>alert("x")</script><noscript><p>Enable scripts</p></noscript>
      <h3>NATO <span>meets</span></h3>
      <ul><li>First</li><li><p>Second</p></li></ul>
      <blockquote>Quoted &lt;b&gt;text&lt;/b&gt;</blockquote>
      <div>Loose text<p>Inner</p>tail</div>
      <svg><text>svg text</text></svg>
      <p><strong>Bold heading</strong></p></body></html>`;
    expect(parseHtml(html)).toEqual([
      { kind: "title", text: "Idlib & Ankara" },
      { kind: "dateline", text: "ERBIL, Kurdistan Region – Troops “were” embedded, officials said." },
      { kind: "heading", text: "NATO meets" },
      { kind: "paragraph", text: "First" },
      { kind: "paragraph", text: "Second" },
      // An escaped tag is text, never markup: it reaches the segment as the characters "<b>".
      { kind: "paragraph", text: "Quoted <b>text</b>" },
      { kind: "paragraph", text: "Loose text" },
      { kind: "paragraph", text: "Inner" },
      { kind: "paragraph", text: "tail" },
      { kind: "heading", text: "Bold heading" },
    ]);
  });

  it("refuses a page with scripts only", () => {
    expect(() => parseHtml("<script>alert(1)</script><style>x{}</style>")).toThrow(/no text/);
  });
});

/** A minimal but complete .docx (the parts Word writes that mammoth reads), built in memory. */
async function makeDocx(paragraphs: { style?: string; text: string; bold?: boolean }[], extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  zip.file(
    "word/_rels/document.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    "word/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>`,
  );
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paragraphs
    .map((p) => `<w:p>${p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>` : ""}<w:r>${p.bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${esc(p.text)}</w:t></w:r></w:p>`)
    .join("");
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

describe("docx", () => {
  it("reads a Word document through mammoth and the HTML path: Title style, headings, bold lines, paragraphs", async () => {
    const bytes = await makeDocx([
      { style: "Title", text: "Council meets in Erbil" },
      { text: "ERBIL, Kurdistan Region – The council met on Friday & agreed on <nothing>." },
      { style: "Heading2", text: "Budget" },
      { text: "Talks went on", bold: true },
      { text: "Officials declined to comment." },
    ]);
    expect(await parseDocx(bytes)).toEqual([
      { kind: "title", text: "Council meets in Erbil" },
      { kind: "dateline", text: "ERBIL, Kurdistan Region – The council met on Friday & agreed on <nothing>." },
      { kind: "heading", text: "Budget" },
      { kind: "heading", text: "Talks went on" },
      { kind: "paragraph", text: "Officials declined to comment." },
    ]);
  });

  it("lists the package's files from the ZIP directory", async () => {
    const names = readZipDirectory(await makeDocx([{ text: "x" }])).map((e) => e.name);
    expect(names).toContain("word/document.xml");
  });

  it("refuses what is not a .docx, clearly", async () => {
    await expect(parseDocx(new TextEncoder().encode("Just some text, renamed to .docx"))).rejects.toThrow(/not a \.docx document/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
    await expect(parseDocx(ole)).rejects.toThrow(/old Word \.doc or an encrypted document/);
    const zipOnly = new JSZip();
    zipOnly.file("hello.txt", "hi");
    await expect(parseDocx(await zipOnly.generateAsync({ type: "uint8array" }))).rejects.toThrow(/not a Word document/);
    const truncated = (await makeDocx([{ text: "x" }])).subarray(0, 200);
    await expect(parseDocx(truncated)).rejects.toThrow(DocumentInputError);
  });

  it("refuses macro-enabled documents", async () => {
    const bytes = await makeDocx([{ text: "Hello." }], { "word/vbaProject.bin": "binary macro code" });
    expect(() => checkDocx(bytes)).toThrow(/Macro-enabled documents are refused/);
  });

  it("refuses oversized packages and zip bombs before inflating them", async () => {
    const big = new Uint8Array(LIMITS.maxDocxBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(() => checkDocx(big)).toThrow(/larger than/);
    // 40 MB of one letter compresses to a few tens of kilobytes: refused from the directory alone.
    const bomb = await makeDocx([{ text: "x" }], { "word/media/filler.xml": "a".repeat(40 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(LIMITS.maxDocxBytes);
    expect(() => checkDocx(bomb)).toThrow(/implausibly compressed/);
  });
});

describe("the parsing job's caps", () => {
  it("refuses a source with more segments than a story may have inside the job (413), so the segments never travel back to the request thread", async () => {
    const { parseSourceJob } = await import("@/features/documents/parse-source");
    const sentences = Array.from({ length: LIMITS.maxSegments + 1 }, (_, i) => `No. ${i} was seen.`).join(" ");
    const error = await parseSourceJob({ format: "txt", input: sentences, sentences: true, lang: "en" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", code: "payload_too_large" });
    expect((error as Error).message).toContain(`at most ${LIMITS.maxSegments}`);
    const fits = await parseSourceJob({ format: "txt", input: sentences, sentences: false, lang: "en" });
    expect(fits.segments).toHaveLength(1);
  });
});
