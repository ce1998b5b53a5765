import "server-only";
import type { Kysely, Transaction } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { TERM_STATUSES, type Database, type TermRow, type TermStatus } from "@/lib/db/schema";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { newId } from "@/features/stories/stories";
import {
  EXPORT_FORMATS,
  IMPORT_FORMATS,
  PARTS_OF_SPEECH,
  compareTerms,
  exportFileType,
  type ExchangeConcept,
  type ExchangeProblem,
  type ExchangeTerm,
  type ExportFormat,
  type Ignored,
  type LanguageNote,
  type ParsedGlossary,
} from "../exchange";
import { bumpGlossaryVersion, foldForSearch } from "./repository";
import { foldConceptSearch } from "@/lib/text/fold";
import { readRequestBytes as readBody } from "@/lib/api/body";

type Db = Kysely<Database> | Transaction<Database>;

/** Subject of imported concepts whose file gives none. */
export const DEFAULT_SUBJECT = "general";

export interface ExportFilter {
  /** Languages to include (all when empty or undefined). */
  readonly langs?: readonly string[];
  /** Workflow statuses to include. */
  readonly statuses: readonly TermStatus[];
  /** Whether proposer, reviewer and review comment are included (team members only). */
  readonly includePeople: boolean;
}

/** The glossary as neutral concepts: every concept with at least one term that passes the filter, terms in a stable order. */
export async function exportConcepts(db: Db, filter: ExportFilter): Promise<ExchangeConcept[]> {
  if (filter.statuses.length === 0) return [];
  let tq = db.selectFrom("terms").selectAll().where("status", "in", [...filter.statuses]);
  if (filter.langs?.length) tq = tq.where("lang", "in", [...filter.langs]);
  const [concepts, terms] = await Promise.all([db.selectFrom("concepts").selectAll().orderBy("id").execute(), tq.execute()]);
  const byConcept = new Map<string, ExchangeTerm[]>();
  for (const t of terms) {
    const list = byConcept.get(t.concept_id) ?? [];
    list.push(termFromRow(t, filter.includePeople));
    byConcept.set(t.concept_id, list);
  }
  return concepts
    .filter((c) => byConcept.has(c.id))
    .map((c) => ({
      id: c.id,
      subject: c.subject,
      definition: c.definition || null,
      note: c.note || null,
      terms: byConcept.get(c.id)!.sort(compareTerms),
      entry: c.id,
    }));
}

function termFromRow(t: TermRow, people: boolean): ExchangeTerm {
  return {
    lang: t.lang,
    text: t.text,
    type: t.type,
    pos: (PARTS_OF_SPEECH as readonly string[]).includes(t.pos) ? (t.pos as ExchangeTerm["pos"]) : "noun",
    usage: t.usage,
    caseSensitive: t.case_sensitive === 1,
    doNotTranslate: t.do_not_translate === 1,
    commonWord: t.common_word === 1,
    plainVowels: t.plain_vowels === 1,
    note: t.note || null,
    status: t.status,
    proposedBy: people ? t.proposed_by : null,
    proposedAt: t.proposed_at,
    reviewedBy: people ? t.reviewed_by : null,
    reviewedAt: t.reviewed_at,
    reviewComment: people ? t.review_comment : null,
  };
}

export interface ImportOptions {
  /** Who imports (recorded as proposer or reviewer where the file names none, and on every event). */
  readonly actorId: string;
  /** The file's name, recorded on every event. */
  readonly fileName: string;
  /** Status of imported terms whose file does not carry one. */
  readonly defaultStatus: "proposed" | "approved";
  /** Report what would happen and write nothing. */
  readonly dryRun: boolean;
  /** Called when the plan is made and the writing begins, with the concepts and terms it adds. */
  readonly onWrite?: (rows: number) => void;
}

export interface ImportSummary {
  readonly dryRun: boolean;
  readonly fileName: string;
  readonly format: ParsedGlossary["format"];
  readonly conceptsCreated: number;
  readonly conceptsMatched: number;
  readonly termsAdded: number;
  /** Terms the concept already has in that language with the same text (left as they are). */
  readonly termsPresent: number;
  /** What happens to each of the file's concepts, in file order: the first SUMMARY_LIST_CAP of them (the counts above cover all). */
  readonly concepts: { entry: string; conceptId: string; action: "create" | "match"; matchedBy?: "english" | "id"; filled?: string[] }[];
  /** What happens to each of the file's terms, in file order: the first SUMMARY_LIST_CAP of them. */
  readonly terms: { conceptId: string; lang: string; text: string; status: TermStatus; action: "add" | "present" }[];
  /** What the file holds that the workbench does not keep. */
  readonly ignored: Ignored;
  /** Language tags read as a workbench language they do not name exactly (ku → kmr). */
  readonly languageNotes: readonly LanguageNote[];
}

/**
 * How many concepts and terms an import summary lists one by one. A 20 MB file
 * has hundreds of thousands; listing them all made the answer megabytes of
 * JSON, copied back from the import worker and serialized on the request
 * thread while other requests waited.
 */
export const SUMMARY_LIST_CAP = 1000;

export type ImportResult = { readonly ok: true; readonly summary: ImportSummary } | { readonly ok: false; readonly problems: readonly ExchangeProblem[]; readonly ignored: Ignored };

/** A concept id from a term: lowercase ASCII words joined by hyphens. */
export function slugify(text: string): string {
  const ascii = text
    .replace(/[ıİ]/g, "i")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[đĐ]/g, "d")
    .replace(/[łŁ]/g, "l")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= 80) return slug;
  const cut = slug.slice(0, 80);
  return cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
}

interface Plan {
  readonly newConcepts: { id: string; subject: string; definition: string; note: string | null; entry: string }[];
  readonly filled: { id: string; definition: string }[];
  readonly newTerms: TermRow[];
  readonly summary: Omit<ImportSummary, "dryRun" | "fileName" | "format" | "ignored" | "languageNotes">;
}

/** Decides, without writing, what importing the file does: which concepts are created or matched and which terms are added. */
async function plan(db: Db, file: ParsedGlossary, options: ImportOptions, now: string): Promise<Plan> {
  const [concepts, terms] = await Promise.all([
    db.selectFrom("concepts").select(["id", "definition"]).orderBy("id").execute(),
    db.selectFrom("terms").select(["concept_id", "lang", "text"]).orderBy("concept_id").orderBy("proposed_at").execute(),
  ]);
  const definitions = new Map(concepts.map((c) => [c.id, c.definition]));
  const ids = new Set(definitions.keys());
  const english = new Map<string, string>();
  const present = new Set<string>();
  const key = (conceptId: string, lang: string, text: string) => `${conceptId}\u0000${lang}\u0000${text}`;
  for (const t of terms) {
    present.add(key(t.concept_id, t.lang, t.text));
    if (t.lang === "en" && !english.has(foldForSearch(t.text))) english.set(foldForSearch(t.text), t.concept_id);
  }

  const out: Plan = { newConcepts: [], filled: [], newTerms: [], summary: { conceptsCreated: 0, conceptsMatched: 0, termsAdded: 0, termsPresent: 0, concepts: [], terms: [] } };
  const summary = out.summary as { -readonly [K in keyof Plan["summary"]]: Plan["summary"][K] };
  const unique = (base: string) => {
    const stem = base || "concept";
    if (!ids.has(stem)) return stem;
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      const candidate = `${stem.slice(0, 80 - suffix.length).replace(/-+$/, "")}${suffix}`;
      if (!ids.has(candidate)) return candidate;
    }
  };

  for (const c of file.concepts) {
    const en = c.terms.filter((t) => t.lang === "en");
    let target: string | undefined;
    let matchedBy: "english" | "id" | undefined;
    for (const t of en) {
      const hit = english.get(foldForSearch(t.text));
      if (hit) {
        [target, matchedBy] = [hit, "english"];
        break;
      }
    }
    if (!target && en.length === 0 && c.id && ids.has(c.id)) [target, matchedBy] = [c.id, "id"];
    if (target) {
      const filled: string[] = [];
      if (!definitions.get(target) && c.definition) {
        definitions.set(target, c.definition);
        const created = out.newConcepts.find((n) => n.id === target);
        if (created) created.definition = c.definition;
        else out.filled.push({ id: target, definition: c.definition });
        filled.push("definition");
      }
      summary.conceptsMatched++;
      if (summary.concepts.length < SUMMARY_LIST_CAP) summary.concepts.push({ entry: c.entry, conceptId: target, action: "match", matchedBy, ...(filled.length ? { filled } : {}) });
    } else {
      target = c.id && !ids.has(c.id) ? c.id : unique(slugify(en[0]?.text ?? c.id ?? ""));
      ids.add(target);
      definitions.set(target, c.definition ?? "");
      out.newConcepts.push({ id: target, subject: c.subject?.trim() || DEFAULT_SUBJECT, definition: c.definition ?? "", note: c.note, entry: c.entry });
      summary.conceptsCreated++;
      if (summary.concepts.length < SUMMARY_LIST_CAP) summary.concepts.push({ entry: c.entry, conceptId: target, action: "create" });
    }
    for (const t of c.terms) {
      const k = key(target, t.lang, t.text);
      if (present.has(k)) {
        summary.termsPresent++;
        if (summary.terms.length < SUMMARY_LIST_CAP) summary.terms.push({ conceptId: target, lang: t.lang, text: t.text, status: t.status ?? options.defaultStatus, action: "present" });
        continue;
      }
      present.add(k);
      if (t.lang === "en" && !english.has(foldForSearch(t.text))) english.set(foldForSearch(t.text), target);
      const row = termRow(target, t, options, now);
      out.newTerms.push(row);
      summary.termsAdded++;
      if (summary.terms.length < SUMMARY_LIST_CAP) summary.terms.push({ conceptId: target, lang: t.lang, text: t.text, status: row.status, action: "add" });
    }
  }
  return out;
}

/** The stored row for an imported term: the file's workflow fields when it carries a status, else the importer's choice. */
function termRow(conceptId: string, t: ExchangeTerm, options: ImportOptions, now: string): TermRow {
  const base = {
    id: newId("term"),
    concept_id: conceptId,
    lang: t.lang,
    text: t.text,
    type: t.type,
    pos: t.pos,
    usage: t.usage,
    case_sensitive: t.caseSensitive ? 1 : 0,
    do_not_translate: t.doNotTranslate ? 1 : 0,
    common_word: t.commonWord ? 1 : 0,
    plain_vowels: t.plainVowels ? 1 : 0,
    note: t.note,
    updated_at: now,
    text_fold: foldForSearch(t.text),
  };
  if (t.status) {
    // A workbench export: every workflow field is the file's, absent ones included.
    return { ...base, status: t.status, proposed_by: t.proposedBy, proposed_at: t.proposedAt ?? now, reviewed_by: t.reviewedBy, reviewed_at: t.reviewedAt, review_comment: t.reviewComment };
  }
  const approved = options.defaultStatus === "approved";
  return {
    ...base,
    status: options.defaultStatus,
    proposed_by: t.proposedBy ?? options.actorId,
    proposed_at: t.proposedAt ?? now,
    reviewed_by: approved ? (t.reviewedBy ?? options.actorId) : null,
    reviewed_at: approved ? (t.reviewedAt ?? now) : null,
    review_comment: t.reviewComment,
  };
}

async function insertInChunks<T>(rows: readonly T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Writes a plan: concepts, terms and one glossary event per change (the caller bumps the glossary version). */
async function apply(trx: Transaction<Database>, p: Plan, options: ImportOptions, format: string, now: string): Promise<void> {
  const event = (conceptId: string, termId: string | null, action: string, details: unknown) => ({
    id: newId("gev"),
    concept_id: conceptId,
    term_id: termId,
    action,
    actor_id: options.actorId,
    details: JSON.stringify(details),
    created_at: now,
  });
  await insertInChunks(p.newConcepts, 200, (chunk) =>
    trx
      .insertInto("concepts")
      .values(chunk.map((c) => ({ id: c.id, subject: c.subject, definition: c.definition, note: c.note, created_by: options.actorId, created_at: now, updated_at: now, search_fold: foldConceptSearch(c.id, c.definition) })))
      .execute(),
  );
  for (const f of p.filled) await trx.updateTable("concepts").set({ definition: f.definition, updated_at: now, search_fold: foldConceptSearch(f.id, f.definition) }).where("id", "=", f.id).where("definition", "=", "").execute();
  await insertInChunks(p.newTerms, 200, (chunk) => trx.insertInto("terms").values(chunk).execute());
  const events = [
    ...p.newConcepts.map((c) => event(c.id, null, "concept.import", { file: options.fileName, format, entry: c.entry })),
    ...p.filled.map((f) => event(f.id, null, "concept.import", { file: options.fileName, format, filled: ["definition"] })),
    ...p.newTerms.map((t) => event(t.concept_id, t.id, "term.import", { file: options.fileName, lang: t.lang, text: t.text, status: t.status })),
  ];
  await insertInChunks(events, 500, (chunk) => trx.insertInto("glossary_events").values(chunk).execute());
}

/**
 * Imports a parsed file all or nothing, in one transaction: any problem in
 * the file imports nothing and lists every problem. A dry run reports what a
 * real run would do and writes nothing.
 */
export async function importGlossary(db: Kysely<Database>, file: ParsedGlossary, options: ImportOptions): Promise<ImportResult> {
  if (file.problems.length > 0) return { ok: false, problems: file.problems, ignored: file.ignored };
  if (file.concepts.length === 0) {
    const skipped = Object.keys(file.ignored.languages);
    return {
      ok: false,
      ignored: file.ignored,
      problems: [{ message: `The file has no terms in the workbench's languages${skipped.length ? ` (it has ${skipped.join(", ")})` : ""}.` }],
    };
  }
  const now = new Date().toISOString();
  let summary: Plan["summary"];
  try {
    // Planned before the write transaction, which then only writes: short, and on SQLite its
    // first statement takes the write lock (waiting for another writer rather than failing, as
    // a read transaction upgraded to a write would). A concept or term created in between
    // meets the unique indexes below and rolls the import back.
    const p = await plan(db, file, options, now);
    summary = p.summary;
    if (!options.dryRun && p.newConcepts.length + p.filled.length + p.newTerms.length > 0) {
      options.onWrite?.(p.newConcepts.length + p.newTerms.length);
      await db.transaction().execute(async (trx) => {
        await bumpGlossaryVersion(trx);
        await apply(trx, p, options, file.format, now);
      });
    }
  } catch (error) {
    // Another import or proposal created the same concept or term between the plan and the write.
    if (/unique|duplicate key/i.test(String((error as Error)?.message))) throw new ApiError("version_conflict", "The glossary changed while the file was being imported; nothing was imported. Try again.");
    throw error;
  }
  return { ok: true, summary: { dryRun: options.dryRun, fileName: options.fileName, format: file.format, ...summary, ignored: file.ignored, languageNotes: file.notes ?? [] } };
}

/** The largest file the import accepts. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const list = <T extends string>(name: string, values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const items = (s ?? "")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      for (const item of items) if (!(values as readonly string[]).includes(item)) ctx.addIssue({ code: "custom", message: `${name} "${item}" is not one of ${values.join(", ")}.`, path: [name] });
      return items as T[];
    });

/** GET /api/v1/glossary/export query: ?format=tbx|tbx2008|csv&lang=tr,ru&status=approved,proposed */
export const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS).default("tbx"),
  lang: list("lang", LANGUAGE_CODES),
  status: list("status", TERM_STATUSES),
});

/** POST /api/v1/glossary/import query: ?format=tbx|csv&dryRun=1&status=proposed|approved&filename=… */
export const importQuerySchema = z.object({
  format: z.enum([...IMPORT_FORMATS, "tbx2008"]).transform((f) => (f === "tbx2008" ? "tbx" : f)),
  dryRun: z
    .enum(["1", "0", "true", "false", ""])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  status: z.enum(["proposed", "approved"]).default("proposed"),
  filename: z.string().trim().max(200).optional(),
});

const problemSchema = z.object({ line: z.number().int().optional(), entry: z.string().optional(), field: z.string().optional(), message: z.string() });
const ignoredSchema = z.object({ languages: z.record(z.string(), z.number().int()), categories: z.record(z.string(), z.number().int()) });

/** The import's answer (200; a file with problems answers 422 with details.problems, each shaped like `problemSchema`). */
export const importSummarySchema = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  format: z.enum(["tbx", "tbx2008", "csv"]),
  conceptsCreated: z.number().int(),
  conceptsMatched: z.number().int(),
  termsAdded: z.number().int(),
  termsPresent: z.number().int(),
  concepts: z.array(z.object({ entry: z.string(), conceptId: z.string(), action: z.enum(["create", "match"]), matchedBy: z.enum(["english", "id"]).optional(), filled: z.array(z.string()).optional() })),
  terms: z.array(z.object({ conceptId: z.string(), lang: z.string(), text: z.string(), status: z.enum(TERM_STATUSES), action: z.enum(["add", "present"]) })),
  ignored: ignoredSchema,
  languageNotes: z.array(z.object({ tag: z.string(), lang: z.string(), terms: z.number().int(), message: z.string() })),
});
export { problemSchema as importProblemSchema };

/** Query parameters as a plain object for zod. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** Reads a raw request body up to `maxBytes`; a larger one is 413 payload_too_large. */
export const readRequestBytes = (request: Request, maxBytes: number) => readBody(request, maxBytes, "The file");

/** At most this many problems are listed in one answer (a broken 20 MB file could have millions). */
export const MAX_LISTED_PROBLEMS = 10_000;

/** The answer for a file with problems: 422 validation_failed, every problem in details.problems. */
export function problemsResponse(problems: readonly ExchangeProblem[], ignored: Ignored): Response {
  const n = problems.length;
  const listed = n > MAX_LISTED_PROBLEMS ? [...problems.slice(0, MAX_LISTED_PROBLEMS), { message: `…and ${n - MAX_LISTED_PROBLEMS} more problems.` }] : problems;
  return Response.json(
    { error: { code: "validation_failed", message: `The file has ${n} problem${n === 1 ? "" : "s"}; nothing was imported.`, details: { problems: listed, ignored } } },
    { status: 422 },
  );
}

/** A file name for an export, e.g. newsroom-glossary-tr-ru-2026-11-26.tbx. */
export function exportFileName(format: ExportFormat, langs: readonly string[], today = new Date()): string {
  const parts = ["newsroom-glossary", ...langs, ...(format === "tbx2008" ? ["tbx2008"] : []), today.toISOString().slice(0, 10)];
  return `${parts.join("-")}.${exportFileType(format).extension}`;
}
