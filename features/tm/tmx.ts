/**
 * TMX 1.4b reading and writing for the translation memory. The reader streams
 * over the safe XML layer (lib/xml): one translation unit at a time, progress
 * by bytes read, every problem with its line. Inline markup is reduced to the
 * segment's text: <hi> keeps its text; <bpt>, <ept>, <it>, <ph> and <ut> hold
 * native codes (and <sub> inside them a separate flow), which are dropped.
 * The writer produces TMX 1.4b valid against tmx14.dtd. Pure, no I/O.
 */
import { XmlStreamParser, escapeXmlAttribute, escapeXmlText, xmlElement, type XmlSource, type XmlStartTag } from "@/lib/xml";

export interface TmxProp {
  readonly type: string;
  readonly value: string;
  readonly lang?: string;
}

export interface TmxVariant {
  /** The variant's language as the file writes it (`xml:lang`, or the deprecated `lang`). */
  readonly lang: string;
  readonly text: string;
  readonly creationdate?: string;
  readonly creationid?: string;
  readonly changedate?: string;
  readonly changeid?: string;
  readonly props?: readonly TmxProp[];
  readonly notes?: readonly string[];
}

export interface TmxUnit {
  readonly tuid?: string;
  /** The unit's source language: its `srclang`, else the header's. */
  readonly srcLang: string;
  readonly props: readonly TmxProp[];
  readonly notes: readonly string[];
  readonly variants: readonly TmxVariant[];
  readonly creationdate?: string;
  readonly creationid?: string;
  readonly changedate?: string;
  readonly changeid?: string;
  /** Line of the <tu> start tag. */
  readonly line?: number;
}

export interface TmxHeader {
  readonly creationtool: string;
  readonly creationtoolversion: string;
  readonly segtype: "block" | "paragraph" | "sentence" | "phrase";
  readonly oTmf: string;
  readonly adminlang: string;
  readonly srclang: string;
  readonly datatype: string;
  readonly creationdate?: string;
  readonly creationid?: string;
  readonly props?: readonly TmxProp[];
  readonly notes?: readonly string[];
}

export interface TmxProblem {
  readonly line?: number;
  readonly message: string;
}

export interface TmxReadOptions {
  /** Refuse files larger than this many bytes. */
  readonly maxBytes: number;
  readonly maxDepth?: number;
  /** Called as the file is read, with the bytes read so far and the total when known. */
  readonly onProgress?: (bytesRead: number, totalBytes?: number) => void;
  /** Called for each problem as it is found (they are also kept in `problems`). */
  readonly onProblem?: (problem: TmxProblem) => void;
}

const CODE_ELEMENTS = new Set(["bpt", "ept", "it", "ph", "ut"]);
const CHUNK = 64 * 1024;

async function* chunksOf(source: XmlSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string") yield source;
  else if (source instanceof Uint8Array) for (let i = 0; i < source.length; i += CHUNK) yield source.subarray(i, i + CHUNK);
  else if (Symbol.asyncIterator in source) yield* source;
  else yield* source;
}

/**
 * A TMX file being read: iterate it for its units (problems found so far are
 * in `problems`, the header in `header` once read). A file that is not XML,
 * or not safe to read, throws XmlError from the iteration.
 */
export class TmxReader implements AsyncIterable<TmxUnit> {
  readonly problems: TmxProblem[] = [];
  header: Partial<TmxHeader> | undefined;
  private started = false;

  constructor(
    private readonly source: XmlSource,
    private readonly options: TmxReadOptions,
  ) {}

  private problem(line: number | undefined, message: string): void {
    const p = { line, message };
    this.problems.push(p);
    this.options.onProblem?.(p);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<TmxUnit> {
    if (this.started) throw new Error("A TmxReader is read once.");
    this.started = true;
    const ready: TmxUnit[] = [];
    const total = this.source instanceof Uint8Array ? this.source.length : undefined;

    // State of the walk.
    const path: string[] = [];
    let isTmx = true;
    let header: { attrs: Record<string, string>; props: TmxProp[]; notes: string[] } | undefined;
    let tu: { tag: XmlStartTag; props: TmxProp[]; notes: string[]; variants: TmxVariant[] } | undefined;
    let tuv: { tag: XmlStartTag; props: TmxProp[]; notes: string[]; text: string | undefined } | undefined;
    let collecting: { kind: "prop" | "note"; tag: XmlStartTag; text: string } | undefined;
    let seg: string | undefined;
    let codeDepth = 0;

    const parser = new XmlStreamParser(
      {
        openElement: (tag) => {
          const parent = path[path.length - 1];
          path.push(tag.local);
          if (!isTmx) return;
          if (tag.depth === 1) {
            if (tag.local !== "tmx") {
              isTmx = false;
              this.problem(tag.line, `This is not a TMX file: its root element is <${tag.name}>, not <tmx>.`);
            } else if (tag.attributes.version && !/^1\.[1-4]/.test(tag.attributes.version)) {
              this.problem(tag.line, `TMX version ${tag.attributes.version} is not supported (1.1 to 1.4b are).`);
            }
            return;
          }
          if (seg !== undefined) {
            if (CODE_ELEMENTS.has(tag.local) || codeDepth > 0) codeDepth++;
            return;
          }
          switch (tag.local) {
            case "header":
              if (parent === "tmx") header = { attrs: { ...tag.attributes }, props: [], notes: [] };
              return;
            case "tu":
              if (parent === "body") tu = { tag, props: [], notes: [], variants: [] };
              return;
            case "tuv":
              if (tu && parent === "tu") tuv = { tag, props: [], notes: [], text: undefined };
              return;
            case "seg":
              if (tuv && parent === "tuv") seg = "";
              return;
            case "prop":
            case "note":
              if (parent === "header" || parent === "tu" || parent === "tuv") collecting = { kind: tag.local, tag, text: "" };
              return;
          }
        },
        text: (text) => {
          if (seg !== undefined) {
            if (codeDepth === 0) seg += text;
          } else if (collecting) collecting.text += text;
        },
        closeElement: (tag) => {
          path.pop();
          if (!isTmx) return;
          if (seg !== undefined) {
            if (codeDepth > 0) {
              codeDepth--;
              return;
            }
            if (tag.local !== "seg") return;
            if (tuv) tuv.text = seg;
            seg = undefined;
            return;
          }
          switch (tag.local) {
            case "prop":
            case "note": {
              if (!collecting || collecting.tag !== tag) return;
              const c = collecting;
              collecting = undefined;
              const parent = path[path.length - 1];
              const target = parent === "tuv" ? tuv : parent === "tu" ? tu : header;
              if (!target) return;
              if (c.kind === "note") target.notes.push(c.text);
              else {
                const type = tag.attributes.type;
                if (!type) this.problem(tag.line, "<prop> has no type attribute.");
                else target.props.push({ type, value: c.text, ...(tag.attributes["xml:lang"] ? { lang: tag.attributes["xml:lang"] } : {}) });
              }
              return;
            }
            case "header":
              if (header) {
                this.header = headerFrom(header.attrs, header.props, header.notes);
                for (const a of ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"]) {
                  if (!header.attrs[a]) this.problem(tag.line, `The <header> has no ${a} attribute.`);
                }
              }
              return;
            case "tuv": {
              if (!tuv || !tu) return;
              const v = tuv;
              tuv = undefined;
              const lang = v.tag.attributes["xml:lang"] ?? v.tag.attributes.lang;
              if (!lang) this.problem(v.tag.line, "<tuv> has no xml:lang: its language is unknown, so it is skipped.");
              else if (v.text === undefined) this.problem(v.tag.line, `<tuv xml:lang="${lang}"> has no <seg>, so it is skipped.`);
              else {
                const a = v.tag.attributes;
                tu.variants.push({
                  lang,
                  text: v.text,
                  ...pick(a, ["creationdate", "creationid", "changedate", "changeid"]),
                  ...(v.props.length ? { props: v.props } : {}),
                  ...(v.notes.length ? { notes: v.notes } : {}),
                });
              }
              return;
            }
            case "tu": {
              if (!tu) return;
              const u = tu;
              tu = undefined;
              if (u.variants.length === 0) {
                this.problem(u.tag.line, `<tu${u.tag.attributes.tuid ? ` tuid="${u.tag.attributes.tuid}"` : ""}> has no usable <tuv>, so it is skipped.`);
                return;
              }
              const a = u.tag.attributes;
              ready.push({
                ...(a.tuid !== undefined ? { tuid: a.tuid } : {}),
                srcLang: a.srclang ?? header?.attrs.srclang ?? "",
                props: u.props,
                notes: u.notes,
                variants: u.variants,
                ...pick(a, ["creationdate", "creationid", "changedate", "changeid"]),
                line: u.tag.line,
              });
              return;
            }
          }
        },
      },
      { maxBytes: this.options.maxBytes, maxDepth: this.options.maxDepth, onProgress: (n) => this.options.onProgress?.(n, total) },
    );

    for await (const chunk of chunksOf(this.source)) {
      parser.write(chunk);
      while (ready.length) yield ready.shift()!;
    }
    parser.close();
    while (ready.length) yield ready.shift()!;
    if (isTmx && !this.header) this.problem(undefined, "The file has no <header>.");
  }
}

function pick(a: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k]!;
  return out;
}

function headerFrom(a: Record<string, string>, props: TmxProp[], notes: string[]): Partial<TmxHeader> {
  return {
    creationtool: a.creationtool,
    creationtoolversion: a.creationtoolversion,
    segtype: a.segtype as TmxHeader["segtype"],
    oTmf: a["o-tmf"],
    adminlang: a.adminlang,
    srclang: a.srclang,
    datatype: a.datatype,
    ...pick(a, ["creationdate", "creationid"]),
    ...(props.length ? { props } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** Reads a TMX file unit by unit; see TmxReader. */
export function readTmx(source: XmlSource, options: TmxReadOptions): TmxReader {
  return new TmxReader(source, options);
}

/** A TMX date (YYYYMMDDThhmmssZ) from an ISO 8601 timestamp. */
export function toTmxDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** An ISO 8601 timestamp from a TMX date, or undefined. */
export function fromTmxDate(tmx: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}

const DEFAULT_HEADER: Omit<TmxHeader, "srclang"> = {
  creationtool: "Newsroom Workbench",
  creationtoolversion: "1",
  segtype: "sentence",
  oTmf: "newsroom-workbench",
  adminlang: "en",
  datatype: "plaintext",
};

function attrs(a: Record<string, string | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v!)}"`)
    .join("");
}

function propLines(props: readonly TmxProp[] | undefined, notes: readonly string[] | undefined, pad: string): string[] {
  return [...(notes ?? []).map((n) => `${pad}${xmlElement("note", {}, n)}`), ...(props ?? []).map((p) => `${pad}${xmlElement("prop", { type: p.type, "xml:lang": p.lang }, p.value)}`)];
}

/** Writes TMX 1.4b piece by piece (for large memories); join the pieces for the whole file. */
export function* serializeTmx(units: Iterable<TmxUnit>, header: Partial<TmxHeader> & { srclang: string }): Generator<string> {
  const h = { ...DEFAULT_HEADER, ...header };
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n';
  const open = `  <header${attrs({
    creationtool: h.creationtool,
    creationtoolversion: h.creationtoolversion,
    segtype: h.segtype,
    "o-tmf": h.oTmf,
    adminlang: h.adminlang,
    srclang: h.srclang,
    datatype: h.datatype,
    creationdate: h.creationdate,
    creationid: h.creationid,
  })}`;
  const inner = propLines(h.props, h.notes, "    ");
  yield inner.length ? `${open}>\n${inner.join("\n")}\n  </header>\n` : `${open}/>\n`;
  yield "  <body>\n";
  for (const u of units) {
    const lines = [`    <tu${attrs({ tuid: u.tuid, srclang: u.srcLang || undefined, creationdate: u.creationdate, creationid: u.creationid, changedate: u.changedate, changeid: u.changeid })}>`];
    lines.push(...propLines(u.props, u.notes, "      "));
    for (const v of u.variants) {
      lines.push(`      <tuv${attrs({ "xml:lang": v.lang, creationdate: v.creationdate, creationid: v.creationid, changedate: v.changedate, changeid: v.changeid })}>`);
      lines.push(...propLines(v.props, v.notes, "        "));
      lines.push(`        <seg>${escapeXmlText(v.text)}</seg>`, "      </tuv>");
    }
    lines.push("    </tu>\n");
    yield lines.join("\n");
  }
  yield "  </body>\n</tmx>\n";
}

/** Writes a whole TMX 1.4b file. */
export function writeTmx(units: Iterable<TmxUnit>, header: Partial<TmxHeader> & { srclang: string }): string {
  return [...serializeTmx(units, header)].join("");
}
