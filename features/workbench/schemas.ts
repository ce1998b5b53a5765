/** One zod schema per resource: request validation, OpenAPI and client types derive from these. */
import { z } from "zod";
import { SEGMENT_KINDS, TRANSLATION_STATUSES } from "@/lib/db/schema";
import { TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";

export const WORKBENCH_SORTS = ["updated", "created", "title"] as const;
export type WorkbenchSort = (typeof WORKBENCH_SORTS)[number];

export const PROGRESS_FILTERS = ["needs_work", "complete"] as const;
export type ProgressFilter = (typeof PROGRESS_FILTERS)[number];

/**
 * The query of the document list (workbench page and `GET /api/v1/documents`).
 * `progress` applies to `lang`, or with `mine=1` to the caller's languages, or else to every target language.
 * `after`/`before` are the opaque cursors of a neighbouring page (`next`/`prev` of a response).
 */
export const documentListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe("Words the title contains"),
  status: z.enum(["draft", "published"]).optional(),
  lang: z.enum(TARGET_LANGUAGE_CODES as [string, ...string[]]).optional().describe("Target language the progress filter applies to"),
  progress: z.enum(PROGRESS_FILTERS).optional(),
  mine: z.enum(["1"]).optional().describe("Apply the progress filter to the languages the caller translates or reviews"),
  sort: z.enum(WORKBENCH_SORTS).default("updated"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().max(2000).optional().describe("Cursor: the page after this one (a response's next)"),
  before: z.string().max(2000).optional().describe("Cursor: the page before this one (a response's prev)"),
});
export type DocumentListQuery = z.infer<typeof documentListQuerySchema>;

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

export const documentPageSchema = z.object({
  documents: z.array(documentSummarySchema),
  /** Cursor of the next page (pass as `after`), null on the last page. */
  next: z.string().nullable(),
  /** Cursor of the previous page (pass as `before`), null on the first page. */
  prev: z.string().nullable(),
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

/** Sent with the save that follows inserting a suggestion (features/stories/server/translations.ts, textOriginSchema). */
export type TextOrigin = { kind: "typed" } | { kind: "memory"; score: number; suggestion: string } | { kind: "mt"; provider: string; suggestion: string };
export type Comment = z.infer<typeof commentSchema>;
export type Progress = z.infer<typeof progressSchema>;

/** A page of a segment's comments (GET …/comments): `next` is the cursor of the following page, null on the last. */
export interface CommentPage {
  readonly comments: Comment[];
  readonly next: string | null;
  readonly prev: string | null;
}
