/**
 * What an XLIFF import would do to a document, unit by unit. Pure: the server
 * gives it the document's current segments and translations, then runs the
 * quality gate on the updates and writes them.
 *
 * For each unit, in this order:
 * - `skipped` (invalid / duplicate): the unit breaks the XLIFF rules or repeats an id;
 * - `skipped` (source_language / target_language): the file's languages are not
 *   English → this import's language;
 * - `unmatched`: no current segment of the document has the unit's id;
 * - `skipped` (not_translatable, partial, too_long; no_target / empty_target
 *   when the workbench has a translation: an import never clears one;
 *   source_changed when the unit's source is not the segment's current English);
 * - `unchanged`: same text (Unicode NFC) and a status that is the same, or lower
 *   than the workbench's (the file's state alone never lowers a status: a
 *   rejection is a reviewer's decision, made in the editor);
 * - `conflict`: the text or a higher status differs from the workbench, and the
 *   workbench translation is not the version the file was exported from (or the
 *   file carries no version and the workbench has a translation): never overwritten;
 * - `update` otherwise, with the status the state gives (model.ts): `final`
 *   becomes approved only for an importer who may approve.
 *
 * Version check: the unit's `nw:version` is the translation version at export
 * (0: none). The update is written on top of exactly that version
 * (saveTranslation's optimistic check), so a change made between the preview
 * and the apply turns into a conflict, not an overwrite.
 */
import type { TranslationStatus } from "@/lib/db/schema";
import { STATUS_RANK, workbenchLanguage, type ParsedXliff, type XliffUnit } from "./model";
import { languageOfTag } from "@/lib/i18n/languages";

export const ACTIONS = ["update", "unchanged", "conflict", "unmatched", "skipped"] as const;
export type PlanAction = (typeof ACTIONS)[number];

export const REASONS = [
  // skipped
  "invalid",
  "duplicate",
  "source_language",
  "target_language",
  "not_translatable",
  "no_target",
  "empty_target",
  "partial",
  "source_changed",
  "too_long",
  "qa",
  // conflict
  "changed_since_export",
  "no_version",
] as const;
export type PlanReason = (typeof REASONS)[number];

export const NOTES = ["approval_needs_reviewer", "status_kept", "codes_dropped", "still_outdated", "qa_overridden", "language_alias"] as const;
export type PlanNote = (typeof NOTES)[number];

export interface PlanSegment {
  readonly id: string;
  readonly key: string;
  readonly source: string;
  readonly sourceHash: string;
  readonly translation?: { readonly text: string; readonly status: TranslationStatus; readonly version: number; readonly outdated: boolean };
}

export interface PlanRow {
  /** The unit id (= segment key for files the workbench wrote). */
  readonly unit: string;
  readonly line: number;
  action: PlanAction;
  reason?: PlanReason;
  /** The detail, in English. */
  message?: string;
  readonly segmentId?: string;
  /** The workbench translation now (version 0: none). */
  readonly current?: { readonly text: string; readonly status: TranslationStatus; readonly version: number };
  /** What the import writes (update) or what the file holds (unchanged, conflict, some skips). */
  readonly next?: { readonly text: string; readonly status: TranslationStatus };
  /** The version the file was exported from, when it says. */
  readonly baseVersion?: number;
  notes: PlanNote[];
  /** Quality-check errors (reason "qa", or overridden). */
  issues?: { check: string; severity: string; message: string }[];
}

export interface PlanOptions {
  /** The workbench language code this import is for. */
  readonly lang: string;
  readonly sourceLang: string;
  /** Workbench language codes (to read language tags). */
  readonly languages: readonly string[];
  /** Whether the importer may approve in `lang` (translation.approve). */
  readonly canApprove: boolean;
  readonly maxLength: number;
}

const nfc = (s: string) => s.normalize("NFC");
const sameSource = (a: string, b: string) => nfc(a).replace(/\s+/g, " ").trim() === nfc(b).replace(/\s+/g, " ").trim();
const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Plans the import of every unit of `parsed` into the document whose current segments are `segments`. */
export function planImport(parsed: ParsedXliff, segments: readonly PlanSegment[], options: PlanOptions): PlanRow[] {
  const byKey = new Map(segments.map((s) => [s.key, s]));
  // Ids are unique within a <file>; a file with several <file>s may repeat one, which cannot match the document twice.
  const first = new Map<string, number>();
  return parsed.units.map((u) => {
    const seen = first.get(u.id);
    if (seen === undefined) first.set(u.id, u.line);
    else if (!u.invalid) {
      return { unit: u.id, line: u.line, action: "skipped", reason: "duplicate", message: `The unit id "${u.id}" was already taken from line ${seen} (in another <file>); only the first is imported.`, notes: [] };
    }
    return planUnit(u, parsed, byKey.get(u.id), options);
  });
}

function planUnit(u: XliffUnit, parsed: ParsedXliff, segment: PlanSegment | undefined, o: PlanOptions): PlanRow {
  const row: PlanRow = { unit: u.id, line: u.line, action: "skipped", notes: [] };
  const skip = (reason: PlanReason, message: string): PlanRow => Object.assign(row, { action: "skipped" as const, reason, message });
  if (u.invalid) return skip(u.duplicateOf !== undefined ? "duplicate" : "invalid", `${u.invalid[0]!.toUpperCase()}${u.invalid.slice(1)}.`);

  const file = parsed.files[u.file];
  const srcTag = file?.sourceLang;
  if (srcTag && workbenchLanguage(srcTag, o.languages) !== o.sourceLang) {
    return skip("source_language", `The file's source language is "${srcTag}"; this document's source is ${o.sourceLang}.`);
  }
  if (u.targetLang && workbenchLanguage(u.targetLang, o.languages) !== o.lang) {
    return skip("target_language", `The unit's target language is "${u.targetLang}"; this import is for ${o.lang}.`);
  }
  // A tag read as another code (plain ku as Kurmanji) is said on the row.
  if (languageOfTag(u.targetLang)?.alias) row.notes.push("language_alias");
  if (!segment) return Object.assign(row, { action: "unmatched" as const, message: `No current segment of this document has the id "${u.id}".` });

  const cur = segment.translation;
  const current = { text: cur?.text ?? "", status: cur?.status ?? ("untranslated" as const), version: cur?.version ?? 0 };
  const base = u.workbench?.version;
  Object.assign(row, { segmentId: segment.id, current, ...(base !== undefined ? { baseVersion: base } : {}) });
  const hasCurrent = current.text.trim() !== "";

  if (!u.translate) return skip("not_translatable", 'The unit is marked translate="no".');
  if (u.target === undefined) {
    if (!hasCurrent) return Object.assign(row, { action: "unchanged" as const });
    return skip("no_target", "The unit has no target; the workbench translation is kept.");
  }
  if (u.partial) return skip("partial", `Only ${u.partial.done} of the unit's ${u.partial.total} segments are translated.`);
  if (u.target.trim() === "") {
    if (!hasCurrent) return Object.assign(row, { action: "unchanged" as const });
    return skip("empty_target", "The unit's target is empty; an import never clears a translation.");
  }
  if (!sameSource(u.source, segment.source)) {
    return skip("source_changed", `The unit's source ("${short(u.source)}") is not the segment's current English ("${short(segment.source)}").`);
  }
  const text = nfc(u.target);
  if (text.length > o.maxLength) return skip("too_long", `The target is ${text.length} characters long; the most a segment takes is ${o.maxLength}.`);
  if (u.droppedCodes > 0) row.notes.push("codes_dropped");

  const level = u.level ?? "translated";
  const status: TranslationStatus = level === "final" ? (o.canApprove ? "approved" : "translated") : level;
  if (level === "final" && !o.canApprove) row.notes.push("approval_needs_reviewer");
  Object.assign(row, { next: { text, status } });

  const stale = base === undefined ? hasCurrent : base !== current.version;
  if (text === nfc(current.text)) {
    const higher = STATUS_RANK[status] > STATUS_RANK[current.status] && !(level === "final" && current.status === "approved");
    if (!higher) {
      if (STATUS_RANK[status] < STATUS_RANK[current.status] && !(level === "final" && current.status === "approved")) row.notes.push("status_kept");
      if (segment.translation?.outdated) row.notes.push("still_outdated");
      row.notes = row.notes.filter((n) => n !== "approval_needs_reviewer" || current.status !== "approved");
      return Object.assign(row, { action: "unchanged" as const, next: { text, status: current.status } });
    }
  }
  if (stale) {
    return Object.assign(row, {
      action: "conflict" as const,
      reason: base === undefined ? ("no_version" as const) : ("changed_since_export" as const),
      message:
        base === undefined
          ? `The file carries no workbench version and the workbench already has a translation (version ${current.version}).`
          : `The workbench translation is now version ${current.version}; the file was exported from version ${base}.`,
    });
  }
  return Object.assign(row, { action: "update" as const });
}

/** Counts of rows by action, and of skipped rows by reason. */
export function summarize(rows: readonly PlanRow[]) {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<PlanAction, number>;
  const reasons: Partial<Record<PlanReason, number>> = {};
  for (const r of rows) {
    counts[r.action]++;
    if (r.reason) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  }
  return { counts, reasons };
}
