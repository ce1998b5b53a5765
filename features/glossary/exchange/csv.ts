/**
 * CSV reading and writing. Writes the workbench layout: one row per term,
 * a header naming every field, RFC 4180 quoting, CRLF, UTF-8 with a byte
 * order mark so spreadsheets open it as UTF-8. Reads that layout and the two
 * TICO-19 term-list layouts (`id,sourceLang,targetLang,sourceString,targetString`
 * and `stringID,sourceLang,targetLang,pos,description,sourceString,targetString`).
 * Parsed by hand (a few dozen lines) so every problem names the line its
 * record starts on, and all of them are reported. Pure, no I/O.
 */
import { TERM_STATUSES } from "@/lib/db/schema";
import {
  PARTS_OF_SPEECH,
  TERM_TYPES,
  USAGES,
  checkConcept,
  checkTerm,
  emptyIgnored,
  isConceptId,
  isTermStatus,
  mapLanguage,
  kurdishByScript,
  LanguageNotes,
  parseTimestamp,
  type ExchangeConcept,
  type ExchangeProblem,
  type ExchangeTerm,
  type ParsedGlossary,
  type PartOfSpeech,
  type TermType,
  type Usage,
} from "./model";
import { importPartOfSpeech } from "./tbx-categories";

/** The workbench layout's columns, in order. */
export const CSV_COLUMNS = [
  "conceptId",
  "subject",
  "definition",
  "conceptNote",
  "lang",
  "text",
  "type",
  "pos",
  "usage",
  "caseSensitive",
  "doNotTranslate",
  "commonWord",
  "plainVowels",
  "note",
  "status",
  "proposedBy",
  "proposedAt",
  "reviewedBy",
  "reviewedAt",
  "reviewComment",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const TICO_F = ["id", "sourceLang", "targetLang", "sourceString", "targetString"];
const TICO_G = ["stringID", "sourceLang", "targetLang", "pos", "description", "sourceString", "targetString"];

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line the record starts on. */
  readonly line: number;
}

/** Splits RFC 4180 text into records (CRLF or LF), reporting malformed quoting with its line. */
export function parseCsvRecords(text: string, problems: ExchangeProblem[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
    afterQuote = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      afterQuote = false;
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else if (c === '"' && field === "" && !afterQuote) {
      quoted = true;
      i++;
    } else {
      if (afterQuote || c === '"') {
        problems.push({ line, message: `A quote character is misplaced (a quoted field must be the whole field; write "" for a quote inside it).` });
        // Skip the rest of the record so one slip is one problem.
        while (i < n && text[i] !== "\n" && text[i] !== "\r") i++;
        fields = [];
        field = "";
        afterQuote = false;
        continue;
      }
      field += c;
      i++;
    }
  }
  if (quoted) problems.push({ line: recordLine, message: "A quoted field is never closed (missing closing quote)." });
  else if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/** Decodes CSV bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; invalid UTF-8 is a problem with its line. */
export function decodeCsv(bytes: Uint8Array): { text?: string; problem?: ExchangeProblem } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    let good = 0;
    let bad = body.length;
    while (bad - good > 1) {
      const mid = (good + bad) >>> 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, mid), { stream: true });
        good = mid;
      } catch {
        bad = mid;
      }
    }
    const line = new TextDecoder().decode(body.subarray(0, good)).split("\n").length;
    return { problem: { line, message: `The file is not valid UTF-8 (line ${line}). Save it as CSV UTF-8.` } };
  }
}

/** Parses a CSV glossary: the workbench layout or a TICO-19 term list. */
export function parseCsv(bytes: Uint8Array | string): ParsedGlossary {
  const ignored = emptyIgnored();
  const problems: ExchangeProblem[] = [];
  let text: string;
  if (typeof bytes === "string") text = bytes.replace(/^\uFEFF/, "");
  else {
    const decoded = decodeCsv(bytes);
    if (!decoded.text && decoded.problem) return { format: "csv", concepts: [], problems: [decoded.problem], ignored };
    text = decoded.text ?? "";
  }
  const records = parseCsvRecords(text, problems);
  const notes = new LanguageNotes();
  const header = records[0];
  if (!header) return { format: "csv", concepts: [], problems: [...problems, { line: 1, message: "The file is empty." }], ignored };
  const names = header.fields.map((f) => f.trim());
  const rows = records.slice(1);
  const same = (a: readonly string[]) => a.length === names.length && a.every((x, i) => x === names[i]);
  let concepts: ExchangeConcept[];
  if (same(TICO_F) || same(TICO_G)) concepts = parseTico(names, rows, problems, notes);
  else if (names.includes("lang") && names.includes("text")) concepts = parseWorkbench(names, header.line, rows, problems, notes);
  else {
    problems.push({
      line: header.line,
      message: `The header does not match a known layout: the workbench layout (${CSV_COLUMNS.join(",")}) or a TICO-19 term list (${TICO_F.join(",")} or ${TICO_G.join(",")}).`,
    });
    concepts = [];
  }
  if (rows.length === 0) problems.push({ line: header.line, message: "The file has a header but no rows." });
  return { format: "csv", concepts, problems, ignored, notes: notes.list() };
}

function fieldCountProblem(r: CsvRecord, expected: number): ExchangeProblem | undefined {
  return r.fields.length === expected ? undefined : { line: r.line, message: `The row has ${r.fields.length} fields; the header has ${expected}.` };
}

const defaults = { type: "fullForm" as TermType, usage: "preferred" as Usage, caseSensitive: false, doNotTranslate: false, commonWord: false, plainVowels: false, note: null, status: null, proposedBy: null, proposedAt: null, reviewedBy: null, reviewedAt: null, reviewComment: null };

function parseTico(names: string[], rows: CsvRecord[], problems: ExchangeProblem[], notes: LanguageNotes): ExchangeConcept[] {
  const col = (r: CsvRecord, name: string) => (r.fields[names.indexOf(name)] ?? "").trim();
  const concepts: ExchangeConcept[] = [];
  for (const r of rows) {
    const wrong = fieldCountProblem(r, names.length);
    if (wrong) {
      problems.push(wrong);
      continue;
    }
    const rowId = col(r, names[0]!);
    const entry = `row ${rowId || r.line}`;
    let pos: PartOfSpeech = "noun";
    if (names.includes("pos") && col(r, "pos")) {
      const p = importPartOfSpeech(col(r, "pos"));
      if (p) pos = p;
      else problems.push({ line: r.line, entry, field: "pos", message: `pos "${col(r, "pos")}" is not one of noun, proper noun, verb, adjective.` });
    }
    const terms: ExchangeTerm[] = [];
    let ok = true;
    for (const side of ["source", "target"] as const) {
      const tag = col(r, `${side}Lang`);
      const mapped = mapLanguage(tag);
      if ("error" in mapped) {
        problems.push({ line: r.line, entry, field: `${side}Lang`, message: mapped.error });
        ok = false;
        continue;
      }
      const text = col(r, `${side}String`).replace(/\s+/g, " ");
      const resolved = mapped.note ? mapped : kurdishByScript(tag, mapped.lang, text);
      if (resolved.note) notes.add(tag, resolved.lang, resolved.note);
      const term: ExchangeTerm = { ...defaults, lang: resolved.lang, text, pos, line: r.line };
      checkTerm(term, { entry }, problems);
      terms.push(term);
    }
    if (!ok) continue;
    if (terms[0]!.lang === terms[1]!.lang) problems.push({ line: r.line, entry, message: `sourceLang and targetLang are both ${terms[0]!.lang}.` });
    if (!terms.some((t) => t.lang === "en")) problems.push({ line: r.line, entry, message: "The row has no English side, so it cannot be matched to a concept." });
    const description = names.includes("description") ? col(r, "description").replace(/\s+/g, " ") : "";
    const concept: ExchangeConcept = { id: null, subject: null, definition: description || null, note: null, terms, entry, line: r.line };
    checkConcept(concept, problems);
    concepts.push(concept);
  }
  return concepts;
}

const BOOL: Record<string, boolean> = { true: true, false: false, "1": true, "0": false, yes: true, no: false, "": false };

/** Undoes the export's guard against spreadsheet formulas (a leading ' before = + - @). */
function unguard(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function parseWorkbench(names: string[], headerLine: number, rows: CsvRecord[], problems: ExchangeProblem[], notes: LanguageNotes): ExchangeConcept[] {
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  for (const u of unknown) problems.push({ line: headerLine, field: u, message: `Unknown column "${u}" (the columns are ${CSV_COLUMNS.join(", ")}).` });
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  for (const d of dup) problems.push({ line: headerLine, field: d, message: `The column "${d}" appears twice.` });
  if (!names.includes("conceptId")) problems.push({ line: headerLine, field: "conceptId", message: 'The column "conceptId" is missing: rows are grouped into concepts by it.' });

  interface Building {
    concept: { id: string; subject: string | null; definition: string | null; note: string | null; line: number };
    terms: ExchangeTerm[];
  }
  const byId = new Map<string, Building>();
  for (const r of rows) {
    const wrong = fieldCountProblem(r, names.length);
    if (wrong) {
      problems.push(wrong);
      continue;
    }
    const raw = (c: Column) => unguard(names.includes(c) ? (r.fields[names.indexOf(c)] ?? "") : "");
    const get = (c: Column) => raw(c).trim();
    const id = get("conceptId");
    const entry = id || `line ${r.line}`;
    const at = { line: r.line, entry };
    const rowProblems: ExchangeProblem[] = [];
    if (!id) rowProblems.push({ ...at, field: "conceptId", message: "conceptId is empty." });
    else if (!isConceptId(id)) rowProblems.push({ ...at, field: "conceptId", message: `conceptId "${id}" is not a valid id (lowercase letters and digits in words joined by hyphens, at most 80 characters).` });

    const enumOf = <T extends string>(c: Column, values: readonly T[], fallback: T): T => {
      const v = get(c);
      if (!v) return fallback;
      if ((values as readonly string[]).includes(v)) return v as T;
      rowProblems.push({ ...at, field: c, message: `${c} "${v}" is not one of ${values.join(", ")}.` });
      return fallback;
    };
    const bool = (c: Column) => {
      const v = get(c).toLowerCase();
      if (v in BOOL) return BOOL[v]!;
      rowProblems.push({ ...at, field: c, message: `${c} must be true or false, not "${get(c)}".` });
      return false;
    };
    const time = (c: Column) => {
      const v = get(c);
      if (!v) return null;
      const t = parseTimestamp(v);
      if (!t) rowProblems.push({ ...at, field: c, message: `${c} "${v}" is not an ISO 8601 date and time.` });
      return t ?? null;
    };
    const langTag = get("lang");
    const mapped = mapLanguage(langTag);
    if ("error" in mapped) rowProblems.push({ ...at, field: "lang", message: mapped.error });
    else if (mapped.note) notes.add(langTag, mapped.lang, mapped.note);
    const status = get("status");
    if (status && !isTermStatus(status)) rowProblems.push({ ...at, field: "status", message: `status "${status}" is not one of ${TERM_STATUSES.join(", ")}.` });
    const term: ExchangeTerm = {
      lang: "lang" in mapped ? mapped.lang : langTag,
      text: get("text").replace(/\s+/g, " "),
      type: enumOf("type", TERM_TYPES, "fullForm"),
      pos: enumOf("pos", PARTS_OF_SPEECH, "noun"),
      usage: enumOf("usage", USAGES, "preferred"),
      caseSensitive: bool("caseSensitive"),
      doNotTranslate: bool("doNotTranslate"),
      commonWord: bool("commonWord"),
      plainVowels: bool("plainVowels"),
      note: raw("note") || null,
      status: status && isTermStatus(status) ? status : null,
      proposedBy: get("proposedBy") || null,
      proposedAt: time("proposedAt"),
      reviewedBy: get("reviewedBy") || null,
      reviewedAt: time("reviewedAt"),
      reviewComment: raw("reviewComment") || null,
      line: r.line,
    };
    if ("lang" in mapped) checkTerm(term, { entry }, rowProblems);
    problems.push(...rowProblems);
    if (rowProblems.length || !id) continue;

    const fields = { subject: get("subject") || null, definition: get("definition") || null, note: raw("conceptNote") || null };
    const existing = byId.get(id);
    if (!existing) {
      byId.set(id, { concept: { id, ...fields, line: r.line }, terms: [term] });
      continue;
    }
    for (const [k, column] of [["subject", "subject"], ["definition", "definition"], ["note", "conceptNote"]] as const) {
      const mine = fields[k];
      const theirs = existing.concept[k];
      if (mine !== null && theirs !== null && mine !== theirs) {
        problems.push({ ...at, field: column, message: `${column} differs from the one on line ${existing.concept.line} for the same concept.` });
      } else if (theirs === null && mine !== null) existing.concept[k] = mine;
    }
    existing.terms.push(term);
  }
  const concepts: ExchangeConcept[] = [];
  for (const { concept, terms } of byId.values()) {
    const c: ExchangeConcept = { ...concept, terms, entry: concept.id };
    checkConcept(c, problems);
    concepts.push(c);
  }
  return concepts;
}

/** Quotes a field when RFC 4180 needs it; guards against spreadsheet formulas with a leading '. */
function csvField(value: string | null | undefined): string {
  let v = value ?? "";
  if (/^'*[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes concepts in the workbench CSV layout (UTF-8 with BOM, CRLF). */
export function serializeCsv(concepts: readonly ExchangeConcept[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const c of concepts) {
    for (const t of c.terms) {
      const row: Record<Column, string | null> = {
        conceptId: c.id,
        subject: c.subject,
        definition: c.definition,
        conceptNote: c.note,
        lang: t.lang,
        text: t.text,
        type: t.type,
        pos: t.pos,
        usage: t.usage,
        caseSensitive: String(t.caseSensitive),
        doNotTranslate: String(t.doNotTranslate),
        commonWord: String(t.commonWord),
        plainVowels: String(t.plainVowels),
        note: t.note,
        status: t.status,
        proposedBy: t.proposedBy,
        proposedAt: t.proposedAt,
        reviewedBy: t.reviewedBy,
        reviewedAt: t.reviewedAt,
        reviewComment: t.reviewComment,
      };
      lines.push(CSV_COLUMNS.map((k) => csvField(row[k])).join(","));
    }
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
