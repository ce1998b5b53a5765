/** One zod schema per resource: request validation, OpenAPI and client types derive from these. */
import { z } from "zod";
import { SEGMENT_KINDS, TRANSLATION_STATUSES } from "@/lib/db/schema";

export const translationSchema = z.object({
  segmentId: z.string(),
  lang: z.string(),
  text: z.string(),
  status: z.enum(TRANSLATION_STATUSES),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable().optional(),
  updatedAt: z.string(),
});

export const workbenchSegmentSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(SEGMENT_KINDS),
  position: z.number().int(),
  source: z.string(),
  translation: z
    .object({
      text: z.string(),
      status: z.enum(TRANSLATION_STATUSES),
      version: z.number().int(),
      updatedBy: z.string().nullable(),
      updatedByName: z.string().nullable(),
      updatedAt: z.string(),
      outdated: z.boolean(),
      /** When outdated: the source text the translation was made against (for the diff), if known. */
      previousSource: z.string().nullable().optional(),
    })
    .nullable(),
  openThreads: z.number().int(),
});

export const progressSchema = z.object({
  total: z.number().int(),
  untranslated: z.number().int(),
  draft: z.number().int(),
  translated: z.number().int(),
  approved: z.number().int(),
  /** Segments whose translation was made against an earlier source (any status). */
  outdated: z.number().int(),
});

export const documentSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  sourceLang: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  progress: z.record(z.string(), progressSchema),
});

export const workbenchDocumentSchema = z.object({
  document: documentSummarySchema.omit({ progress: true }),
  lang: z.string(),
  segments: z.array(workbenchSegmentSchema),
});

export const revisionSchema = z.object({
  version: z.number().int(),
  text: z.string(),
  status: z.enum(TRANSLATION_STATUSES),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  origin: z.string(),
  /** Where an editor save's text came from: typed, a memory match (detail: score) or an MT provider (detail: its id). */
  textOrigin: z.object({ kind: z.string(), detail: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const commentSchema = z.object({
  id: z.string(),
  segmentId: z.string(),
  lang: z.string(),
  threadId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(z.string()),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  createdAt: z.string(),
});

export const presenceInputSchema = z.object({
  lang: z.string().max(10),
  segmentId: z.string().max(200).nullable(),
  editing: z.boolean().default(false),
});

export const restoreInputSchema = z.object({ baseVersion: z.number().int().min(0) });
export const resolveInputSchema = z.object({ resolved: z.boolean() });

export type Translation = z.infer<typeof translationSchema>;
export type WorkbenchSegment = z.infer<typeof workbenchSegmentSchema>;
export type WorkbenchDocument = z.infer<typeof workbenchDocumentSchema>;
export type DocumentSummary = z.infer<typeof documentSummarySchema>;
export type Revision = z.infer<typeof revisionSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type Progress = z.infer<typeof progressSchema>;
