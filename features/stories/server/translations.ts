import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database, TranslationRow } from "@/lib/db/schema";
import { SOURCE_LANGUAGE } from "@/lib/i18n/languages";
import { findTranslation, saveTranslation, type SaveTranslationResult } from "./repository";

export const MAX_SEGMENT_LENGTH = 20_000;

export const saveTranslationSchema = z.object({
  text: z.string().max(MAX_SEGMENT_LENGTH),
  status: z.enum(["draft", "translated"]),
  baseVersion: z.number().int().min(0),
});

export const reviewSchema = z
  .object({
    decision: z.enum(["approve", "reject"]),
    baseVersion: z.number().int().min(1),
    comment: z.string().trim().max(2000).optional(),
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

/** Saves a draft or translated text on top of `baseVersion`. */
export async function editTranslation(db: Kysely<Database>, segmentId: string, lang: string, input: z.infer<typeof saveTranslationSchema>, authorId: string) {
  if (lang === SOURCE_LANGUAGE) throw new ApiError("validation_failed", "The source language is not translated.");
  if (input.status === "translated" && input.text.trim() === "") throw new ApiError("validation_failed", "An empty translation cannot be confirmed.");
  return throwUnlessSaved(db, await saveTranslation(db, { segmentId, lang, text: input.text, status: input.status, baseVersion: input.baseVersion, authorId, origin: "editor" }));
}

/** Approves the translation as it stands, or rejects it back to draft with a comment. */
export async function reviewTranslation(db: Kysely<Database>, segmentId: string, lang: string, input: z.infer<typeof reviewSchema>, reviewerId: string) {
  const current = await findTranslation(db, segmentId, lang);
  if (!current) throw new ApiError("not_found", "There is no translation to review.");
  if (input.decision === "approve" && current.text.trim() === "") throw new ApiError("validation_failed", "An empty translation cannot be approved.");
  return throwUnlessSaved(
    db,
    await saveTranslation(db, {
      segmentId,
      lang,
      text: current.text,
      status: input.decision === "approve" ? "approved" : "draft",
      baseVersion: input.baseVersion,
      authorId: reviewerId,
      origin: input.decision === "approve" ? "review.approve" : "review.reject",
      note: input.comment ?? null,
    }),
  );
}
