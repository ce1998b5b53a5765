/**
 * Reads XLIFF through the project's safe XML layer (lib/xml: no external
 * entities, no entity expansion, byte and depth limits, strict decoding):
 * XLIFF 2.0/2.1/2.2, XLIFF 1.2, XLIFF 1.1 and 1.0 (with or without a
 * namespace, as Passolo and older tools write them), and Trados `.sdlxliff`
 * (1.2 with `<seg-source>` and `<mrk mtype="seg">` segmentation and
 * `sdl:seg-defs` confirmation levels). Every problem carries its line.
 *
 * A unit's text is its segments' text joined in order (XLIFF 2 `<ignorable>`s
 * included; a target's `order` attribute is honoured). Inline codes are reduced
 * to text the way the workbench stores text, plain:
 *
 * - kept with their content: 1.x `<g>`, `<mrk>` (the target text of `<mrk
 *   mtype="seg">` segments is what an sdlxliff target holds); 2.x `<pc>`, `<mrk>`;
 * - dropped, content and all (it is native code, not text): 1.x `<x/>`, `<bx/>`,
 *   `<ex/>`, `<bpt>`, `<ept>`, `<ph>`, `<it>` (with any `<sub>` inside them);
 *   2.x `<ph/>`, `<sc/>`, `<ec/>`, `<sm/>`, `<em/>`, and `<cp/>` (a character XML
 *   cannot hold, which the workbench cannot store either);
 * - elements of other namespaces inside 1.x text keep their text (with a warning);
 *   inside 2.x `<source>`/`<target>` they make the unit invalid, as the
 *   standard forbids them.
 *
 * Dropped codes are counted per unit so the import can say so. `<alt-trans>`
 * (suggestions), `<bin-unit>` binaries, skeletons and module data are not
 * read. Where `xml:space` is not `preserve`, the line break and indentation a
 * tool may put around a text are removed. Pure, no I/O.
 */
import { XmlError, childElements, decodeXml, parseXmlTree, type XmlElement } from "@/lib/xml";
import {
  MAX_XLIFF_BYTES,
  MAX_XLIFF_UNITS,
  MEMOQ_NS,
  NW_NS,
  SDL_NS,
  XLIFF11_NS,
  XLIFF12_NS,
  XLIFF22_NS,
  XLIFF2_NS,
  XliffError,
  isLanguageTag,
  isNmtoken,
  level12,
  level2,
  levelMemoq,
  levelSdl,
  lowestLevel,
  type ParsedXliff,
  type StateLevel,
  type XliffFileInfo,
  type XliffProblem,
  type XliffUnit,
} from "./model";

export interface ReadXliffOptions {
  readonly maxBytes?: number;
  readonly maxUnits?: number;
  readonly maxElements?: number;
}

type Scope = ReadonlyMap<string, string>;

/** The namespace scope inside `el`: its xmlns declarations over the parent's. */
function scopeOf(el: XmlElement, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(el.attributes)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      scope ??= new Map(parent);
      scope.set(name === "xmlns" ? "" : name.slice(6), value);
    }
  }
  return scope ?? parent;
}

/** An attribute in a namespace, whatever prefix the file gave it. */
function nsAttr(el: XmlElement, scope: Scope, uri: string, local: string): string | undefined {
  for (const [name, value] of Object.entries(el.attributes)) {
    const colon = name.indexOf(":");
    if (colon <= 0 || name.slice(colon + 1) !== local) continue;
    const prefix = name.slice(0, colon);
    if (prefix !== "xml" && prefix !== "xmlns" && scope.get(prefix) === uri) return value;
  }
  return undefined;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isBlank = (c: string | undefined) => c === " " || c === "\t";

/**
 * Removes the line break and indentation a tool may wrap around a text (not where
 * xml:space="preserve"): leading `[ \t]*\r?\n\s*` and trailing `\s*\r?\n[ \t]*`,
 * scanned by hand in linear time (a regular expression anchored at the end backtracks
 * quadratically over a long run of spaces).
 */
function tidy(text: string, space: string): string {
  if (space === "preserve") return text;
  let start = 0;
  let i = 0;
  while (isBlank(text[i])) i++;
  if (text[i] === "\r" && text[i + 1] === "\n") i++;
  if (text[i] === "\n") {
    i++;
    while (isSpace(text[i])) i++;
    start = i;
  }
  let end = text.length;
  let j = end;
  while (j > start && isBlank(text[j - 1])) j--;
  if (j > start && text[j - 1] === "\n") {
    j--;
    if (j > start && text[j - 1] === "\r") j--;
    while (j > start && isSpace(text[j - 1])) j--;
    end = j;
  }
  return text.slice(start, end);
}

/** Most elements one file may have (a 2,000-segment story exported with notes has about 15,000). */
export const MAX_XLIFF_ELEMENTS = 250_000;

/** The document as a tree (lib/xml's parser), refusing more than `maxElements` elements. */
const parseTree = (source: string, maxBytes: number, maxElements: number): XmlElement => parseXmlTree(source, { maxBytes, maxElements });

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

class Reading {
  readonly problems: XliffProblem[] = [];
  readonly units: XliffUnit[] = [];
  readonly files: XliffFileInfo[] = [];
  /** Units by id in the current file, for duplicates: line of the first. */
  idsInFile = new Map<string, number>();
  /** Groups by id in the current file (XLIFF 2). */
  groupsInFile = new Map<string, number>();
  producer: string | undefined;

  constructor(readonly maxUnits: number) {}

  warn(line: number | undefined, message: string, unit?: string) {
    if (this.problems.length < 5000) this.problems.push({ line, severity: "warning", message, ...(unit === undefined ? {} : { unit }) });
  }

  error(line: number | undefined, message: string, unit?: string) {
    if (this.problems.length < 5000) this.problems.push({ line, severity: "error", message, ...(unit === undefined ? {} : { unit }) });
  }

  add(unit: XliffUnit) {
    if (this.units.length >= this.maxUnits) throw new XliffError("structure", `Line ${unit.line}: the file has more than ${this.maxUnits} units, the most one import takes.`, unit.line);
    this.units.push(unit);
  }

  /** Records an id in the current file; returns the line of an earlier unit with the same id. */
  claim(id: string, line: number): number | undefined {
    const first = this.idsInFile.get(id);
    if (first === undefined) this.idsInFile.set(id, line);
    return first;
  }
}

/** Reads an XLIFF file; throws XliffError when it cannot be read at all. */
export function readXliff(source: Uint8Array | string, options: ReadXliffOptions = {}): ParsedXliff {
  const maxBytes = options.maxBytes ?? MAX_XLIFF_BYTES;
  let root: XmlElement;
  let encoding = "utf-8";
  try {
    const maxElements = options.maxElements ?? MAX_XLIFF_ELEMENTS;
    if (typeof source === "string") root = parseTree(source, maxBytes, maxElements);
    else {
      const decoded = decodeXml(source, { maxBytes });
      encoding = decoded.encoding;
      // The text may be longer in UTF-8 than the bytes were in a single-byte encoding.
      root = parseTree(decoded.text, maxBytes * 3, maxElements);
    }
  } catch (e) {
    if (e instanceof XmlError) throw new XliffError(e.code === "too_large" ? "too_large" : "xml", e.message, e.line, e.code);
    throw e;
  }
  if (!root) throw new XliffError("xml", "The file holds no XML element.");
  if (root.local !== "xliff") throw new XliffError("not_xliff", `Line ${root.line}: this is not an XLIFF file: its root element is <${root.name}>, not <xliff>.`, root.line);

  const reading = new Reading(options.maxUnits ?? MAX_XLIFF_UNITS);
  const scope = scopeOf(root, new Map([["xml", "http://www.w3.org/XML/1998/namespace"]]));
  const version = root.attributes.version;
  let major: "1" | "2";
  if (root.uri === XLIFF2_NS || root.uri === XLIFF22_NS) {
    const expected = root.uri === XLIFF2_NS ? ["2.0", "2.1"] : ["2.2"];
    if (!version) throw new XliffError("version", `Line ${root.line}: the <xliff> element has no version attribute.`, root.line);
    if (!expected.includes(version)) {
      throw new XliffError("version", `Line ${root.line}: XLIFF version "${version}" does not go with the namespace ${root.uri} (which is XLIFF ${expected.join(" or ")}).`, root.line);
    }
    major = "2";
  } else if (root.uri === XLIFF12_NS || root.uri === XLIFF11_NS || root.uri === "") {
    if (!version) throw new XliffError("version", `Line ${root.line}: the <xliff> element has no version attribute, so the XLIFF version is unknown.`, root.line);
    if (!/^1\.[012]$/.test(version)) {
      throw new XliffError(
        version.startsWith("2") ? "namespace" : "version",
        version.startsWith("2")
          ? `Line ${root.line}: an XLIFF ${version} file must be in the namespace ${version === "2.2" ? XLIFF22_NS : XLIFF2_NS}${root.uri ? `, not ${root.uri}` : ""}.`
          : `Line ${root.line}: XLIFF version "${version}" is not supported (1.0, 1.1, 1.2, 2.0, 2.1 and 2.2 are).`,
        root.line,
      );
    }
    if (root.uri === "") reading.warn(root.line, `The <xliff> element has no namespace; it is read as XLIFF ${version}.`);
    else if ((root.uri === XLIFF12_NS) !== (version === "1.2")) reading.warn(root.line, `The namespace ${root.uri} does not match version="${version}"; the file is read as XLIFF 1.x.`);
    major = "1";
  } else {
    throw new XliffError(
      "namespace",
      `Line ${root.line}: the <xliff> element is in the namespace "${root.uri}", which is not XLIFF's (${XLIFF2_NS} for XLIFF 2.0 and 2.1, ${XLIFF22_NS} for 2.2, ${XLIFF12_NS} for 1.2).`,
      root.line,
    );
  }

  // The tool that wrote it, when it says (namespaces it declares, or its tool attributes).
  const declared = new Set(scope.values());
  if (declared.has(SDL_NS)) reading.producer = "SDL Trados Studio (sdlxliff)";
  else if (declared.has(MEMOQ_NS)) reading.producer = "memoQ";
  else if (declared.has("http://www.idiominc.com/ws/asset")) reading.producer = "Idiom WorldServer";
  else if (declared.has(NW_NS)) reading.producer = "Newsroom Workbench";

  if (major === "2") read2(root, scope, reading);
  else read1(root, scope, reading);

  return { version: version!, major, ...(reading.producer ? { producer: reading.producer } : {}), encoding, files: reading.files, units: reading.units, problems: reading.problems };
}

// ------------------------------------------------------------------ XLIFF 1.x

interface Inherited {
  readonly translate: boolean;
  readonly space: string;
}

interface Reduced1 {
  text: string;
  codes: number;
  segs: { mid: string; text: string }[];
  foreign: Set<string>;
}

/** Reduces 1.x inline content to text (see the header). */
function reduce1(el: XmlElement, ns: string, out: Reduced1): Reduced1 {
  for (const c of el.children) {
    if (typeof c === "string") {
      out.text += c;
      continue;
    }
    if (c.uri !== ns) {
      out.foreign.add(c.name);
      reduce1(c, ns, out);
      continue;
    }
    switch (c.local) {
      case "x":
      case "bx":
      case "ex":
      case "bpt":
      case "ept":
      case "ph":
      case "it":
        out.codes++;
        break;
      case "mrk":
        if (c.attributes.mtype === "seg") {
          const start = out.text.length;
          reduce1(c, ns, out);
          out.segs.push({ mid: c.attributes.mid ?? "", text: out.text.slice(start) });
        } else reduce1(c, ns, out);
        break;
      default:
        // <g>, and <sub> or unknown XLIFF elements where they do not belong: their text is kept.
        reduce1(c, ns, out);
    }
  }
  return out;
}

function read1(root: XmlElement, scope: Scope, r: Reading) {
  const ns = root.uri;
  for (const child of childElements(root)) {
    if (child.uri !== ns) continue; // tool data beside the files (WorldServer, ITS)
    if (child.local === "file") readFile1(child, scopeOf(child, scope), ns, r);
    else r.warn(child.line, `<${child.name}> does not belong directly in <xliff>; it is ignored.`);
  }
  if (r.files.length === 0) throw new XliffError("structure", `Line ${root.line}: the file has no <file> element, so it holds no translation units.`, root.line);
}

function readFile1(file: XmlElement, scope: Scope, ns: string, r: Reading) {
  const a = file.attributes;
  const index = r.files.length;
  r.files.push({
    line: file.line,
    ...(a.original !== undefined ? { original: a.original } : {}),
    ...(a["source-language"] ? { sourceLang: a["source-language"] } : {}),
    ...(a["target-language"] ? { targetLang: a["target-language"] } : {}),
    ...optional("document", nsAttr(file, scope, NW_NS, "document")),
    ...optional("lang", nsAttr(file, scope, NW_NS, "lang")),
  });
  r.idsInFile = new Map();
  if (!a["source-language"]) r.warn(file.line, "The <file> has no source-language attribute.");
  const header = childElements(file).find((c) => c.uri === ns && c.local === "header");
  const tool = header && childElements(header).find((c) => c.uri === ns && c.local === "tool");
  r.producer ??= a.tool ?? tool?.attributes["tool-name"];
  const body = childElements(file).find((c) => c.uri === ns && c.local === "body");
  if (!body) {
    r.error(file.line, "The <file> has no <body>, so it holds no translation units.");
    return;
  }
  walk1(body, scope, ns, index, { translate: a.translate !== "no", space: a["xml:space"] ?? "default" }, r);
}

function walk1(el: XmlElement, parentScope: Scope, ns: string, file: number, inh: Inherited, r: Reading) {
  for (const c of childElements(el)) {
    if (c.uri !== ns) continue;
    const scope = scopeOf(c, parentScope);
    const here: Inherited = { translate: c.attributes.translate ? c.attributes.translate !== "no" : inh.translate, space: c.attributes["xml:space"] ?? inh.space };
    if (c.local === "group") walk1(c, scope, ns, file, here, r);
    else if (c.local === "trans-unit") readTransUnit(c, scope, ns, file, here, r);
    else if (c.local === "bin-unit") {
      r.warn(c.line, `<bin-unit${c.attributes.id ? ` id="${c.attributes.id}"` : ""}> holds binary content, which is not imported (its <trans-unit>s are read).`);
      walk1(c, scope, ns, file, here, r);
    }
  }
}

function readTransUnit(tu: XmlElement, scope: Scope, ns: string, file: number, inh: Inherited, r: Reading) {
  const id = tu.attributes.id;
  if (!id) {
    r.error(tu.line, "A <trans-unit> has no id, so it cannot be matched; it is skipped.");
    return;
  }
  const kids = childElements(tu);
  const sources = kids.filter((c) => c.uri === ns && c.local === "source");
  const targets = kids.filter((c) => c.uri === ns && c.local === "target");
  const segSource = kids.find((c) => c.uri === ns && c.local === "seg-source");
  let invalid: string | undefined;
  if (sources.length !== 1) invalid = `the <trans-unit> has ${sources.length} <source> elements (it must have one)`;
  else if (targets.length > 1) invalid = `the <trans-unit> has ${targets.length} <target> elements (it may have one)`;

  const source = sources[0] ? tidy(reduce1(sources[0], ns, { text: "", codes: 0, segs: [], foreign: new Set() }).text, inh.space) : "";
  const duplicateOf = r.claim(id, tu.line);
  if (duplicateOf !== undefined) invalid = `the unit id "${id}" is used twice in this <file> (first on line ${duplicateOf})`;

  const fileInfo = r.files[file]!;
  let target: string | undefined;
  let targetLang = fileInfo.targetLang;
  let level: StateLevel | undefined;
  let state: string | undefined;
  let partial: { done: number; total: number } | undefined;
  let codes = 0;
  const t = targets[0];
  if (t) {
    const reduced = reduce1(t, ns, { text: "", codes: 0, segs: [], foreign: new Set() });
    target = tidy(reduced.text, t.attributes["xml:space"] ?? inh.space);
    codes = reduced.codes;
    if (reduced.foreign.size) r.warn(t.line, `The target holds elements of other namespaces (${[...reduced.foreign].join(", ")}); their text is kept.`, id);
    targetLang = t.attributes["xml:lang"] ?? targetLang;

    // Segmented targets (sdlxliff, Okapi): which <mrk mtype="seg"> segments are translated.
    const sourceSegs = segSource ? reduce1(segSource, ns, { text: "", codes: 0, segs: [], foreign: new Set() }).segs : [];
    const done = reduced.segs.filter((s) => s.text.trim() !== "");
    if (reduced.segs.length || sourceSegs.length) {
      const mids = new Set(reduced.segs.map((s) => s.mid));
      const missing = sourceSegs.filter((s) => s.text.trim() !== "" && !mids.has(s.mid)).length;
      const total = Math.max(reduced.segs.length + missing, sourceSegs.length);
      if (done.length > 0 && done.length < total) partial = { done: done.length, total };
    }

    const stateAttr = t.attributes.state;
    const sdlConf = sdlConfidences(kids, scope);
    const memoq = nsAttr(tu, scope, MEMOQ_NS, "status");
    if (stateAttr && level12(stateAttr)) {
      level = level12(stateAttr);
      state = stateAttr;
    } else {
      if (stateAttr && !stateAttr.startsWith("x-")) r.warn(t.line, `The state "${stateAttr}" is not an XLIFF 1.2 state; it is ignored.`, id);
      if (sdlConf) {
        const confs = (reduced.segs.length ? done.map((s) => s.mid) : [...sdlConf.keys()]).map((mid) => sdlConf.get(mid));
        level = lowestLevel(confs.map(levelSdl)) ?? "draft";
        state = `sdl:${[...new Set(confs.map((c) => c ?? "none"))].join("+")}`;
      } else if (memoq) {
        level = levelMemoq(memoq);
        state = `memoQ:${memoq}`;
      } else if (tu.attributes.approved === "yes") {
        level = "final";
        state = 'approved="yes"';
      } else {
        level = "translated";
        state = stateAttr;
      }
    }
  }

  const version = nsAttr(tu, scope, NW_NS, "version");
  const sourceHash = nsAttr(tu, scope, NW_NS, "sourceHash");
  const outdated = nsAttr(tu, scope, NW_NS, "outdated");
  const workbench =
    version !== undefined || sourceHash !== undefined
      ? { ...(version !== undefined && /^\d{1,9}$/.test(version) ? { version: Number(version) } : {}), ...optional("sourceHash", sourceHash), ...(outdated === "yes" ? { outdated: true } : {}) }
      : undefined;
  if (version !== undefined && !/^\d{1,9}$/.test(version)) r.warn(tu.line, `nw:version="${version}" is not a version number; the unit is treated as coming from another tool.`, id);
  if (invalid) r.error(tu.line, `Unit "${id}": ${invalid}.`, id);

  r.add({
    id,
    line: tu.line,
    file,
    source,
    ...(target !== undefined ? { target } : {}),
    ...optional("targetLang", targetLang),
    ...(level ? { level } : {}),
    ...optional("state", state),
    translate: tu.attributes.translate ? tu.attributes.translate !== "no" : inh.translate,
    ...(partial ? { partial } : {}),
    droppedCodes: codes,
    ...(workbench ? { workbench } : {}),
    ...(invalid ? { invalid } : {}),
    ...(duplicateOf !== undefined ? { duplicateOf } : {}),
  });
}

/** Trados' confirmation level per segment id (`<sdl:seg-defs><sdl:seg id conf>`), if the unit has them. */
function sdlConfidences(kids: readonly XmlElement[], scope: Scope): Map<string, string | undefined> | undefined {
  const defs = kids.find((c) => c.local === "seg-defs" && (c.uri === SDL_NS || scopeOf(c, scope).get(c.name.split(":")[0]!) === SDL_NS));
  if (!defs) return undefined;
  const out = new Map<string, string | undefined>();
  for (const seg of childElements(defs, "seg")) out.set(seg.attributes.id ?? "", seg.attributes.conf);
  return out;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

// ------------------------------------------------------------------ XLIFF 2.x

interface Inherited2 {
  readonly translate: boolean;
  readonly space: string;
  /** xml:lang in effect (inherited from <xliff>, <file>, <group>, <unit>). */
  readonly lang?: string;
}

const inherit2 = (el: XmlElement, inh: Inherited2): Inherited2 => ({
  translate: el.attributes.translate ? el.attributes.translate !== "no" : inh.translate,
  space: el.attributes["xml:space"] ?? inh.space,
  ...((el.attributes["xml:lang"] ?? inh.lang) !== undefined ? { lang: el.attributes["xml:lang"] ?? inh.lang } : {}),
});

interface Root2 {
  readonly ns: string;
  readonly lang?: string;
  readonly srcLang: string;
  readonly trgLang?: string;
  firstTargetLine?: number;
}

/** Attributes an XLIFF 2 core element may carry (no extension attributes: the core schema allows none there). */
const CORE_ATTRIBUTES: Record<string, readonly string[]> = {
  segment: ["id", "canResegment", "state", "subState"],
  ignorable: ["id"],
  source: ["xml:lang", "xml:space"],
  target: ["xml:lang", "xml:space", "order"],
};

/** The first attribute of `el` its element does not allow, if any. */
function strayAttribute(el: XmlElement): string | undefined {
  const allowed = CORE_ATTRIBUTES[el.local];
  if (!allowed) return undefined;
  return Object.keys(el.attributes).find((a) => !allowed.includes(a) && a !== "xmlns" && !a.startsWith("xmlns:"));
}

/**
 * Checks that children come in the order the schema gives (`ranks`: local name → rank,
 * "*" for elements of other namespaces); returns the first one out of order.
 */
function outOfOrder(el: XmlElement, ns: string, ranks: Record<string, number>): XmlElement | undefined {
  let highest = -1;
  for (const c of childElements(el)) {
    const rank = c.uri === ns ? ranks[c.local] : ranks["*"];
    if (rank === undefined) continue;
    if (rank < highest) return c;
    highest = rank;
  }
  return undefined;
}

function read2(root: XmlElement, scope: Scope, r: Reading) {
  const ns = root.uri;
  const srcLang = root.attributes.srcLang;
  const trgLang = root.attributes.trgLang;
  if (!srcLang) throw new XliffError("structure", `Line ${root.line}: the <xliff> element has no srcLang attribute (XLIFF 2 requires it).`, root.line);
  if (!isLanguageTag(srcLang)) throw new XliffError("structure", `Line ${root.line}: srcLang="${srcLang}" is not a well-formed language tag.`, root.line);
  if (trgLang !== undefined && !isLanguageTag(trgLang)) throw new XliffError("structure", `Line ${root.line}: trgLang="${trgLang}" is not a well-formed language tag.`, root.line);
  const ctx: Root2 = { ns, srcLang, ...(trgLang ? { trgLang } : {}), ...(root.attributes["xml:lang"] ? { lang: root.attributes["xml:lang"] } : {}) };
  const fileIds = new Map<string, number>();
  for (const child of childElements(root)) {
    if (child.uri === ns && child.local === "file") {
      const id = child.attributes.id;
      if (!id) r.error(child.line, "The <file> has no id (XLIFF 2 requires one).");
      else if (!isNmtoken(id)) r.error(child.line, `The file id "${id}" is not a valid XML name token.`);
      else if (fileIds.has(id)) r.error(child.line, `The file id "${id}" is used twice (first on line ${fileIds.get(id)}).`);
      else fileIds.set(id, child.line);
      readFile2(child, scopeOf(child, scope), ctx, r);
    } else r.error(child.line, `<${child.name}> is not allowed directly in <xliff> (only <file> is); it is ignored.`);
  }
  if (r.files.length === 0) throw new XliffError("structure", `Line ${root.line}: the file has no <file> element, so it holds no translation units.`, root.line);
  if (ctx.firstTargetLine !== undefined && !trgLang) {
    throw new XliffError("structure", `Line ${ctx.firstTargetLine}: the file has targets but the <xliff> element has no trgLang, so their language is unknown.`, ctx.firstTargetLine);
  }
}

function readFile2(file: XmlElement, scope: Scope, ctx: Root2, r: Reading) {
  const index = r.files.length;
  r.files.push({
    line: file.line,
    ...optional("id", file.attributes.id),
    ...optional("original", file.attributes.original),
    sourceLang: ctx.srcLang,
    ...optional("targetLang", ctx.trgLang),
    ...optional("document", nsAttr(file, scope, NW_NS, "document")),
    ...optional("lang", nsAttr(file, scope, NW_NS, "lang")),
  });
  r.idsInFile = new Map();
  r.groupsInFile = new Map();
  const inh: Inherited2 = inherit2(file, { translate: true, space: "default", ...(ctx.lang ? { lang: ctx.lang } : {}) });
  let units = 0;
  for (const c of childElements(file)) {
    if (c.uri !== ctx.ns) continue; // module and extension data
    if (c.local === "skeleton") {
      const hasContent = c.children.some((x) => typeof x !== "string" || x.trim() !== "");
      if (hasContent === (c.attributes.href !== undefined)) r.error(c.line, "A <skeleton> must have either an href or content, not both and not neither.");
    } else if (c.local === "notes") checkNotes(c, ctx, r);
    else if (c.local === "unit" || c.local === "group") units++;
    else r.error(c.line, `<${c.name}> is not allowed in <file>; it is ignored.`);
  }
  const misplaced = outOfOrder(file, ctx.ns, { skeleton: 0, "*": 1, notes: 2, unit: 3, group: 3 });
  if (misplaced) r.error(misplaced.line, `<${misplaced.name}> is out of place in <file> (the order is <skeleton>, extensions, <notes>, then units and groups).`);
  if (units === 0) r.error(file.line, "The <file> has no <unit> or <group> (XLIFF 2 requires at least one).");
  walk2(file, scope, ctx, index, inh, r);
}

function walk2(el: XmlElement, parentScope: Scope, ctx: Root2, file: number, inh: Inherited2, r: Reading) {
  for (const c of childElements(el)) {
    if (c.uri !== ctx.ns || (c.local !== "unit" && c.local !== "group")) continue;
    const scope = scopeOf(c, parentScope);
    const here = inherit2(c, inh);
    const id = c.attributes.id;
    if (c.local === "group") {
      if (!id) r.error(c.line, "A <group> has no id (XLIFF 2 requires one).");
      else if (!isNmtoken(id)) r.error(c.line, `The group id "${id}" is not a valid XML name token.`);
      else {
        const first = r.groupsInFile.get(id);
        if (first !== undefined) r.error(c.line, `The group id "${id}" is already used in this <file> (line ${first}).`);
        else r.groupsInFile.set(id, c.line);
      }
      for (const n of childElements(c)) {
        if (n.uri === ctx.ns && n.local === "notes") checkNotes(n, ctx, r);
        else if (n.uri === ctx.ns && n.local !== "unit" && n.local !== "group") r.error(n.line, `<${n.name}> is not allowed in <group>; it is ignored.`);
      }
      const misplaced = outOfOrder(c, ctx.ns, { "*": 0, notes: 1, unit: 2, group: 2 });
      if (misplaced) r.error(misplaced.line, `<${misplaced.name}> is out of place in <group> (the order is extensions, <notes>, then units and groups).`);
      walk2(c, scope, ctx, file, here, r);
    } else readUnit2(c, scope, ctx, file, here, r);
  }
}

/** Checks a <notes> element; reports (or, for a unit, returns) the first problem. Collects the note ids into `ids`. */
function checkNotes(notes: XmlElement, ctx: Root2, r: Reading, unit?: string, ids = new Set<string>()): string | undefined {
  const kids = childElements(notes);
  let problem: string | undefined;
  if (!kids.some((k) => k.uri === ctx.ns && k.local === "note")) problem = "<notes> holds no <note>";
  for (const k of kids) {
    if (k.uri !== ctx.ns || k.local !== "note") {
      problem ??= `<${k.name}> is not allowed in <notes>`;
      continue;
    }
    const id = k.attributes.id;
    if (id !== undefined) {
      if (ids.has(id)) problem ??= `the note id "${id}" is used twice`;
      ids.add(id);
    }
    if (k.attributes.priority !== undefined && !/^([1-9]|10)$/.test(k.attributes.priority)) problem ??= `priority="${k.attributes.priority}" is not between 1 and 10`;
    if (k.attributes.appliesTo !== undefined && !["source", "target"].includes(k.attributes.appliesTo)) problem ??= `appliesTo="${k.attributes.appliesTo}" is neither source nor target`;
    const child = childElements(k)[0];
    if (child) problem ??= `<${child.name}> is not allowed in a <note>`;
  }
  if (problem && unit === undefined) r.error(notes.line, `${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
  return problem;
}

/** One <source> or <target> reduced to text, with what the checks across the unit need. */
interface Reduced2 {
  text: string;
  codes: number;
  cps: number;
  problem?: string;
  /** Spanning codes and markers in document order. */
  events: { kind: "sc" | "ec" | "sm" | "em"; id: string; isolated: boolean }[];
}

interface UnitContext {
  readonly unit: string;
  readonly data: ReadonlySet<string>;
  readonly notes: ReadonlySet<string>;
}

const INLINE_IDS = new Set(["ph", "pc", "sc", "mrk", "sm"]);
const CODE_TYPES = new Set(["fmt", "ui", "quote", "link", "image", "other"]);
/** XLIFF's own subType values and the type each requires. */
const XLF_SUBTYPES: Record<string, string> = { "xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:b": "fmt", "xlf:i": "fmt", "xlf:u": "fmt", "xlf:var": "ui" };
const USER_VALUE = /^[^\s:]+:[^\s:]+$/;

/** Whether a code point may appear in XML 1.0 (a <cp> must stand for one that may not). */
const xmlAllowed = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

function checkCodeType(c: XmlElement, out: Reduced2) {
  const { type, subType } = c.attributes;
  if (c.local === "mrk") {
    if (type !== undefined && !["generic", "comment", "term"].includes(type) && !USER_VALUE.test(type)) out.problem ??= `type="${type}" is not a type of <mrk>`;
    return;
  }
  if (type !== undefined && !CODE_TYPES.has(type)) out.problem ??= `type="${type}" is not a type of inline code`;
  if (subType !== undefined) {
    if (type === undefined) out.problem ??= `subType="${subType}" needs a type`;
    else if (!USER_VALUE.test(subType)) out.problem ??= `subType="${subType}" is not of the form prefix:value`;
    else if (subType.startsWith("xlf:") && XLF_SUBTYPES[subType] !== type) {
      out.problem ??= XLF_SUBTYPES[subType] ? `subType="${subType}" requires type="${XLF_SUBTYPES[subType]}"` : `subType="${subType}" is not one of XLIFF's subtypes`;
    }
  }
}

function reduce2(el: XmlElement, ctx: Root2, unit: UnitContext, out: Reduced2): Reduced2 {
  for (const c of el.children) {
    if (typeof c === "string") {
      out.text += c;
      continue;
    }
    if (c.uri !== ctx.ns) {
      out.problem ??= `<${c.name}> (another namespace) is not allowed inside <${el.local}>`;
      continue;
    }
    const a = c.attributes;
    if (INLINE_IDS.has(c.local)) {
      if (a.id === undefined) out.problem ??= `an inline <${c.local}> has no id`;
      else if (!isNmtoken(a.id)) out.problem ??= `the inline id "${a.id}" is not a valid XML name token`;
    }
    for (const ref of ["dataRef", "dataRefStart", "dataRefEnd"]) {
      if (a[ref] !== undefined && !unit.data.has(a[ref]!)) out.problem ??= `${ref}="${a[ref]}" names no <data> of the unit`;
    }
    if (c.local !== "cp" && c.local !== "em" && c.local !== "sm") checkCodeType(c, out);
    switch (c.local) {
      case "pc":
        reduce2(c, ctx, unit, out);
        break;
      case "mrk":
        if (a.type === "comment") {
          if ((a.value === undefined) === (a.ref === undefined)) out.problem ??= "a comment <mrk> needs either a value or a ref to a note (not both)";
          else if (a.ref !== undefined) {
            const m = /^#(?:\/?f=[^/]+\/u=([^/]+)\/)?n=([^/]+)$/.exec(a.ref);
            if (!m || (m[1] !== undefined && m[1] !== unit.unit) || !unit.notes.has(m[2]!)) out.problem ??= `ref="${a.ref}" does not point at a note of this unit`;
          }
        }
        reduce2(c, ctx, unit, out);
        break;
      case "ph":
        out.codes++;
        break;
      case "sc":
        out.codes++;
        if (a.id !== undefined) out.events.push({ kind: "sc", id: a.id, isolated: a.isolated === "yes" });
        break;
      case "ec":
        out.codes++;
        if (a.isolated === "yes") {
          if (a.startRef !== undefined || a.id === undefined) out.problem ??= "an isolated <ec> must have an id and no startRef";
        } else if (a.startRef === undefined) out.problem ??= 'an <ec> without startRef must be isolated="yes"';
        else if (a.id !== undefined) out.problem ??= "an <ec> with a startRef cannot have an id";
        else out.events.push({ kind: "ec", id: a.startRef, isolated: false });
        break;
      case "sm":
        if (a.id !== undefined) out.events.push({ kind: "sm", id: a.id, isolated: false });
        break;
      case "em":
        if (a.startRef === undefined) out.problem ??= "an <em> has no startRef";
        else out.events.push({ kind: "em", id: a.startRef, isolated: false });
        break;
      case "cp": {
        out.codes++;
        out.cps++;
        const hex = a.hex ?? "";
        const cp = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(cp <= 0x10ffff)) out.problem ??= `<cp hex="${hex}"> is not a Unicode code point`;
        else if (xmlAllowed(cp)) out.problem ??= `<cp hex="${hex}"> stands for a character XML can hold as it is`;
        break;
      }
      default:
        out.problem ??= `<${c.name}> is not an inline element`;
    }
  }
  return out;
}

const emptyReduced = (): Reduced2 => ({ text: "", codes: 0, cps: 0, events: [] });

/** Pairing of <sc>/<ec> and <sm>/<em>, in order, across a unit's sources or its targets. */
function pairing(parts: readonly Reduced2[]): string | undefined {
  const open = new Map<string, string>();
  const isolated = new Set<string>();
  for (const e of parts.flatMap((p) => p.events)) {
    if (e.kind === "sc" || e.kind === "sm") {
      if (e.isolated) isolated.add(e.id);
      else open.set(`${e.kind}:${e.id}`, e.id);
    } else {
      const start = e.kind === "ec" ? "sc" : "sm";
      if (!open.delete(`${start}:${e.id}`)) return `an <${e.kind} startRef="${e.id}"> comes without an earlier <${start} id="${e.id}">`;
    }
  }
  const [first] = open.keys();
  if (first) return `the <${first.replace(":", ' id="')}"> is never closed${first.startsWith("sc") ? ' (and is not isolated="yes")' : ""}`;
  return undefined;
}

function readUnit2(unit: XmlElement, scope: Scope, ctx: Root2, file: number, inh: Inherited2, r: Reading) {
  const id = unit.attributes.id;
  if (!id) {
    r.error(unit.line, "A <unit> has no id, so it cannot be matched; it is skipped.");
    return;
  }
  let invalid: string | undefined;
  if (!isNmtoken(id)) invalid = `the unit id "${id}" is not a valid XML name token`;
  const duplicateOf = r.claim(id, unit.line);
  if (duplicateOf !== undefined) invalid = `the unit id "${id}" is already used in this <file> (line ${duplicateOf})`;
  const misplaced = outOfOrder(unit, ctx.ns, { "*": 0, notes: 1, originalData: 2, segment: 3, ignorable: 3 });
  if (misplaced) invalid ??= `<${misplaced.name}> is out of place (the order is extensions, <notes>, <originalData>, then segments)`;

  // originalData: the ids inline codes may point at; notes: the ids comments may point at.
  const data = new Set<string>();
  const noteIds = new Set<string>();
  const parts: { el: XmlElement; segment: boolean }[] = [];
  for (const c of childElements(unit)) {
    if (c.uri !== ctx.ns) continue;
    if (c.local === "notes") {
      const p = checkNotes(c, ctx, r, id, noteIds);
      if (p) invalid ??= p;
    } else if (c.local === "originalData") {
      const kids = childElements(c);
      if (kids.length === 0) invalid ??= "<originalData> holds no <data>";
      for (const d of kids) {
        if (d.uri !== ctx.ns || d.local !== "data") invalid ??= `<${d.name}> is not allowed in <originalData>`;
        else if (!d.attributes.id) invalid ??= "a <data> has no id";
        else if (data.has(d.attributes.id)) invalid ??= `the data id "${d.attributes.id}" is used twice`;
        else data.add(d.attributes.id);
        for (const x of childElements(d)) if (x.uri !== ctx.ns || x.local !== "cp") invalid ??= `<${x.name}> is not allowed in <data>`;
      }
    } else if (c.local === "segment" || c.local === "ignorable") parts.push({ el: c, segment: c.local === "segment" });
    else invalid ??= `<${c.name}> is not allowed in <unit>`;
  }
  if (!parts.some((p) => p.segment)) invalid ??= "the unit has no <segment>";
  const unitCtx: UnitContext = { unit: id, data, notes: noteIds };

  const partIds = new Set<string>();
  const sources: Reduced2[] = [];
  const targets: (Reduced2 | undefined)[] = [];
  const orders: (number | undefined)[] = [];
  const levels: StateLevel[] = [];
  const states: string[] = [];
  let segmentsWithTarget = 0;
  let segmentsDone = 0;
  let segments = 0;
  for (const { el, segment } of parts) {
    const a = el.attributes;
    if (a.id !== undefined) {
      if (!isNmtoken(a.id)) invalid ??= `the ${el.local} id "${a.id}" is not a valid XML name token`;
      else if (partIds.has(a.id)) invalid ??= `the id "${a.id}" is used by two segments or ignorables`;
      partIds.add(a.id);
    }
    const stray = strayAttribute(el);
    if (stray) invalid ??= `the attribute ${stray} is not allowed on <${el.local}>`;
    const kids = childElements(el);
    const src = kids.filter((k) => k.uri === ctx.ns && k.local === "source");
    const trg = kids.filter((k) => k.uri === ctx.ns && k.local === "target");
    const other = kids.find((k) => k.uri !== ctx.ns || (k.local !== "source" && k.local !== "target"));
    if (other) invalid ??= `<${other.name}> is not allowed in <${el.local}>`;
    if (src.length !== 1) invalid ??= `a <${el.local}> has ${src.length} <source> elements (it must have one)`;
    if (trg.length > 1) invalid ??= `a <${el.local}> has ${trg.length} <target> elements (it may have one)`;
    if (src[0] && trg[0] && kids.indexOf(trg[0]) < kids.indexOf(src[0])) invalid ??= "the <target> comes before the <source>";
    if (segment) {
      segments++;
      if (a.state !== undefined && !level2(a.state)) invalid ??= `state="${a.state}" is not an XLIFF 2 state (initial, translated, reviewed, final)`;
      if (a.subState !== undefined && a.state === undefined) invalid ??= "a segment has a subState but no state";
    }
    const s = src[0];
    const t = trg[0];
    const space = inh.space;
    for (const x of [s, t]) {
      const bad = x && strayAttribute(x);
      if (bad) invalid ??= `the attribute ${bad} is not allowed on <${x!.local}>`;
    }
    if (s && t && (s.attributes["xml:space"] ?? space) !== (t.attributes["xml:space"] ?? space)) invalid ??= "the <source> and <target> of a segment have different xml:space";
    if (s) {
      const lang = s.attributes["xml:lang"] ?? inh.lang;
      if (lang !== undefined && lang.toLowerCase() !== ctx.srcLang.toLowerCase()) invalid ??= `the <source>'s language is "${lang}" (xml:lang) but the file's srcLang is "${ctx.srcLang}"`;
      const red = reduce2(s, ctx, unitCtx, emptyReduced());
      red.text = tidy(red.text, s.attributes["xml:space"] ?? space);
      if (red.problem) invalid ??= `in the source, ${red.problem}`;
      sources.push(red);
    } else sources.push(emptyReduced());
    if (t) {
      ctx.firstTargetLine ??= t.line;
      const lang = t.attributes["xml:lang"] ?? inh.lang;
      if (lang !== undefined && ctx.trgLang !== undefined && lang.toLowerCase() !== ctx.trgLang.toLowerCase()) invalid ??= `the <target>'s language is "${lang}" (xml:lang) but the file's trgLang is "${ctx.trgLang}"`;
      const red = reduce2(t, ctx, unitCtx, emptyReduced());
      red.text = tidy(red.text, t.attributes["xml:space"] ?? space);
      if (red.problem) invalid ??= `in the target, ${red.problem}`;
      targets.push(red);
      const order = t.attributes.order;
      if (order !== undefined && !/^[1-9]\d{0,5}$/.test(order)) invalid ??= `order="${order}" is not a positive number`;
      orders.push(order !== undefined ? Number(order) : undefined);
      if (segment) {
        segmentsWithTarget++;
        if (red.text.trim() !== "") segmentsDone++;
        const state = a.state ?? "initial";
        const lvl = level2(state);
        if (lvl) levels.push(lvl);
        states.push(state);
      }
    } else {
      targets.push(undefined);
      orders.push(undefined);
    }
  }
  const srcPairing = pairing(sources);
  if (srcPairing) invalid ??= `in the source, ${srcPairing}`;
  const trgPairing = pairing(targets.filter((t): t is Reduced2 => !!t));
  if (trgPairing) invalid ??= `in the target, ${trgPairing}`;

  // The target text: each part's target at the position its `order` gives (default: its own).
  let target: string | undefined;
  if (segmentsWithTarget > 0) {
    const slots: (string | undefined)[] = new Array(parts.length).fill(undefined);
    for (let i = 0; i < parts.length; i++) {
      const text = targets[i]?.text ?? (parts[i]!.segment ? "" : sources[i]!.text);
      const at = (orders[i] ?? i + 1) - 1;
      if (at < 0 || at >= parts.length) invalid ??= `order="${orders[i]}" is beyond the unit's ${parts.length} segments and ignorables`;
      else if (slots[at] !== undefined) invalid ??= `two targets of the unit have order="${at + 1}"`;
      else slots[at] = text;
    }
    target = slots.map((s) => s ?? "").join("");
  }
  const codes = targets.reduce((n, t) => n + (t?.codes ?? 0), 0);
  const cps = targets.reduce((n, t) => n + (t?.cps ?? 0), 0);
  if (cps && !invalid) r.warn(unit.line, `The target holds ${plural(cps, "<cp>")} (characters XML cannot carry); they are left out.`, id);

  const version = nsAttr(unit, scope, NW_NS, "version");
  const sourceHash = nsAttr(unit, scope, NW_NS, "sourceHash");
  const outdated = nsAttr(unit, scope, NW_NS, "outdated");
  const workbench =
    version !== undefined || sourceHash !== undefined
      ? { ...(version !== undefined && /^\d{1,9}$/.test(version) ? { version: Number(version) } : {}), ...optional("sourceHash", sourceHash), ...(outdated === "yes" ? { outdated: true } : {}) }
      : undefined;
  if (version !== undefined && !/^\d{1,9}$/.test(version)) r.warn(unit.line, `nw:version="${version}" is not a version number; the unit is treated as coming from another tool.`, id);
  if (invalid) r.error(unit.line, `Unit "${id}": ${invalid}.`, id);

  r.add({
    id,
    line: unit.line,
    file,
    source: sources.map((s) => s.text).join(""),
    ...(target !== undefined ? { target } : {}),
    ...optional("targetLang", ctx.trgLang),
    ...(target !== undefined ? { level: lowestLevel(levels) ?? "draft", state: [...new Set(states)].join("+") } : {}),
    translate: unit.attributes.translate ? unit.attributes.translate !== "no" : inh.translate,
    ...(segmentsDone > 0 && segmentsDone < segments ? { partial: { done: segmentsDone, total: segments } } : {}),
    droppedCodes: codes,
    ...(workbench ? { workbench } : {}),
    ...(invalid ? { invalid } : {}),
    ...(duplicateOf !== undefined ? { duplicateOf } : {}),
  });
}
