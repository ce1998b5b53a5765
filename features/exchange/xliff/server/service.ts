import "server-only";
/**
 * XLIFF export of a document in one target language, and import of a
 * translated XLIFF back: a plan per unit (see ../plan.ts), the quality gate on
 * the updates, and, unless it is a dry run, every update written through
 * saveTranslation on top of the version the plan read, all in one transaction.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { ApiError } from "@/lib/api/errors";
import type { Database, TranslationRow } from "@/lib/db/schema";
import { LANGUAGE_CODES, SOURCE_LANGUAGE, getLanguage, isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { findDocumentBySlug, listSegments, listTranslations, saveTranslation } from "@/features/stories/server/repository";
import { MAX_SEGMENT_LENGTH, qaErrors, recordQaOverride, storedIssues } from "@/features/stories/server/translations";
import { isOutdated } from "@/features/stories/stories";
import { issueMessage } from "@/features/qa";
import { can, type Principal } from "@/features/auth/permissions";
import { MAX_XLIFF_BYTES, XliffError, type ExportVersion, type ParsedXliff } from "../model";
import { readXliff } from "../read";
import { writeXliff } from "../write";
import { planImport, summarize, type PlanRow, type PlanSegment } from "../plan";

// ------------------------------------------------------------------ export

/** The document's current segments in `lang`, with the comments in that language, as XLIFF `version`. */
export async function exportXliff(db: Kysely<Database>, slug: string, lang: LanguageCode, version: ExportVersion, now = new Date().toISOString()) {
  if (lang === SOURCE_LANGUAGE) throw new ApiError("validation_failed", "The source language is not translated: choose a target language.");
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  const [segments, translations] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, [lang])]);
  const comments = segments.length
    ? await db
        .selectFrom("comments")
        .innerJoin("segments", "segments.id", "comments.segment_id")
        .selectAll("comments")
        .where("segments.document_id", "=", doc.id)
        .where("comments.lang", "=", lang)
        .orderBy("comments.created_at")
        .orderBy("comments.id")
        .execute()
    : [];
  const bySegment = new Map(translations.map((t) => [t.segment_id, t]));
  const body = writeXliff(
    {
      slug: doc.slug,
      title: doc.title,
      sourceLang: isLanguageCode(doc.source_lang) ? getLanguage(doc.source_lang).bcp47 : doc.source_lang,
      targetLang: getLanguage(lang).bcp47,
      lang,
      exportedAt: now,
      units: segments.map((s) => {
        const t = bySegment.get(s.id);
        return {
          key: s.key,
          kind: s.kind,
          source: s.source_text,
          sourceHash: s.source_hash,
          ...(t ? { translation: { text: t.text, status: t.status, version: t.version, outdated: isOutdated(t.source_hash, s.source_hash) } } : {}),
          comments: comments
            .filter((c) => c.segment_id === s.id)
            .map((c) => ({ id: c.id, threadId: c.thread_id, author: c.author_name, body: c.body, createdAt: c.created_at, resolved: c.resolved_at !== null })),
        };
      }),
    },
    version,
  );
  const filename = `${doc.slug}.${lang}${version === "1.2" ? ".xliff12" : ""}.xlf`;
  return { filename, body };
}

// ------------------------------------------------------------------ import

export interface ImportXliffOptions {
  readonly slug: string;
  readonly lang: LanguageCode;
  readonly filename: string;
  readonly dryRun: boolean;
  readonly principal: Principal;
  /** A reviewer's reason to confirm or approve despite quality-check errors. */
  readonly qaOverride?: string;
  /** The planHash of the preview the importer saw: applying refuses (409) when the plan is no longer that. */
  readonly expect?: string;
  /** Language of the quality-check messages. */
  readonly uiLang: LanguageCode;
  /** Called when the file is read, with its units. */
  readonly onParsed?: (units: number) => void;
  /** Called when the writing begins, with the updates written. */
  readonly onWrite?: (updates: number) => void;
}

export interface XliffImportReport {
  readonly filename: string;
  readonly dryRun: boolean;
  /** Whether the updates were written (false for a dry run, or when there was nothing to write). */
  readonly applied: boolean;
  readonly document: string;
  readonly lang: string;
  readonly format: { readonly version: string; readonly producer?: string; readonly encoding: string };
  readonly counts: ReturnType<typeof summarize>["counts"];
  readonly reasons: ReturnType<typeof summarize>["reasons"];
  readonly units: readonly PlanRow[];
  /** Problems found in the file that did not stop the import, with their line. */
  readonly problems: ParsedXliff["problems"];
  /** Identifies the updates this report plans; pass it back as `expect` to apply exactly them. */
  readonly planHash: string;
}

/** An ApiError for a file that cannot be read at all. */
export function xliffFileError(filename: string, e: XliffError): ApiError {
  if (e.code === "too_large") return new ApiError("payload_too_large", `${filename}: ${e.message}`);
  return new ApiError("validation_failed", `${filename}: ${e.message}`, { line: e.line ?? null, problem: e.xmlCode ?? e.code });
}

const hashPlan = (rows: readonly PlanRow[]) =>
  createHash("sha256")
    .update(JSON.stringify(rows.filter((r) => r.action === "update").map((r) => [r.unit, r.segmentId, r.current?.version, r.next?.text, r.next?.status])))
    .digest("hex")
    .slice(0, 32);


/**
 * Imports a translated XLIFF into a document's `lang` translations. Reads the
 * whole file first (a file that cannot be read throws and changes nothing),
 * plans every unit, runs the quality gate on updates that confirm or approve,
 * and, unless `dryRun`, writes the updates in order in one transaction: if any
 * of them meets a newer version (someone saved since the plan was made), the
 * whole import is rolled back and answered 409.
 */
export async function importXliff(db: Kysely<Database>, bytes: Uint8Array, o: ImportXliffOptions): Promise<{ report: XliffImportReport; saved: TranslationRow[] }> {
  if (o.lang === SOURCE_LANGUAGE) throw new ApiError("validation_failed", "The source language is not translated: choose a target language.");
  const canApprove = can(o.principal, "translation.approve", o.lang);
  if (o.qaOverride !== undefined && !canApprove) throw new ApiError("forbidden", "Only a reviewer of this language can override quality-check errors.");
  const doc = await findDocumentBySlug(db, o.slug);
  if (!doc) throw new ApiError("not_found", "No such document.");

  let parsed: ParsedXliff;
  try {
    parsed = readXliff(bytes, { maxBytes: MAX_XLIFF_BYTES });
  } catch (e) {
    if (e instanceof XliffError) throw xliffFileError(o.filename, e);
    throw e;
  }
  o.onParsed?.(parsed.units.length);
  if (parsed.units.length === 0) {
    const first = parsed.problems.find((p) => p.severity === "error");
    throw new ApiError("validation_failed", `${o.filename}: the file holds no translation unit that can be read${first ? ` (line ${first.line}: ${first.message})` : ""}.`, {
      line: first?.line ?? null,
      problem: "no_units",
      problems: parsed.problems.slice(0, 100),
    });
  }
  const foreign = parsed.files.find((f) => f.document !== undefined && f.document !== doc.slug);
  if (foreign) {
    throw new ApiError("validation_failed", `${o.filename}: line ${foreign.line}: this file was exported from the document "${foreign.document}", not "${doc.slug}".`, {
      line: foreign.line,
      problem: "other_document",
    });
  }

  const [segments, translations] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, [o.lang])]);
  const bySegment = new Map(translations.map((t) => [t.segment_id, t]));
  const planSegments: PlanSegment[] = segments.map((s) => {
    const t = bySegment.get(s.id);
    return {
      id: s.id,
      key: s.key,
      source: s.source_text,
      sourceHash: s.source_hash,
      ...(t ? { translation: { text: t.text, status: t.status, version: t.version, outdated: isOutdated(t.source_hash, s.source_hash) } } : {}),
    };
  });
  const rows = planImport(parsed, planSegments, { lang: o.lang, sourceLang: doc.source_lang, languages: LANGUAGE_CODES, canApprove, maxLength: MAX_SEGMENT_LENGTH });

  // The quality gate, as in the editor: confirming or approving text with QA errors needs a reviewer's override.
  const tq = getT(o.uiLang, "qa");
  const sourceOf = new Map(segments.map((s) => [s.id, s.source_text]));
  const overrides = new Map<PlanRow, { issues: unknown[]; reason: string }>();
  for (const row of rows) {
    if (row.action !== "update" || !row.next || row.next.status === "draft") continue;
    const input = { sourceLang: doc.source_lang, targetLang: o.lang, source: sourceOf.get(row.segmentId!)!, target: row.next.text };
    const errors = await qaErrors(db, input);
    if (errors.length === 0) continue;
    row.issues = errors.map((i) => ({ check: i.check, severity: i.severity, message: issueMessage(tq, i) }));
    if (o.qaOverride !== undefined) {
      row.notes.push("qa_overridden");
      overrides.set(row, { issues: storedIssues(errors), reason: o.qaOverride });
    } else {
      row.action = "skipped";
      row.reason = "qa";
      row.message = `Quality checks found ${errors.length} error(s): ${[...new Set(errors.map((i) => i.check))].join(", ")}.`;
    }
  }

  // A file that does not name its target language is taken as this import's: say so.
  const problems = [...parsed.problems];
  const unnamed = new Set(parsed.units.filter((u) => u.target !== undefined && !u.targetLang).map((u) => u.file));
  for (const index of [...unnamed].sort((a, b) => a - b)) {
    problems.push({ line: parsed.files[index]!.line, severity: "warning", message: `The <file> names no target language; its targets are taken as ${getLanguage(o.lang).englishName} (${o.lang}).` });
  }
  const planHash = hashPlan(rows);
  const updates = rows.filter((r) => r.action === "update");
  const { counts, reasons } = summarize(rows);
  const report = (applied: boolean): XliffImportReport => ({
    filename: o.filename,
    dryRun: o.dryRun,
    applied,
    document: doc.slug,
    lang: o.lang,
    format: { version: parsed.version, ...(parsed.producer ? { producer: parsed.producer } : {}), encoding: parsed.encoding },
    counts,
    reasons,
    units: rows,
    problems: problems.slice(0, 1000),
    planHash,
  });
  if (o.dryRun) return { report: report(false), saved: [] };
  if (o.expect !== undefined && o.expect !== planHash) {
    throw new ApiError("version_conflict", "The workbench changed since the preview (or the file is not the one previewed): check the file again before applying it.", { report: report(false) });
  }
  if (updates.length === 0) return { report: report(false), saved: [] };

  const authorId = o.principal.kind === "user" ? o.principal.userId : null;
  const note = `XLIFF import: ${o.filename}`;
  o.onWrite?.(updates.length);
  const saved = await db.transaction().execute(async (trx) => {
    const out: TranslationRow[] = [];
    for (const row of updates) {
      const override = overrides.get(row);
      const result = await saveTranslation(trx, {
        segmentId: row.segmentId!,
        lang: o.lang,
        text: row.next!.text,
        status: row.next!.status,
        baseVersion: row.current!.version,
        authorId,
        origin: "import",
        note: override ? `${note} — ${override.reason}` : note,
      });
      if (result.kind !== "saved") {
        throw new ApiError("version_conflict", `Unit "${row.unit}" was changed in the workbench while the file was being imported; nothing was imported. Check the file again.`, {
          unit: row.unit,
          current: result.kind === "conflict" && result.current ? { text: result.current.text, status: result.current.status, version: result.current.version } : null,
        });
      }
      if (override && authorId) {
        await recordQaOverride(trx, { segmentId: row.segmentId!, lang: o.lang, version: result.translation.version, issues: override.issues, reason: override.reason, actorId: authorId, at: result.translation.updated_at });
      }
      out.push(result.translation);
    }
    return out;
  });
  return { report: report(true), saved };
}
