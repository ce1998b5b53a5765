/** Request and answer schemas of the document import API (validation and OpenAPI). */
import { z } from "zod";
import { SEGMENT_KINDS } from "@/lib/db/schema";
import { IMPORT_FORMATS, LIMITS } from "./blocks";
import { RESERVED_SLUGS, SLUG_PATTERN } from "./segmentation";

const kindSchema = z.enum(SEGMENT_KINDS);
export const segmentInputSchema = z.object({ kind: kindSchema, text: z.string().trim().min(1).max(LIMITS.maxSegmentChars) });
const keyedSegmentSchema = segmentInputSchema.extend({ key: z.string() });

/** JSON form of a source: text in a format, or segments already cut (after merge and split). */
export const sourceInputSchema = z
  .object({
    text: z.string().max(LIMITS.maxTextBytes).optional(),
    format: z.enum(["txt", "md", "html"]).default("txt"),
    sentences: z.boolean().default(false),
    segments: z.array(segmentInputSchema).min(1).max(LIMITS.maxSegments).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.segments === undefined), { message: "Give either text (with its format) or segments." });

export const previewOutputSchema = z.object({
  format: z.enum(IMPORT_FORMATS).nullable(),
  sentences: z.boolean(),
  blocks: z.array(segmentInputSchema),
  segments: z.array(keyedSegmentSchema),
  title: z.string().nullable(),
  suggestedSlug: z.string(),
});

export const createDocumentSchema = z.object({
  slug: z
    .string()
    .max(100)
    .regex(SLUG_PATTERN, "A slug is lowercase letters, digits and single hyphens.")
    .refine((s) => !RESERVED_SLUGS.has(s), "This slug is reserved."),
  title: z.string().trim().min(1).max(500).optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(["draft", "published"]).default("published"),
  segments: z.array(segmentInputSchema).min(1).max(LIMITS.maxSegments),
});

export const createdDocumentSchema = z.object({
  document: z.object({ id: z.string(), slug: z.string(), title: z.string(), status: z.string(), publishedAt: z.string().nullable() }),
  segments: z.array(keyedSegmentSchema),
});

const planSegmentSchema = z.object({
  status: z.enum(["kept", "changed", "new"]),
  key: z.string(),
  kind: kindSchema,
  text: z.string(),
  position: z.number().int(),
  previousText: z.string().nullable(),
  previousKind: kindSchema.nullable(),
  similarity: z.number().nullable(),
  moved: z.boolean(),
});

export const updatePlanSchema = z.object({
  slug: z.string(),
  /** Fingerprint of the current source; pass it as ?base= to apply exactly the plan that was checked. */
  base: z.string(),
  dryRun: z.boolean(),
  applied: z.boolean(),
  sourceUpdatedAt: z.string().nullable(),
  counts: z.object({ kept: z.number().int(), changed: z.number().int(), new: z.number().int(), removed: z.number().int() }),
  segments: z.array(planSegmentSchema),
  removed: z.array(z.object({ key: z.string(), kind: kindSchema, text: z.string() })),
});

export type UpdatePlan = z.infer<typeof updatePlanSchema>;

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const sourceQuerySchema = z.object({
  format: z.enum(IMPORT_FORMATS).optional(),
  sentences: flag,
  dryRun: flag,
  base: z.string().max(100).optional(),
});
