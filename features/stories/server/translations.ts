import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database, TranslationRow } from "@/lib/db/schema";
import { SOURCE_LANGUAGE } from "@/lib/i18n/languages";
import { findTranslation, saveTranslation, type SaveTranslationResult } from "./repository";
import { newId } from "../stories";
import { blocking, type QaIssue } from "@/features/qa";
import { qaIssues } from "@/features/qa/server/check";
import { editDistance, effortPermille } from "@/features/mt/effort";
import { addUsage, monthOf } from "@/features/mt/server/repository";

export const MAX_SEGMENT_LENGTH = 20_000;

/** A reviewer confirms or approves despite QA errors: the reason is recorded with the overridden checks. */
export const qaOverrideSchema = z.object({ reason: z.string().trim().min(1, "Give the reason for overriding the quality checks.").max(1000) });

/**
 * Sent with the save that follows inserting a suggestion: where the text
 * came from (a memory match and its score, or an MT provider) and the
 * suggestion as inserted. Later saves of the segment are post-edits of it
 * until it is confirmed, when the post-editing effort is recorded.
 */
export const textOriginSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("typed") }),
  z.object({ kind: z.literal("memory"), score: z.number().int().min(0).max(101), suggestion: z.string().max(MAX_SEGMENT_LENGTH) }),
  z.object({ kind: z.literal("mt"), provider: z.string().min(1).max(40), suggestion: z.string().max(MAX_SEGMENT_LENGTH) }),
]);

export const saveTranslationSchema = z.object({
  text: z.string().max(MAX_SEGMENT_LENGTH),
  status: z.enum(["draft", "translated"]),
  baseVersion: z.number().int().min(0),
  qaOverride: qaOverrideSchema.optional(),
  origin: textOriginSchema.optional(),
});

export const reviewSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    baseVersion: z.number().int().min(1),
    comment: z.string().trim().max(2000).optional(),
    qaOverride: qaOverrideSchema.optional(),
  })
  .refine((v) => v.decision === "approve" || (v.comment ?? "").length > 0, { message: "A rejection needs a comment.", path: ["comment"] });

/** A translation as the API shows it. */
export function translationDto(t: TranslationRow, updatedByName: string | null = null) {
  return { segmentId: t.segment_id, lang: t.lang, text: t.text, status: t.status, version: t.version, updatedBy: t.updated_by, updatedByName, updatedAt: t.updated_at };
}

async function nameOf(db: Kysely<Database>, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await db.selectFrom("user").select("name").where("id", "=", userId).executeTakeFirst())?.name ?? null;
}

/** The saved row, or a 409 carrying the current text, version and author. */
async function throwUnlessSaved(db: Kysely<Database>, result: SaveTranslationResult): Promise<TranslationRow> {
  if (result.kind === "saved") return result.translation;
  if (result.kind === "segment_not_found") throw new ApiError("not_found", "No such segment.");
  throw new ApiError(
    "version_conflict",
    "Someone else changed this translation since you loaded it.",
    result.current ? { current: translationDto(result.current, await nameOf(db, result.current.updated_by)) } : { current: null },
  );
}

/** Who writes, and whether they may override QA errors (reviewers of the language). */
export interface Writer {
  readonly id: string;
  readonly canOverrideQa: boolean;
}

/** The QA errors (not warnings) of a target text, with the approved glossary: what blocks "translated" and "approved". */
export async function qaErrors(db: Kysely<Database>, input: { sourceLang: string; targetLang: string; source: string; target: string }) {
  return blocking(await qaIssues(db, input));
}

/** Issues as stored with an override: what was overridden, where. */
export const storedIssues = (errors: readonly QaIssue[]) => errors.map((i) => ({ check: i.check, severity: i.severity, messageKey: i.messageKey, params: i.params, start: i.start, end: i.end }));

/** Records a reviewer's override of QA errors on the version it let through. */
export async function recordQaOverride(db: Kysely<Database>, o: { segmentId: string; lang: string; version: number; issues: unknown; reason: string; actorId: string; at: string }) {
  await db.insertInto("qa_overrides").values({ id: newId("qao"), segment_id: o.segmentId, lang: o.lang, version: o.version, checks: JSON.stringify(o.issues), reason: o.reason, actor_id: o.actorId, created_at: o.at }).execute();
}

/**
 * The quality gate before a translation is confirmed or approved: QA errors
 * (not warnings) refuse the write, unless a reviewer overrides them with a
 * reason. Returns the overridden issues, to be recorded with the new version.
 */
async function qaGate(db: Kysely<Database>, segmentId: string, lang: string, text: string, override: { reason: string } | undefined, writer: Writer) {
  const segment = await db
    .selectFrom("segments")
    .innerJoin("documents", "documents.id", "segments.document_id")
    .select(["segments.source_text", "documents.source_lang"])
    .where("segments.id", "=", segmentId)
    .executeTakeFirst();
  if (!segment) throw new ApiError("not_found", "No such segment.");
  const errors = await qaErrors(db, { sourceLang: segment.source_lang, targetLang: lang, source: segment.source_text, target: text });
  if (errors.length === 0) return null;
  const issues = storedIssues(errors);
  if (!override) throw new ApiError("qa_blocked", `Quality checks found ${errors.length} error(s): ${[...new Set(errors.map((i) => i.check))].join(", ")}.`, { issues });
  if (!writer.canOverrideQa) throw new ApiError("forbidden", "Only a reviewer of this language can override quality-check errors.", { issues });
  return { issues, reason: override.reason };
}

async function recordOverride(db: Kysely<Database>, saved: TranslationRow, gate: Awaited<ReturnType<typeof qaGate>>, actorId: string) {
  if (gate) await recordQaOverride(db, { segmentId: saved.segment_id, lang: saved.lang, version: saved.version, issues: gate.issues, reason: gate.reason, actorId, at: saved.updated_at });
}

/** The suggestion a segment's text started from: the one this save inserts, else the one an earlier save remembered. */
async function startedFrom(db: Kysely<Database>, segmentId: string, lang: string, origin: z.infer<typeof textOriginSchema> | undefined) {
  if (origin?.kind === "typed") return null;
  if (origin) return { kind: origin.kind, detail: origin.kind === "mt" ? origin.provider : String(origin.score), text: origin.suggestion, inserted: true };
  const row = await db.selectFrom("translation_suggestions").select(["kind", "detail", "text"]).where("segment_id", "=", segmentId).where("lang", "=", lang).executeTakeFirst();
  return row ? { ...row, inserted: false } : null;
}

/** After a save: remembers a newly inserted suggestion (until confirmation), or forgets it when the translator typed over everything. */
async function rememberSuggestion(db: Kysely<Database>, saved: TranslationRow, started: Awaited<ReturnType<typeof startedFrom>>, origin: z.infer<typeof textOriginSchema> | undefined) {
  if (origin?.kind === "typed") {
    await db.deleteFrom("translation_suggestions").where("segment_id", "=", saved.segment_id).where("lang", "=", saved.lang).execute();
    return;
  }
  if (!started?.inserted) return;
  const row = { segment_id: saved.segment_id, lang: saved.lang, kind: started.kind, detail: started.detail, text: started.text, created_at: saved.updated_at };
  await db
    .insertInto("translation_suggestions")
    .values(row)
    .onConflict((oc) => oc.columns(["segment_id", "lang"]).doUpdateSet({ kind: row.kind, detail: row.detail, text: row.text, created_at: row.created_at }))
    .execute();
  if (started.kind === "mt" && started.detail) await addUsage(db, { provider: started.detail, targetLang: saved.lang, month: monthOf(saved.updated_at), inserted: 1 });
}

/** On confirmation: the post-editing effort of an MT suggestion is recorded, and the suggestion forgotten. */
async function recordEffort(db: Kysely<Database>, saved: TranslationRow, started: { kind: string; detail: string | null; text: string }, authorId: string) {
  if (started.kind === "mt" && started.detail) {
    await db
      .insertInto("mt_effort")
      .values({
        id: newId("mte"),
        segment_id: saved.segment_id,
        lang: saved.lang,
        provider: started.detail,
        month: monthOf(saved.updated_at),
        suggestion: started.text,
        final_text: saved.text,
        distance: editDistance(started.text, saved.text),
        effort_permille: effortPermille(started.text, saved.text),
        author_id: authorId,
        created_at: saved.updated_at,
      })
      .execute();
  }
  await db.deleteFrom("translation_suggestions").where("segment_id", "=", saved.segment_id).where("lang", "=", saved.lang).execute();
}

/** Saves a draft or translated text on top of `baseVersion`; confirming passes the quality gate. */
export async function editTranslation(db: Kysely<Database>, segmentId: string, lang: string, input: z.infer<typeof saveTranslationSchema>, writer: Writer) {
  if (lang === SOURCE_LANGUAGE) throw new ApiError("validation_failed", "The source language is not translated.");
  if (input.status === "translated" && input.text.trim() === "") throw new ApiError("validation_failed", "An empty translation cannot be confirmed.");
  const gate = input.status === "translated" ? await qaGate(db, segmentId, lang, input.text, input.qaOverride, writer) : null;
  const started = await startedFrom(db, segmentId, lang, input.origin);
  const saved = await throwUnlessSaved(
    db,
    await saveTranslation(db, {
      segmentId,
      lang,
      text: input.text,
      status: input.status,
      baseVersion: input.baseVersion,
      authorId: writer.id,
      origin: "editor",
      note: gate ? gate.reason : undefined,
      textOrigin: started ? { kind: started.kind, detail: started.detail } : { kind: "typed", detail: null },
    }),
  );
  await recordOverride(db, saved, gate, writer.id);
  await rememberSuggestion(db, saved, started, input.origin);
  if (saved.status === "translated" && started) await recordEffort(db, saved, started, writer.id);
  return saved;
}

/** Approves the translation as it stands, or rejects it back to draft with a comment. */
export async function reviewTranslation(db: Kysely<Database>, segmentId: string, lang: string, input: z.infer<typeof reviewSchema>, reviewerId: string) {
  const current = await findTranslation(db, segmentId, lang);
  if (!current) throw new ApiError("not_found", "There is no translation to review.");
  if (input.decision === "approve" && current.text.trim() === "") throw new ApiError("validation_failed", "An empty translation cannot be approved.");
  // Reviewers hold the override by definition (translation.approve).
  const gate = input.decision === "approve" ? await qaGate(db, segmentId, lang, current.text, input.qaOverride, { id: reviewerId, canOverrideQa: true }) : null;
  const saved = await throwUnlessSaved(
    db,
    await saveTranslation(db, {
      segmentId,
      lang,
      text: current.text,
      status: input.decision === "approve" ? "approved" : "draft",
      baseVersion: input.baseVersion,
      authorId: reviewerId,
      origin: input.decision === "approve" ? "review.approve" : "review.reject",
      note: [input.comment, gate?.reason].filter(Boolean).join(" — ") || null,
    }),
  );
  await recordOverride(db, saved, gate, reviewerId);
  return saved;
}
