/** Request and answer schemas of the alignment API (validation, OpenAPI, client types). */
import { z } from "zod";
import { TRANSLATION_STATUSES } from "@/lib/db/schema";
import { TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";

/** Largest translation accepted for alignment, in characters. */
export const MAX_ALIGN_TEXT = 1_000_000;

export const LINK_TYPES = ["1-1", "1-0", "0-1", "2-1", "1-2"] as const;

const targetLang = z.enum(TARGET_LANGUAGE_CODES as [string, ...string[]]);

export const alignPreviewInputSchema = z.object({
  lang: targetLang,
  text: z.string().max(MAX_ALIGN_TEXT).refine((t) => t.trim().length > 0, "Paste or upload the translation."),
});

export const alignedSegmentSchema = z.object({
  key: z.string(),
  position: z.number().int(),
  kind: z.string(),
  source: z.string(),
  /** The aligned target text proposed for the segment ("" when none). */
  target: z.string(),
  /** The target sentences in it, in order (for moving sentences between segments). */
  sentences: z.array(z.string()),
  /** Paragraph-level link type of the segment: 1-1, 2-1 (shares a paragraph), 1-2 (spans two), 1-0 (nothing). */
  type: z.enum(LINK_TYPES),
  /** Posterior probability of the alignment, 0–1. */
  confidence: z.number(),
  /** The segment's translation when the preview was made. */
  current: z.object({ text: z.string(), status: z.enum(TRANSLATION_STATUSES), version: z.number().int() }).nullable(),
  /** The version to send back when storing the translation (0: none existed). */
  baseVersion: z.number().int(),
});

export const alignPreviewSchema = z.object({
  document: z.object({ slug: z.string(), title: z.string(), sourceLang: z.string() }),
  lang: z.string(),
  segments: z.array(alignedSegmentSchema),
  /** Target sentences no segment received, with the segment they follow (null: before the first). */
  unaligned: z.array(z.object({ text: z.string(), afterKey: z.string().nullable() })),
  stats: z.object({
    targetParagraphs: z.number().int(),
    targetSentences: z.number().int(),
    sourceSentences: z.number().int(),
    /** Sentence links by type. */
    links: z.record(z.string(), z.number().int()),
  }),
});

export const STORE_OPTIONS = ["translation", "memory", "both"] as const;

export const alignApplyInputSchema = z
  .object({
    lang: targetLang,
    store: z.enum(STORE_OPTIONS),
    links: z
      .array(
        z.object({
          segmentKey: z.string().min(1).max(200),
          text: z.string().max(20_000),
          /** The translation version the preview showed (required to store translations). */
          baseVersion: z.number().int().min(0).optional(),
        }),
      )
      .min(1)
      .max(20_000),
  })
  .refine((v) => v.store === "memory" || v.links.every((l) => l.baseVersion !== undefined), {
    message: "Storing translations needs the baseVersion of every link (from the preview).",
    path: ["links"],
  })
  .refine((v) => new Set(v.links.map((l) => l.segmentKey)).size === v.links.length, { message: "A segment appears twice.", path: ["links"] });

export const alignApplyReportSchema = z.object({
  lang: z.string(),
  store: z.enum(STORE_OPTIONS),
  /** Translations saved as drafts, unchanged (same text already there), skipped (empty text). */
  translations: z.object({ saved: z.number().int(), unchanged: z.number().int(), skipped: z.number().int() }),
  /** Memory units added, and pairs already in the memory. */
  memory: z.object({ added: z.number().int(), duplicates: z.number().int(), skipped: z.number().int() }),
  segments: z.array(
    z.object({
      segmentKey: z.string(),
      translation: z.enum(["saved", "unchanged", "skipped"]).nullable(),
      version: z.number().int().nullable(),
      memory: z.enum(["added", "duplicate", "skipped"]).nullable(),
    }),
  ),
});

export type AlignPreview = z.infer<typeof alignPreviewSchema>;
export type AlignedSegment = z.infer<typeof alignedSegmentSchema>;
export type AlignApplyInput = z.infer<typeof alignApplyInputSchema>;
export type AlignApplyReport = z.infer<typeof alignApplyReportSchema>;
