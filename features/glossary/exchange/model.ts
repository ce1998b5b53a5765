/**
 * The neutral model glossary files are read into and written from: every
 * field the workbench stores for a concept and a term. Pure, no I/O.
 */
import { TERM_STATUSES, type TermStatus } from "@/lib/db/schema";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";

export const TERM_TYPES = ["fullForm", "abbreviation", "variant"] as const;
export const PARTS_OF_SPEECH = ["properNoun", "noun", "phrase", "adjective", "verb"] as const;
export const USAGES = ["preferred", "admitted", "forbidden"] as const;
export { TERM_STATUSES };

export type TermType = (typeof TERM_TYPES)[number];
export type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];
export type Usage = (typeof USAGES)[number];

/** Limits on imported text (the proposal form allows less; files may carry longer definitions). */
export const LIMITS = { term: 200, subject: 100, definition: 10_000, note: 10_000, person: 200, conceptId: 80 } as const;

export interface ExchangeTerm {
  readonly lang: string;
  readonly text: string;
  readonly type: TermType;
  readonly pos: PartOfSpeech;
  readonly usage: Usage;
  readonly caseSensitive: boolean;
  readonly doNotTranslate: boolean;
  /** Also an ordinary word: recognized only in a translation of a source that names the concept . */
  readonly commonWord: boolean;
  /** Also recognized typed without the language's own letters (Kurmanji ê î û as e i u). */
  readonly plainVowels: boolean;
  readonly note: string | null;
  /** Workflow status; null when the file does not say (the importer chooses). */
  readonly status: TermStatus | null;
  readonly proposedBy: string | null;
  /** ISO 8601 timestamps. */
  readonly proposedAt: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly reviewComment: string | null;
  /** Where the term is in the file (1-based line), for messages. */
  readonly line?: number;
}

export interface ExchangeConcept {
  /** The id in the file; null when it has none (CSV lists) or it is not a valid workbench id. */
  readonly id: string | null;
  readonly subject: string | null;
  readonly definition: string | null;
  readonly note: string | null;
  readonly terms: readonly ExchangeTerm[];
  /** How problems name this concept: the file's entry id, or the row. */
  readonly entry: string;
  readonly line?: number;
}

/** One problem in a file: where (line for CSV and XML, entry for XML), which field, and what is wrong. */
export interface ExchangeProblem {
  readonly line?: number;
  readonly entry?: string;
  readonly field?: string;
  readonly message: string;
}

/** Content a file holds that the workbench does not keep, counted for the import summary. */
export interface Ignored {
  /** Terms in languages the workbench does not have, by language tag. */
  readonly languages: Record<string, number>;
  /** Data categories the workbench does not keep (e.g. TBX `context`, `grammaticalGender`), by name. */
  readonly categories: Record<string, number>;
}

/** Terms whose language tag was read as a workbench language it does not name exactly (ku → kmr), for the import report. */
export interface LanguageNote {
  readonly tag: string;
  readonly lang: string;
  readonly terms: number;
  readonly message: string;
}

/** Collects LanguageNotes, one per tag and language. */
export class LanguageNotes {
  private readonly byKey = new Map<string, { tag: string; lang: string; terms: number; message: string }>();
  add(tag: string, lang: string, message: string, terms = 1): void {
    const key = `${tag}\u0000${lang}`;
    const n = this.byKey.get(key);
    if (n) n.terms += terms;
    else this.byKey.set(key, { tag, lang, terms, message });
  }
  list(): LanguageNote[] {
    return [...this.byKey.values()];
  }
}

export interface ParsedGlossary {
  readonly format: "tbx" | "tbx2008" | "csv";
  /** Language tags read as another workbench language code (plain ku as Kurmanji), shown in the import report. */
  readonly notes?: readonly LanguageNote[];
  readonly concepts: readonly ExchangeConcept[];
  readonly problems: readonly ExchangeProblem[];
  readonly ignored: Ignored;
}

export const CONCEPT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isConceptId(s: string): boolean {
  return s.length <= LIMITS.conceptId && CONCEPT_ID.test(s);
}

/**
 * Maps a language tag or locale code as files write it (`tr_TR`, `ar-SA`,
 * `EN`, `rus`) to a workbench language, or explains why it cannot.
 */
export function mapLanguage(tag: string): { lang: string; note?: string } | { error: string; kurdish?: boolean } {
  const raw = tag.trim();
  if (!raw) return { error: "The language is missing." };
  const norm = raw.replace(/_/g, "-").toLowerCase();
  const [primary = "", ...rest] = norm.split("-");
  // Facebook's locale for Central Kurdish; the script check decides whether the text is Sorani.
  if (norm === "cb-iq" || primary === "cb") return { lang: "ckb" };
  if (primary === "ckb") return { lang: "ckb" };
  if (primary === "kmr" || (primary === "ku" && rest.includes("latn"))) return { lang: "kmr" };
  if (primary === "ku" || primary === "kur") {
    if (rest.includes("arab") || rest.includes("iq") || rest.includes("ir")) {
      return { kurdish: true, error: `"${raw}" is ambiguous: tag Sorani (Central Kurdish, Arabic script) terms as ckb and Kurmanji (Latin script) terms as kmr.` };
    }
    // Plain ku is Kurmanji in practice (CLDR, TICO-19, Wikipedia): read it as kmr and say so.
    return { lang: "kmr", note: `Terms tagged "${raw}" (Kurdish) were read as Kurmanji (kmr, Latin script); tag Sorani terms ckb.` };
  }
  const three: Record<string, string> = { eng: "en", tur: "tr", rus: "ru", ara: "ar", arb: "ar" };
  const code = three[primary] ?? primary;
  if ((LANGUAGE_CODES as readonly string[]).includes(code)) return { lang: code };
  return { error: `"${raw}" is not a workbench language (${LANGUAGE_CODES.join(", ")}).` };
}

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\u08A0-\u08C9\uFB50-\uFDFB\uFE70-\uFEFC]/;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/;

/** Why a term cannot be in its language, if it cannot: Sorani is written in Arabic script, Kurmanji in Latin script. */
export function scriptProblem(lang: string, text: string): string | undefined {
  if (lang === "ckb" && !ARABIC_LETTER.test(text) && LATIN_LETTER.test(text)) {
    return `"${text}" is in Latin script: Sorani (ckb) terms are written in Arabic script. Latin-script Kurdish is Kurmanji: tag it kmr.`;
  }
  if (lang === "kmr" && ARABIC_LETTER.test(text) && !LATIN_LETTER.test(text)) {
    return `"${text}" is in Arabic script: Kurmanji (kmr) terms are written in Latin script. Arabic-script Kurdish is Sorani: tag it ckb.`;
  }
  return undefined;
}

/**
 * The language of a Kurdish term tagged with Facebook's cb / cb_IQ, which
 * TICO-19 uses for Latin-script Kurmanji lists as well as for Sorani: the
 * script decides (Latin → kmr, with a note).
 */
export function kurdishByScript(tag: string, lang: string, text: string): { lang: string; note?: string } {
  const primary = tag.trim().replace(/_/g, "-").toLowerCase().split("-")[0];
  if (lang === "ckb" && primary === "cb" && LATIN_LETTER.test(text) && !ARABIC_LETTER.test(text)) {
    return { lang: "kmr", note: `Terms tagged "${tag.trim()}" in Latin script were read as Kurmanji (kmr); Sorani is written in Arabic script.` };
  }
  return { lang };
}

/** Collapses whitespace runs to one space and trims (term texts, subjects, definitions from pretty-printed files). */
export function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Trims a note and the indentation a pretty-printer put after its line breaks; keeps the line breaks. */
export function tidyNote(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n[ \t]+/g, "\n")
    .trim();
}

/**
 * Parses the date and time formats termbases write (ISO 8601 extended or
 * basic, with or without time or zone; no zone means UTC) into an ISO 8601
 * UTC timestamp, or undefined.
 */
export function parseTimestamp(s: string): string | undefined {
  const v = s.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", sec = "00", frac = "", zone = "Z"] = m;
  const ms = frac ? `.${(frac + "00").slice(0, 3)}` : ".000";
  const z = zone.toUpperCase() === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${ms}${z}`);
  if (Number.isNaN(date.getTime())) return undefined;
  // Reject dates the Date constructor rolled over (2021-02-30).
  if (z === "Z" && (date.getUTCMonth() + 1 !== Number(mo) || date.getUTCDate() !== Number(d))) return undefined;
  return date.toISOString();
}

const STATUS_SET = new Set<string>(TERM_STATUSES);
export function isTermStatus(s: string): s is TermStatus {
  return STATUS_SET.has(s);
}

/** Checks what every format shares: texts present and within limits, the script of Sorani terms. Appends problems. */
export function checkTerm(t: ExchangeTerm, where: Omit<ExchangeProblem, "message" | "field">, problems: ExchangeProblem[]): void {
  const at = { ...where, line: t.line ?? where.line };
  if (!t.text) problems.push({ ...at, field: "text", message: `The ${t.lang} term is empty.` });
  else if (t.text.length > LIMITS.term) problems.push({ ...at, field: "text", message: `The ${t.lang} term "${t.text.slice(0, 40)}…" is longer than ${LIMITS.term} characters.` });
  const script = t.text ? scriptProblem(t.lang, t.text) : undefined;
  if (script) problems.push({ ...at, field: "text", message: script });
  if (t.note && t.note.length > LIMITS.note) problems.push({ ...at, field: "note", message: `The note is longer than ${LIMITS.note} characters.` });
  if (t.reviewComment && t.reviewComment.length > LIMITS.note) problems.push({ ...at, field: "reviewComment", message: `The review comment is longer than ${LIMITS.note} characters.` });
  for (const field of ["proposedBy", "reviewedBy"] as const) {
    const v = t[field];
    if (v && v.length > LIMITS.person) problems.push({ ...at, field, message: `${field} is longer than ${LIMITS.person} characters.` });
  }
}

/** Checks the concept-level fields. Appends problems. */
export function checkConcept(c: ExchangeConcept, problems: ExchangeProblem[]): void {
  const at = { entry: c.entry, line: c.line };
  if (c.subject && c.subject.length > LIMITS.subject) problems.push({ ...at, field: "subject", message: `The subject is longer than ${LIMITS.subject} characters.` });
  if (c.definition && c.definition.length > LIMITS.definition) problems.push({ ...at, field: "definition", message: `The definition is longer than ${LIMITS.definition} characters.` });
  if (c.note && c.note.length > LIMITS.note) problems.push({ ...at, field: "note", message: `The note is longer than ${LIMITS.note} characters.` });
}

/** The order terms are written in: the workbench's languages in table order, then by proposal time and text. */
export function compareTerms(a: ExchangeTerm, b: ExchangeTerm): number {
  const rank = (l: string) => {
    const i = (LANGUAGE_CODES as readonly string[]).indexOf(l);
    return i === -1 ? LANGUAGE_CODES.length : i;
  };
  return rank(a.lang) - rank(b.lang) || a.lang.localeCompare(b.lang) || (a.proposedAt ?? "").localeCompare(b.proposedAt ?? "") || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

export function emptyIgnored(): { languages: Record<string, number>; categories: Record<string, number> } {
  return { languages: {}, categories: {} };
}

export function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
