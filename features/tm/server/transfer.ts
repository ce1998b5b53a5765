import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { optimizeDatabase } from "@/lib/db/connection";
import { ApiError } from "@/lib/api/errors";
import { LANGUAGE_CODES, getLanguage, languageOfTag } from "@/lib/i18n/languages";
import { XmlError, type XmlSource } from "@/lib/xml";
import { newId } from "@/features/stories/stories";
import { fromTmxDate, readTmx, serializeTmx, toTmxDate, type TmxUnit } from "../tmx";
import { insertPreparedTmUnits, insertTmUnits, listTmUnits, prepareTmUnits } from "./repository";

/** The <prop> type that marks a sentence unit (the sentence pair of a paragraph unit, tuid in x-paragraph) in an export. */
export const GRANULARITY_PROP = "x-granularity";

/** Largest TMX accepted (the TICO-19 files are 1–3 MB). */
export const MAX_TMX_BYTES = 200 * 1024 * 1024;

export interface TmxImportSummary {
  readonly filename: string;
  readonly dryRun: boolean;
  /** <tu> elements read. */
  readonly units: number;
  /** Memory units added (one per source–target pair of a <tu>), by "en>tr". */
  readonly added: Record<string, number>;
  /** Pairs already in the memory with the same source and target. */
  readonly duplicates: number;
  /** Languages of the file this workbench does not translate, with how many variants were skipped. */
  readonly skippedLanguages: Record<string, number>;
  /** <tu> without a source-language variant. */
  readonly withoutSource: number;
  /** Problems that did not stop the import (e.g. a <prop> without type), with their line. */
  readonly warnings: readonly { line?: number; message: string }[];
}

/** A workbench language for a TMX language tag (en-US → en, ckb-IQ → ckb, ku → kmr, ku-Arab → ckb), or null. */
export function workbenchLanguage(tag: string): string | null {
  return languageOfTag(tag)?.code ?? null;
}

/** The report's note for variants whose tag was read as another code (ku → kmr). */
function aliasWarnings(tags: ReadonlyMap<string, number>): { message: string }[] {
  return [...tags].map(([tag, n]) => {
    const l = getLanguage(languageOfTag(tag)!.code);
    return { message: `${n} variant(s) tagged "${tag}" were read as ${l.englishName} (${l.code}).` };
  });
}

/**
 * Imports a TMX file into the memory, all or nothing: the file is read to the
 * end (streamed; `onProgress` with the bytes read) and only then, if it is a
 * well-formed, safe TMX, its units are written in one transaction. A dry run
 * reads and reports without writing.
 */
export async function importTmx(
  db: Kysely<Database>,
  source: XmlSource,
  options: { filename: string; dryRun: boolean; author: string | null; onProgress?: (bytes: number, units: number) => void; onWrite?: (units: number) => void },
): Promise<TmxImportSummary> {
  let count = 0;
  const reader = readTmx(source, { maxBytes: MAX_TMX_BYTES, onProgress: (bytes) => options.onProgress?.(bytes, count) });
  const rows: Parameters<typeof insertTmUnits>[1][number][] = [];
  const skippedLanguages: Record<string, number> = {};
  const aliased = new Map<string, number>();
  let withoutSource = 0;
  const now = new Date().toISOString();
  try {
    for await (const tu of reader) {
      count++;
      rows.push(...unitsOf(tu, options, now, skippedLanguages, () => withoutSource++));
      for (const v of tu.variants) if (languageOfTag(v.lang)?.alias) aliased.set(v.lang, (aliased.get(v.lang) ?? 0) + 1);
    }
  } catch (e) {
    if (e instanceof XmlError) throw new ApiError("validation_failed", `${options.filename}: ${e.message}`, { line: e.line, problem: e.code });
    throw e;
  }
  if (!reader.header) throw new ApiError("validation_failed", `${options.filename}: this is not a TMX file (no <tmx> root with a <header>).`);
  if (count === 0) throw new ApiError("validation_failed", `${options.filename}: the file holds no translation unit (<tu>).`);

  // Units already in the memory (same pair, same source, same target) are not added twice.
  const pairs = [...new Set(rows.map((r) => `${r.source_lang}>${r.target_lang}`))];
  const known = new Set<string>();
  for (const pair of pairs) {
    const [s, t] = pair.split(">") as [string, string];
    for (const u of await listTmUnits(db, s, t)) known.add(`${pair}\u0000${u.source_text}\u0000${u.target_text}`);
  }
  const fresh = rows.filter((r) => {
    const k = `${r.source_lang}>${r.target_lang}\u0000${r.source_text}\u0000${r.target_text}`;
    if (known.has(k)) return false;
    known.add(k);
    return true;
  });
  const added: Record<string, number> = {};
  for (const r of fresh) added[`${r.source_lang}>${r.target_lang}`] = (added[`${r.source_lang}>${r.target_lang}`] ?? 0) + 1;
  if (!options.dryRun && fresh.length) options.onWrite?.(fresh.length);
  if (!options.dryRun && fresh.length) {
    // Folding and sentence alignment before the transaction: the write lock is held for the inserts only.
    const prepared = prepareTmUnits(fresh);
    await db.transaction().execute((trx) => insertPreparedTmUnits(trx, prepared));
  }
  // A large import changes the table's shape: refresh the planner's statistics.
  if (!options.dryRun && fresh.length >= 10_000) await optimizeDatabase(db, "after-import");
  return { filename: options.filename, dryRun: options.dryRun, units: count, added, duplicates: rows.length - fresh.length, skippedLanguages, withoutSource, warnings: [...aliasWarnings(aliased), ...reader.problems.slice(0, 1000)] };
}

function unitsOf(tu: TmxUnit, options: { filename: string; author: string | null }, now: string, skipped: Record<string, number>, noSource: () => void) {
  const out: Parameters<typeof insertTmUnits>[1][number][] = [];
  const srcLang = workbenchLanguage(tu.srcLang);
  const src = tu.variants.find((v) => v.lang.toLowerCase() === tu.srcLang.toLowerCase()) ?? (srcLang ? tu.variants.find((v) => workbenchLanguage(v.lang) === srcLang) : undefined);
  for (const v of tu.variants) if (!workbenchLanguage(v.lang)) skipped[v.lang.toLowerCase()] = (skipped[v.lang.toLowerCase()] ?? 0) + 1;
  // Sentence units of an exported memory: the paragraph units they came from are split again on import.
  if (tu.props.some((p) => p.type === GRANULARITY_PROP && p.value === "sentence")) return out;
  if (!src || !srcLang || !src.text.trim()) {
    if (!src) noSource();
    return out;
  }
  for (const v of tu.variants) {
    const lang = workbenchLanguage(v.lang);
    if (!lang || lang === srcLang || !v.text.trim()) continue;
    const created = fromTmxDate(v.creationdate ?? tu.creationdate ?? "") ?? now;
    out.push({
      id: newId("tmu"),
      source_lang: srcLang,
      target_lang: lang,
      source_text: src.text,
      target_text: v.text,
      context_before: tu.props.find((p) => p.type === "x-context-before")?.value ?? null,
      context_after: tu.props.find((p) => p.type === "x-context-after")?.value ?? null,
      origin: "tmx",
      origin_detail: options.filename,
      document_id: null,
      segment_id: null,
      author: v.creationid ?? tu.creationid ?? options.author,
      created_at: created,
      updated_at: fromTmxDate(v.changedate ?? tu.changedate ?? "") ?? created,
    });
  }
  return out;
}

/** The memory of a language pair as TMX 1.4b, streamed. */
export async function* exportTmx(db: Kysely<Database>, sourceLang: string, targetLang: string): AsyncGenerator<string> {
  const units = await listTmUnits(db, sourceLang, targetLang);
  yield* serializeTmx(
    units.map((u) => ({
      tuid: u.id,
      srcLang: sourceLang,
      // Context hashes keep in-context (101 %) matches through an export and import.
      props: [
        { type: "x-origin", value: u.origin_detail ? `${u.origin}:${u.origin_detail}` : u.origin },
        ...(u.parent_id ? [{ type: GRANULARITY_PROP, value: "sentence" }, { type: "x-paragraph", value: u.parent_id }] : []),
        ...(u.context_before ? [{ type: "x-context-before", value: u.context_before }] : []),
        ...(u.context_after ? [{ type: "x-context-after", value: u.context_after }] : []),
      ],
      notes: [],
      variants: [
        { lang: sourceLang, text: u.source_text },
        { lang: targetLang, text: u.target_text, creationdate: toTmxDate(u.created_at), changedate: toTmxDate(u.updated_at), ...(u.author ? { creationid: u.author } : {}) },
      ],
    })),
    { srclang: sourceLang },
  );
}
