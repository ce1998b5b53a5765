/**
 * TBX reading and writing. Reads TBX v3 (ISO 30042:2019) in DCA and DCT style
 * and TBX 2008 / older `martif` files; writes TBX-Basic in TBX v3 (DCA) and in
 * TBX 2008. Workbench-only fields travel in `<note>workbench:key=value</note>`
 * lines (see glossary/README.md), so a file stays within TBX-Basic's data
 * categories and an export imports back field for field. Pure, no I/O.
 */
import { XmlError, childElements, escapeXmlAttribute, parseXmlTree, textContent, xmlElement, type XmlElement } from "@/lib/xml";
import type { TermStatus } from "@/lib/db/schema";
import {
  PARTS_OF_SPEECH,
  checkConcept,
  checkTerm,
  collapse,
  count,
  emptyIgnored,
  isConceptId,
  isTermStatus,
  mapLanguage,
  LanguageNotes,
  parseTimestamp,
  tidyNote,
  type ExchangeConcept,
  type ExchangeProblem,
  type ExchangeTerm,
  type ParsedGlossary,
  type PartOfSpeech,
  type TermType,
  type Usage,
} from "./model";
import { EXPORT_POS, EXPORT_TYPE, EXPORT_USAGE, TBX_NS, WORKBENCH_KEYS, WORKBENCH_NOTE, importPartOfSpeech, importTermType, importUsage, type WorkbenchFields } from "./tbx-categories";

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Element names that carry a data category in their `type` attribute (DCA style). */
const DCA_ELEMENTS = new Set(["descrip", "admin", "termNote", "transac", "transacNote", "ref", "xref", "adminNote", "descripNote"]);

/** A data-category element's category name (`descrip type="definition"` and `basic:definition` both give "definition"), or undefined for structure. */
function category(el: XmlElement): string | undefined {
  if (el.uri !== TBX_NS && el.uri !== "") return el.local; // DCT style: the element is the category
  if (DCA_ELEMENTS.has(el.local)) return el.attributes.type ?? el.local;
  return undefined;
}

/** The element that names a group's data category (`descripGrp`, `termNoteGrp`, `adminGrp`). */
function groupHead(el: XmlElement): XmlElement | undefined {
  return childElements(el).find((c) => category(c) !== undefined);
}

const text = (el: XmlElement) => collapse(textContent(el));

interface TransacInfo {
  kind: string;
  by: string | null;
  at: string | null;
}

/** Parses TBX bytes (v3 or 2008) into concepts, with every problem found. */
export function parseTbx(bytes: Uint8Array | string, options: { maxBytes?: number } = {}): ParsedGlossary {
  const problems: ExchangeProblem[] = [];
  const ignored = emptyIgnored();
  let root: XmlElement;
  try {
    root = parseXmlTree(bytes, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES });
  } catch (error) {
    if (error instanceof XmlError) return { format: "tbx", concepts: [], problems: [{ line: error.line, message: error.message }], ignored };
    throw error;
  }
  const v3 = root.local === "tbx";
  const format = v3 ? "tbx" : "tbx2008";
  if (!v3 && root.local !== "martif") {
    return { format: "tbx", concepts: [], problems: [{ line: root.line, message: `This is not a TBX file: its root element is <${root.name}>, not <tbx> (TBX v3) or <martif> (TBX 2008).` }], ignored };
  }
  if (v3 && root.uri !== TBX_NS && root.uri !== "") {
    problems.push({ line: root.line, message: `The <tbx> element is in the namespace "${root.uri}", not ${TBX_NS}.` });
  }
  const body = childElements(root, "text").flatMap((t) => childElements(t, "body"))[0];
  if (!body) return { format, concepts: [], problems: [...problems, { line: root.line, message: "The file has no <text><body>: there are no entries." }], ignored };

  const entryName = v3 ? "conceptEntry" : "termEntry";
  const concepts: ExchangeConcept[] = [];
  const notes = new LanguageNotes();
  const seenIds = new Map<string, number>();
  for (const entry of childElements(body)) {
    if (entry.local !== entryName && !(entry.local === "conceptEntry" || entry.local === "termEntry")) {
      problems.push({ line: entry.line, message: `<${entry.name}> is not an entry; <body> holds <${entryName}> elements.` });
      continue;
    }
    const concept = readEntry(entry, problems, ignored, notes);
    const rawId = entry.attributes.id;
    if (rawId) {
      const first = seenIds.get(rawId);
      if (first !== undefined) problems.push({ line: entry.line, entry: rawId, field: "id", message: `The entry id "${rawId}" is used twice (first on line ${first}).` });
      else seenIds.set(rawId, entry.line);
    }
    if (concept) concepts.push(concept);
  }
  return { format, concepts, problems, ignored, notes: notes.list() };
}

/** A file id as a workbench concept id: ids written with a leading "_" (they start with a digit) lose it. */
export function conceptIdFromFile(raw: string | undefined): string | null {
  if (!raw) return null;
  const id = raw.startsWith("_") && /^_[0-9]/.test(raw) ? raw.slice(1) : raw;
  return isConceptId(id) ? id : null;
}

/** A concept id as an XML ID (which cannot start with a digit). */
export function conceptIdToFile(id: string): string {
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

function readEntry(entry: XmlElement, problems: ExchangeProblem[], ignored: ReturnType<typeof emptyIgnored>, languageNotes: LanguageNotes): ExchangeConcept | undefined {
  const label = entry.attributes.id || `line ${entry.line}`;
  const where = { entry: label, line: entry.line };
  let subject: string | null = null;
  let definition: string | null = null;
  let enDefinition: string | null = null;
  const notes: string[] = [];
  const terms: ExchangeTerm[] = [];
  let langSecs = 0;

  for (const child of childElements(entry)) {
    if (child.local === "langSec" || child.local === "langSet") {
      langSecs++;
      const result = readLangSec(child, label, problems, ignored, languageNotes);
      terms.push(...result.terms);
      if (result.lang === "en" && result.definition && !enDefinition) enDefinition = result.definition;
      continue;
    }
    if (child.local === "note" && (child.uri === TBX_NS || child.uri === "")) {
      const n = tidyNote(textContent(child));
      if (n) notes.push(n);
      continue;
    }
    const head = child.local.endsWith("Grp") ? groupHead(child) : child;
    const cat = head ? category(head) : undefined;
    if (cat === "subjectField" && head) {
      if (subject === null) subject = text(head);
      else count(ignored.categories, "subjectField (second)");
    } else if (cat === "definition" && head) {
      if (definition === null) definition = tidyNote(textContent(head));
      else count(ignored.categories, "definition (second)");
    } else count(ignored.categories, cat ?? child.local);
  }
  if (langSecs === 0) problems.push({ ...where, message: `The entry has no ${entry.local === "conceptEntry" ? "<langSec>" : "<langSet>"}.` });
  if (terms.length === 0) return undefined;

  const id = conceptIdFromFile(entry.attributes.id);
  const concept: ExchangeConcept = {
    id,
    subject: subject || null,
    definition: definition || enDefinition || null,
    note: notes.length ? notes.join("\n") : null,
    terms,
    entry: label,
    line: entry.line,
  };
  checkConcept(concept, problems);
  if (!terms.some((t) => t.lang === "en") && !id) {
    problems.push({ ...where, message: "The entry has no English term and no usable id (lowercase words joined by hyphens), so it cannot be matched or named." });
  }
  return concept;
}

function readLangSec(
  sec: XmlElement,
  entry: string,
  problems: ExchangeProblem[],
  ignored: ReturnType<typeof emptyIgnored>,
  languageNotes: LanguageNotes,
): { lang?: string; terms: ExchangeTerm[]; definition?: string } {
  const tag = sec.attributes["xml:lang"] ?? "";
  const termEls = childElements(sec).filter((c) => c.local === "termSec" || c.local === "tig" || c.local === "ntig");
  const where = { entry, line: sec.line };
  if (!tag) {
    problems.push({ ...where, field: "lang", message: `<${sec.name}> has no xml:lang.` });
    return { terms: [] };
  }
  const mapped = mapLanguage(tag);
  if ("error" in mapped) {
    if (mapped.kurdish) problems.push({ ...where, field: "lang", message: mapped.error });
    else ignored.languages[tag] = (ignored.languages[tag] ?? 0) + termEls.length;
    return { terms: [] };
  }
  const lang = mapped.lang;
  if (mapped.note && termEls.length > 0) languageNotes.add(tag, lang, mapped.note, termEls.length);
  if (termEls.length === 0) problems.push({ ...where, message: `<${sec.name} xml:lang="${tag}"> has no term.` });
  let definition: string | undefined;
  for (const child of childElements(sec)) {
    if (child.local === "termSec" || child.local === "tig" || child.local === "ntig") continue;
    const head = child.local.endsWith("Grp") ? groupHead(child) : child;
    const cat = head ? category(head) : child.local;
    if (cat === "definition" && head && definition === undefined) definition = tidyNote(textContent(head));
    else count(ignored.categories, cat ?? child.local);
  }
  const terms: ExchangeTerm[] = [];
  for (const el of termEls) {
    const t = readTerm(el, lang, entry, problems, ignored);
    if (t) terms.push(t);
  }
  return { lang, terms, definition };
}

function readTerm(el: XmlElement, lang: string, entry: string, problems: ExchangeProblem[], ignored: ReturnType<typeof emptyIgnored>): ExchangeTerm | undefined {
  const where = { entry, line: el.line };
  // ntig: <termGrp> holds the term and its termNotes; the rest sits beside it.
  const grp = el.local === "ntig" ? childElements(el, "termGrp")[0] : undefined;
  const holder = grp ?? el;
  const termEl = childElements(holder, "term")[0];
  if (!termEl) {
    problems.push({ ...where, field: "term", message: `<${el.name}> has no <term>.` });
    return undefined;
  }
  const termText = text(termEl);
  let type: TermType | undefined;
  let typePos: PartOfSpeech | undefined;
  let pos: PartOfSpeech | undefined;
  let usage: Usage | undefined;
  const userNotes: string[] = [];
  const wb: WorkbenchFields = {};
  const transacs: TransacInfo[] = [];

  const termNote = (note: XmlElement, cat: string) => {
    const value = text(note);
    const at = { ...where, line: note.line };
    if (cat === "termType") {
      const m = importTermType(value);
      if (!m) problems.push({ ...at, field: "termType", message: `termType "${value}" is not a known term type.` });
      else [type, typePos] = [m.type, m.pos];
    } else if (cat === "partOfSpeech") {
      const p = importPartOfSpeech(value);
      if (!p) problems.push({ ...at, field: "partOfSpeech", message: `partOfSpeech "${value}" is not one the workbench knows (noun, proper noun, verb, adjective, other).` });
      else pos = p;
    } else if (cat === "administrativeStatus" || cat === "normativeAuthorization") {
      const u = importUsage(value);
      if (!u) problems.push({ ...at, field: "administrativeStatus", message: `administrativeStatus "${value}" is not a known status (preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts).` });
      else usage = u;
    } else count(ignored.categories, cat);
  };

  const visit = (child: XmlElement) => {
    if (child === termEl) return;
    if (child.local === "termGrp") {
      childElements(child).forEach(visit);
      return;
    }
    if (child.local === "note" && (child.uri === TBX_NS || child.uri === "")) {
      readNote(child, wb, userNotes, { ...where, line: child.line }, problems);
      return;
    }
    if (child.local === "transacGrp") {
      transacs.push(readTransac(child, { ...where, line: child.line }, problems));
      return;
    }
    if (child.local === "termNoteGrp") {
      const head = groupHead(child);
      if (head) termNote(head, category(head)!);
      return;
    }
    const head = child.local.endsWith("Grp") ? groupHead(child) : child;
    const cat = head ? category(head) : undefined;
    if (!cat) {
      count(ignored.categories, child.local);
      return;
    }
    if (["termType", "partOfSpeech", "administrativeStatus", "normativeAuthorization"].includes(cat) && head) termNote(head, cat);
    else count(ignored.categories, cat);
  };
  childElements(el).forEach(visit);

  const origination = transacs.filter((t) => t.kind === "origination");
  const modification = transacs.filter((t) => t.kind === "modification").sort((a, b) => (a.at ?? "").localeCompare(b.at ?? ""));
  const proposed = origination[0];
  const reviewed = modification[modification.length - 1];
  const term: ExchangeTerm = {
    lang,
    text: termText,
    type: type ?? "fullForm",
    pos: wb.pos ?? pos ?? typePos ?? "noun",
    usage: usage ?? "preferred",
    caseSensitive: wb.caseSensitive ?? false,
    doNotTranslate: wb.doNotTranslate ?? false,
    commonWord: wb.commonWord ?? false,
    plainVowels: wb.plainVowels ?? false,
    note: [...(wb.note !== undefined ? [wb.note] : []), ...userNotes].join("\n") || null,
    status: wb.status ?? null,
    proposedBy: proposed?.by ?? null,
    proposedAt: proposed?.at ?? null,
    reviewedBy: reviewed?.by ?? null,
    reviewedAt: reviewed?.at ?? null,
    reviewComment: wb.reviewComment ?? null,
    line: el.line,
  };
  checkTerm(term, { entry }, problems);
  return term;
}

function readNote(note: XmlElement, wb: WorkbenchFields, userNotes: string[], where: Omit<ExchangeProblem, "message">, problems: ExchangeProblem[]): void {
  const raw = textContent(note);
  const trimmed = raw.trim();
  if (!trimmed.startsWith(WORKBENCH_NOTE)) {
    const n = tidyNote(raw);
    if (n) userNotes.push(n);
    return;
  }
  const body = trimmed.slice(WORKBENCH_NOTE.length);
  const eq = body.indexOf("=");
  const key = (eq === -1 ? body : body.slice(0, eq)).trim();
  const value = eq === -1 ? "" : body.slice(eq + 1);
  const at = { ...where, field: key || "note" };
  switch (key as (typeof WORKBENCH_KEYS)[number]) {
    case "status":
      if (isTermStatus(value.trim())) wb.status = value.trim() as TermStatus;
      else problems.push({ ...at, message: `workbench:status "${value.trim()}" is not a workflow status (proposed, approved, rejected, deprecated).` });
      return;
    case "caseSensitive":
    case "doNotTranslate":
    case "commonWord":
    case "plainVowels": {
      const v = value.trim();
      if (v === "true" || v === "false") wb[key as "caseSensitive" | "doNotTranslate" | "commonWord" | "plainVowels"] = v === "true";
      else problems.push({ ...at, message: `workbench:${key} must be true or false, not "${v}".` });
      return;
    }
    case "pos":
      if ((PARTS_OF_SPEECH as readonly string[]).includes(value.trim())) wb.pos = value.trim() as PartOfSpeech;
      else problems.push({ ...at, message: `workbench:pos "${value.trim()}" is not one of ${PARTS_OF_SPEECH.join(", ")}.` });
      return;
    case "reviewComment":
      wb.reviewComment = value;
      return;
    case "note":
      wb.note = value;
      return;
    default:
      problems.push({ ...at, field: "note", message: `"${WORKBENCH_NOTE}${key}" is not a workbench field (${WORKBENCH_KEYS.join(", ")}).` });
  }
}

function readTransac(grp: XmlElement, where: Omit<ExchangeProblem, "message">, problems: ExchangeProblem[]): TransacInfo {
  const info: TransacInfo = { kind: "", by: null, at: null };
  for (const c of childElements(grp)) {
    const cat = category(c);
    if (c.local === "date" && (c.uri === TBX_NS || c.uri === "")) {
      const raw = text(c);
      const at = parseTimestamp(raw);
      if (!at) problems.push({ ...where, line: c.line, field: "date", message: `"${raw}" is not a date (write ISO 8601, e.g. 2026-11-26 or 2026-11-26T14:05:00Z).` });
      else info.at = at;
    } else if (cat === "transactionType") info.kind = text(c);
    else if (cat === "responsibility") info.by = text(c) || null;
  }
  return info;
}

export type TbxVersion = "v3" | "2008";

const HEADER_NOTE =
  "Exported by the Newsroom Workbench. Workflow status, case sensitivity, do-not-translate, proper nouns and review comments are kept in notes that start with \"workbench:\".";

/** Writes concepts as TBX-Basic: TBX v3 (ISO 30042:2019, DCA style) or TBX 2008 (martif). */
export function serializeTbx(concepts: readonly ExchangeConcept[], version: TbxVersion = "v3"): string {
  const v3 = version === "v3";
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const ind = (n: number) => "  ".repeat(n);
  if (v3) {
    out.push(`<tbx xmlns="${TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en">`);
    out.push(`${ind(1)}<tbxHeader>`, `${ind(2)}<fileDesc>`, `${ind(3)}<sourceDesc>`, `${ind(4)}${xmlElement("p", {}, HEADER_NOTE)}`, `${ind(3)}</sourceDesc>`, `${ind(2)}</fileDesc>`, `${ind(1)}</tbxHeader>`);
  } else {
    out.push('<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">', '<martif type="TBX-Basic" xml:lang="en">');
    out.push(
      `${ind(1)}<martifHeader>`,
      `${ind(2)}<fileDesc>`,
      `${ind(3)}<sourceDesc>`,
      `${ind(4)}${xmlElement("p", {}, HEADER_NOTE)}`,
      `${ind(3)}</sourceDesc>`,
      `${ind(2)}</fileDesc>`,
      `${ind(2)}<encodingDesc>`,
      `${ind(3)}${xmlElement("p", { type: "XCSURI" }, "TBXBasicXCSV02.xcs")}`,
      `${ind(2)}</encodingDesc>`,
      `${ind(1)}</martifHeader>`,
    );
  }
  const withTerms = concepts.filter((c) => c.terms.length > 0);
  if (withTerms.length === 0 && v3) {
    out.push(`${ind(1)}<text/>`, "</tbx>", "");
    return out.join("\n");
  }
  out.push(`${ind(1)}<text>`, `${ind(2)}<body>`);
  for (const c of withTerms) {
    out.push(`${ind(3)}<${v3 ? "conceptEntry" : "termEntry"} id="${escapeXmlAttribute(conceptIdToFile(c.id ?? ""))}">`);
    if (c.subject) out.push(`${ind(4)}${xmlElement("descrip", { type: "subjectField" }, c.subject)}`);
    if (c.definition) out.push(`${ind(4)}${xmlElement("descrip", { type: "definition" }, c.definition)}`);
    if (c.note) out.push(`${ind(4)}${xmlElement("note", {}, c.note)}`);
    const langs = [...new Set(c.terms.map((t) => t.lang))];
    for (const lang of langs) {
      out.push(`${ind(4)}<${v3 ? "langSec" : "langSet"} xml:lang="${escapeXmlAttribute(lang)}">`);
      for (const t of c.terms.filter((x) => x.lang === lang)) out.push(...termLines(t, v3, ind(5)));
      out.push(`${ind(4)}</${v3 ? "langSec" : "langSet"}>`);
    }
    out.push(`${ind(3)}</${v3 ? "conceptEntry" : "termEntry"}>`);
  }
  out.push(`${ind(2)}</body>`, `${ind(1)}</text>`, v3 ? "</tbx>" : "</martif>", "");
  return out.join("\n");
}

function termLines(t: ExchangeTerm, v3: boolean, pad: string): string[] {
  const inner = pad + "  ";
  const lines = [`${pad}<${v3 ? "termSec" : "tig"}>`, `${inner}${xmlElement("term", {}, t.text)}`];
  lines.push(`${inner}${xmlElement("termNote", { type: "termType" }, EXPORT_TYPE[t.type])}`);
  lines.push(`${inner}${xmlElement("termNote", { type: "partOfSpeech" }, EXPORT_POS[t.pos])}`);
  lines.push(`${inner}${xmlElement("termNote", { type: "administrativeStatus" }, EXPORT_USAGE[t.usage])}`);
  const transac = (kind: string, by: string | null, at: string | null) => {
    if (!by && !at) return;
    lines.push(`${inner}<transacGrp>`, `${inner}  ${xmlElement("transac", { type: "transactionType" }, kind)}`);
    if (at) lines.push(`${inner}  ${xmlElement("date", {}, at)}`);
    if (by) lines.push(`${inner}  ${xmlElement("transacNote", { type: "responsibility" }, by)}`);
    lines.push(`${inner}</transacGrp>`);
  };
  transac("origination", t.proposedBy, t.proposedAt);
  transac("modification", t.reviewedBy, t.reviewedAt);
  const note = (s: string) => lines.push(`${inner}${xmlElement("note", {}, s)}`);
  if (t.note) note(t.note.trim().startsWith(WORKBENCH_NOTE) ? `${WORKBENCH_NOTE}note=${t.note}` : t.note);
  if (t.status) note(`${WORKBENCH_NOTE}status=${t.status}`);
  if (t.caseSensitive) note(`${WORKBENCH_NOTE}caseSensitive=true`);
  if (t.doNotTranslate) note(`${WORKBENCH_NOTE}doNotTranslate=true`);
  if (t.commonWord) note(`${WORKBENCH_NOTE}commonWord=true`);
  if (t.plainVowels) note(`${WORKBENCH_NOTE}plainVowels=true`);
  if (EXPORT_POS[t.pos] === "noun" && t.pos !== "noun") note(`${WORKBENCH_NOTE}pos=${t.pos}`);
  if (t.reviewComment) note(`${WORKBENCH_NOTE}reviewComment=${t.reviewComment}`);
  lines.push(`${pad}</${v3 ? "termSec" : "tig"}>`);
  return lines;
}
