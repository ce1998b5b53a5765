/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the
 * route handlers validate with. A test checks that every route is listed here.
 */
import { pretranslateInputSchema, pretranslateJobSchema } from "@/features/mt/server/pretranslate";
import { effortOutputSchema, effortQuerySchema, providersOutputSchema, suggestInputSchema, suggestOutputSchema } from "@/features/mt/server/service";
import { z } from "zod";
import { ERROR_CODES } from "./errors";
import { LANGUAGE_CODES, TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";
import { TERM_STATUSES } from "@/lib/db/schema";
import { EXPORT_VERSIONS } from "@/features/exchange/xliff/model";
import { EXPORT_FORMATS } from "@/features/glossary/exchange";
import { createUserSchema, grantSchema, passwordSchema } from "@/features/auth/server/users";
import { reviewSchema, saveTranslationSchema } from "@/features/stories/server/translations";
import { commentInputSchema, commentListQuerySchema } from "@/features/workbench/server/comments";
import { conceptListQuerySchema, conceptPageSchema, lookupInputSchema, lookupOutputSchema, recognizeInputSchema, recognizeOutputSchema } from "@/features/glossary/schemas";
import { auditQuerySchema, userListQuerySchema } from "@/features/admin/schemas";
import { pageCursorsShape } from "./page";
import { qaCheckInputSchema, qaCheckOutputSchema } from "@/features/qa/schemas";
import { concordanceOutputSchema, concordanceQuerySchema, fragmentsOutputSchema, fragmentsQuerySchema, tmLookupOutputSchema, tmLookupQuerySchema } from "@/features/tm/server/service";
import { qaReportSchema } from "@/features/qa/server/report";
import { editionListSchema, editionSchema, publishInputSchema, unpublishInputSchema } from "@/features/editions/server/service";
import { conceptEditSchema, proposalSchema, reviewTermSchema } from "@/features/glossary/server/workflow";
import { importQuerySchema, importSummarySchema } from "@/features/glossary/server/exchange";
import { xliffImportReportSchema } from "@/features/exchange/xliff/schemas";
import { alignApplyInputSchema, alignApplyReportSchema, alignPreviewInputSchema, alignPreviewSchema } from "@/features/align/schemas";
import { createDocumentSchema, createdDocumentSchema, previewOutputSchema, sourceInputSchema, sourceQuerySchema, updatePlanSchema } from "@/features/documents/schemas";
import {
  commentSchema,
  documentListQuerySchema,
  documentPageSchema,
  presenceInputSchema,
  resolveInputSchema,
  restoreInputSchema,
  revisionSchema,
  translationSchema,
  workbenchDocumentSchema,
} from "@/features/workbench/schemas";

/** An HTTP error status an operation can answer, beyond the ones derived from its access and inputs. */
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

interface Operation {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path, e.g. /api/v1/translations/{segmentId}/{lang}. */
  readonly path: string;
  readonly summary: string;
  readonly access: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  readonly status?: number;
  /** Query parameters: the route's own zod object, or a shape of zod schemas (a parameter is required when undefined fails it). */
  readonly query?: z.ZodObject | Record<string, z.ZodType>;
  /** Media types of a raw (non-JSON) request body, e.g. an uploaded file. */
  readonly rawBody?: readonly string[];
  /** Media types of a non-JSON success response, e.g. a file download. */
  readonly produces?: readonly string[];
  /** Error statuses the handler itself answers (409, 422, 429, 503…); 400, 401, 403, 404 and 413 follow from access and inputs. */
  readonly errors?: readonly ErrorStatus[];
  /** A list answered one page at a time: limit and after/before cursors in the query, next/prev in the answer. */
  readonly paginated?: boolean;
}

const targetLang = z.enum(TARGET_LANGUAGE_CODES as [string, ...string[]]).describe("A target language code.");
const anyLang = z.enum(LANGUAGE_CODES as [string, ...string[]]).describe("A language code.");
const flag = z.enum(["0", "1", "true", "false"]).optional().describe("1 or true to turn on.");
const filename = z.string().max(200).optional().describe("The file's name, recorded with what it imports.");
const langList = z.string().optional().describe(`Comma-separated language codes (${LANGUAGE_CODES.join(", ")}); all when absent.`);

/** The answer of a TMX import (also the `summary` of the stream's last line). */
const tmxImportSummarySchema = z.object({
  filename: z.string(),
  dryRun: z.boolean(),
  units: z.number().int(),
  added: z.record(z.string(), z.number().int()),
  duplicates: z.number().int(),
  skippedLanguages: z.record(z.string(), z.number().int()),
  withoutSource: z.number().int(),
  warnings: z.array(z.object({ line: z.number().int().optional(), message: z.string() })),
});

const termSchema = z.object({
  id: z.string(),
  conceptId: z.string(),
  lang: z.string(),
  text: z.string(),
  type: z.string(),
  pos: z.string(),
  usage: z.string(),
  caseSensitive: z.boolean(),
  doNotTranslate: z.boolean(),
  note: z.string().nullable(),
  status: z.enum(TERM_STATUSES),
  proposedBy: z.string().nullable(),
  proposedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
});

const auditEntrySchema = z
  .object({
    id: z.string(),
    action: z.string(),
    outcome: z.enum(["success", "failure", "denied"]),
    actor_id: z.string().nullable(),
    actor_label: z.string().nullable(),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    target_label: z.string().nullable(),
    lang: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.unknown(),
    created_at: z.string(),
  })
  .loose();

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  username: z.string().nullable(),
  admin: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  grants: z.array(z.object({ id: z.string(), role: z.string(), lang: z.string() })),
});

/** Raw uploads of a story's source (documents preview and source updates). */
const DOCUMENT_UPLOAD_TYPES = ["text/plain", "text/markdown", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/octet-stream"];

export const OPERATIONS: readonly Operation[] = [
  { method: "get", path: "/api/v1/me", summary: "Who the caller is", access: "public", tag: "accounts", response: z.object({ principal: z.object({ kind: z.enum(["anonymous", "user"]) }).loose() }) },
  { method: "post", path: "/api/v1/session/sign-out", summary: "Sign out from an HTML form (303 redirect)", access: "authenticated", tag: "accounts", status: 303 },
  { method: "get", path: "/api/v1/admin/users", summary: "One page of accounts with their grants, by name; search and status filter; keyset pagination (a response's next as after, prev as before)", access: "user.manage", tag: "admin", query: userListQuerySchema, response: z.object({ users: z.array(userSchema), ...pageCursorsShape }), paginated: true },
  { method: "post", path: "/api/v1/admin/users", summary: "Create an account", access: "user.manage", tag: "admin", body: createUserSchema, response: z.object({ user: userSchema }), status: 201, errors: [409] },
  { method: "patch", path: "/api/v1/admin/users/{id}", summary: "Disable, enable, or change the administrator role", access: "user.manage", tag: "admin", body: z.object({ disabled: z.boolean().optional(), admin: z.boolean().optional() }), response: z.object({ user: userSchema }) },
  { method: "put", path: "/api/v1/admin/users/{id}/password", summary: "Reset a password (signs the user out everywhere)", access: "user.manage", tag: "admin", body: z.object({ password: passwordSchema }), status: 204 },
  { method: "post", path: "/api/v1/admin/users/{id}/grants", summary: "Grant a role in a language", access: "user.manage", tag: "admin", body: grantSchema, response: z.object({ grant: z.object({ id: z.string(), role: z.string(), lang: z.string() }) }), status: 201, errors: [409] },
  { method: "delete", path: "/api/v1/admin/users/{id}/grants/{grantId}", summary: "Revoke a grant", access: "user.manage", tag: "admin", status: 204 },
  { method: "get", path: "/api/v1/admin/audit", summary: "One page of the audit log, newest first, filtered by action, outcome, user, language and time; keyset pagination (a response's next as after, prev as before)", access: "audit.read", tag: "admin", query: auditQuerySchema, response: z.object({ entries: z.array(auditEntrySchema), ...pageCursorsShape }), paginated: true },
  { method: "get", path: "/api/v1/documents", summary: "One page of documents (not archived) with per-language progress, filtered and sorted; keyset pagination: pass a response's `next` as `after` (or `prev` as `before`) for the neighbouring page, null at either end", access: "authenticated", tag: "documents", query: documentListQuerySchema, response: documentPageSchema, paginated: true },
  { method: "get", path: "/api/v1/documents/{slug}/translations/{lang}", summary: "Segments with their translation in a language", access: "authenticated", tag: "documents", response: workbenchDocumentSchema },
  { method: "get", path: "/api/v1/documents/{slug}/events", summary: "Server-sent events: translation, comments and presence changes", access: "authenticated", tag: "documents", query: { lang: targetLang }, produces: ["text/event-stream"] },
  { method: "post", path: "/api/v1/documents/{slug}/presence", summary: "Announce the segment the caller is on", access: "authenticated", tag: "documents", body: presenceInputSchema, status: 204 },
  { method: "put", path: "/api/v1/translations/{segmentId}/{lang}", summary: "Save a draft or translated text (409 when baseVersion is stale)", access: "translation.edit", tag: "translations", body: saveTranslationSchema, response: z.object({ translation: translationSchema }), errors: [409, 422] },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/review", summary: "Approve, or reject with a comment", access: "translation.approve", tag: "translations", body: reviewSchema, response: z.object({ translation: translationSchema }), errors: [409, 422] },
  { method: "get", path: "/api/v1/translations/{segmentId}/{lang}/revisions", summary: "Every revision, oldest first", access: "authenticated", tag: "translations", response: z.object({ revisions: z.array(revisionSchema) }) },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/revisions/{version}/restore", summary: "Restore a revision as a new revision", access: "translation.edit", tag: "translations", body: restoreInputSchema, response: z.object({ translation: translationSchema }), errors: [409, 422] },
  { method: "get", path: "/api/v1/translations/{segmentId}/{lang}/comments", summary: "One page of the comments (threads and replies, oldest first); keyset pagination (a response's next as after, prev as before)", access: "authenticated", tag: "comments", query: commentListQuerySchema, response: z.object({ comments: z.array(commentSchema), ...pageCursorsShape }), paginated: true },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/comments", summary: "Start or reply to a thread", access: "translation.edit", tag: "comments", body: commentInputSchema, response: z.object({ comment: commentSchema }), status: 201 },
  { method: "patch", path: "/api/v1/translations/{segmentId}/{lang}/comments/{threadId}", summary: "Resolve or reopen a thread", access: "translation.edit", tag: "comments", body: resolveInputSchema, response: z.object({ comment: commentSchema }) },
  { method: "post", path: "/api/v1/glossary/recognize", summary: "Glossary concepts in a text (UTF-16 offsets); anonymous callers see approved terms only", access: "public", tag: "glossary", body: recognizeInputSchema, response: recognizeOutputSchema, errors: [429] },
  { method: "post", path: "/api/v1/glossary/{lang}/terms", summary: "Propose a term in a language (for an existing concept, or with a new concept)", access: "glossary.propose", tag: "glossary", body: proposalSchema, response: z.object({ terms: z.array(termSchema) }), status: 201, errors: [409] },
  { method: "post", path: "/api/v1/glossary/{lang}/terms/{termId}/review", summary: "Approve, reject (with a comment) or deprecate a term", access: "glossary.approve", tag: "glossary", body: reviewTermSchema, response: z.object({ term: termSchema }), errors: [409] },
  { method: "patch", path: "/api/v1/glossary/concepts/{id}", summary: "Edit a concept's subject, definition or note (admins; recorded in its history)", access: "glossary.manage", tag: "glossary", body: conceptEditSchema, response: z.object({ concept: z.object({ id: z.string(), subject: z.string(), definition: z.string(), note: z.string().nullable(), updatedAt: z.string() }) }), errors: [409] },
  { method: "post", path: "/api/v1/glossary/lookup", summary: "The glossary for a segment: concepts in the source, their target terms, and which the target uses", access: "public", tag: "glossary", body: lookupInputSchema, response: lookupOutputSchema, errors: [429] },
  { method: "get", path: "/api/v1/glossary/concepts", summary: "One page of glossary concepts with their terms, by id; search (case, accents and script variants folded) and filters by language, status and subject; anonymous callers see approved terms only; keyset pagination (a response's next as after, prev as before)", access: "public", tag: "glossary", query: conceptListQuerySchema, response: conceptPageSchema, paginated: true },
  { method: "get", path: "/api/v1/glossary/pending", summary: "Proposed terms waiting for review, per language", access: "authenticated", tag: "glossary", response: z.object({ pending: z.record(z.string(), z.number().int()) }) },
  { method: "get", path: "/api/v1/tm/lookup", summary: "Translation-memory matches for a source text (101 in context, 100 exact, fuzzy by word-level similarity); granularity=paragraph|sentence|both (default both): matches for the whole text and/or, per sentence of the text (offsets in querySentence), the best sentence matches, limit per sentence", access: "authenticated", tag: "tm", query: tmLookupQuerySchema, response: tmLookupOutputSchema },
  { method: "get", path: "/api/v1/tm/fragments", summary: "Automatic concordance: the longest runs of four or more words of a text that occur in the memory's sources, each with the newest units containing it", access: "authenticated", tag: "tm", query: fragmentsQuerySchema, response: fragmentsOutputSchema },
  { method: "get", path: "/api/v1/tm/concordance", summary: "One page of the memory units whose source or target contains a word or phrase, newest first; keyset pagination (a response's next as after, prev as before)", access: "authenticated", tag: "tm", query: concordanceQuerySchema, response: concordanceOutputSchema, paginated: true },
  { method: "get", path: "/api/v1/glossary/export", summary: "The glossary as a TBX v3 (TBX-Basic), TBX 2008 or CSV file, filtered by languages and statuses (comma-separated); anonymous callers get approved terms only", access: "public", tag: "glossary", query: { format: z.enum(EXPORT_FORMATS).default("tbx"), lang: langList, status: z.string().optional().describe(`Comma-separated statuses (${TERM_STATUSES.join(", ")}).`) }, produces: ["application/x-tbx+xml", "text/csv"] },
  { method: "post", path: "/api/v1/glossary/import", summary: "Import a TBX or CSV glossary (raw body, at most 20 MB) all or nothing; dryRun=1 reports and writes nothing; 422 lists every problem. Parsed and written in a worker thread within the import time budget (422 time_budget_exceeded); with Accept: application/x-ndjson the answer streams progress lines", access: "glossary.manage", tag: "glossary", query: { ...importQuerySchema.shape, dryRun: flag, filename }, rawBody: ["application/x-tbx+xml", "application/xml", "text/csv"], response: importSummarySchema, produces: ["application/x-ndjson"], errors: [409, 422, 503] },
  { method: "post", path: "/api/v1/mt/suggest", summary: "Machine-translation suggestions for one segment from every provider routed to the target language (MT_ROUTES), each with the glossary terms it used or missed and its QA issues; a failing provider is listed in failures, one without the language in skipped. Nothing is saved as a translation (permission in the body's targetLang)", access: "translation.edit", tag: "mt", body: suggestInputSchema, response: suggestOutputSchema },
  { method: "post", path: "/api/v1/documents/{slug}/pretranslate", summary: "Start pre-translating the document's empty segments in lang, in the background, as drafts: memory matches at or above threshold first, then the language's MT providers in batches; 409 while one runs (permission in the body's lang)", access: "translation.edit", tag: "mt", body: pretranslateInputSchema, response: z.object({ job: pretranslateJobSchema }), status: 202, errors: [409] },
  { method: "get", path: "/api/v1/documents/{slug}/pretranslate", summary: "The latest pre-translation of the document in lang on this server: state, progress and what came from where", access: "authenticated", tag: "mt", query: { lang: targetLang }, response: z.object({ job: pretranslateJobSchema }) },
  { method: "delete", path: "/api/v1/documents/{slug}/pretranslate", summary: "Cancel the running pre-translation in lang; drafts already written stay", access: "translation.edit", tag: "mt", query: { lang: targetLang }, response: z.object({ job: pretranslateJobSchema }) },
  { method: "get", path: "/api/v1/mt/effort", summary: "Post-editing effort of a month per MT provider and language: suggestions served and inserted, the share used, translations confirmed from them, median and mean effort per mille", access: "user.manage", tag: "mt", query: effortQuerySchema, response: effortOutputSchema },
  { method: "get", path: "/api/v1/mt/providers", summary: "Enabled machine-translation providers, the languages each serves (or why not) and this month's usage (characters, requests, suggestions served and inserted)", access: "user.manage", tag: "mt", response: providersOutputSchema },
  { method: "post", path: "/api/v1/qa/check", summary: "Quality checks of a translation, with messages in the caller's UI language (lang cookie, then Accept-Language)", access: "public", tag: "qa", body: qaCheckInputSchema, response: qaCheckOutputSchema, errors: [429] },
  { method: "get", path: "/api/v1/documents/{slug}/qa", summary: "The QA report of a document in one language: every issue with its segment", access: "authenticated", tag: "qa", query: { lang: anyLang }, response: qaReportSchema, errors: [422, 503] },
  { method: "post", path: "/api/v1/tm/import", summary: "Import a TMX 1.4b file (raw body, streamed) into the translation memory, all or nothing; dryRun=1 reports only. Parsed and written in a worker thread within the import time budget (422 time_budget_exceeded); with Accept: application/x-ndjson the answer streams progress lines", access: "document.import", tag: "tm", query: { filename, dryRun: flag }, rawBody: ["application/x-tmx+xml", "application/xml"], response: z.object({ summary: tmxImportSummarySchema }), produces: ["application/x-ndjson"], errors: [422, 503] },
  { method: "get", path: "/api/v1/tm/export", summary: "The translation memory of a language pair as TMX 1.4b", access: "authenticated", tag: "tm", query: { sourceLang: anyLang.default("en"), targetLang: anyLang }, produces: ["application/x-tmx+xml"] },
  { method: "get", path: "/api/v1/documents/{slug}/export", summary: "The story in one language as HTML or Markdown (approved translations, the source elsewhere, marked), or the whole document as a multilingual TMX", access: "authenticated", tag: "documents", query: { format: z.enum(["html", "md", "tmx"]), lang: anyLang.optional().describe("The story's language (html and md; required there).") }, produces: ["text/html", "text/markdown", "application/x-tmx+xml"] },
  { method: "get", path: "/api/v1/documents/{slug}/xliff", summary: "The document in one target language as XLIFF 2.1 (default) or 1.2: unit id = segment key, status as state, comments as notes, translation version and source hash for the import's checks", access: "authenticated", tag: "documents", query: { lang: targetLang, version: z.enum(EXPORT_VERSIONS).default("2.1") }, produces: ["application/xliff+xml"] },
  { method: "post", path: "/api/v1/documents/{slug}/xliff", summary: "Import a translated XLIFF (1.0–1.2, sdlxliff, 2.0–2.2; raw body, at most 10 MB) into the document's translations in lang (translation.edit there): a report per unit (update, unchanged, conflict, unmatched, skipped with its reason); dryRun=1 writes nothing; the updates are written all or nothing; expect=planHash refuses (409) a plan that changed since the preview; qaOverride (reviewers) confirms despite quality-check errors. Read and written in a worker thread within the import time budget (422 time_budget_exceeded); with Accept: application/x-ndjson the answer streams progress lines", access: "translation.edit", tag: "documents", query: { lang: targetLang, dryRun: flag, filename, qaOverride: z.string().max(1000).optional(), expect: z.string().max(100).optional() }, rawBody: ["application/xliff+xml", "application/x-xliff+xml", "application/xml"], response: z.object({ report: xliffImportReportSchema }), produces: ["application/x-ndjson"], errors: [409, 422, 503] },
  { method: "post", path: "/api/v1/documents/preview", summary: "The segmentation of a new story (writes nothing): raw .txt, .md, .html or .docx upload with ?format=, or JSON { text, format } or { segments }; sentences=1 splits paragraphs into sentences", access: "document.import", tag: "documents", query: { format: sourceQuerySchema.shape.format, sentences: flag }, body: sourceInputSchema, rawBody: DOCUMENT_UPLOAD_TYPES, response: previewOutputSchema },
  { method: "post", path: "/api/v1/documents", summary: "Create a document from its segments (keys s01, s02, …); 409 when the slug exists", access: "document.import", tag: "documents", body: createDocumentSchema, response: createdDocumentSchema, status: 201, errors: [409] },
  { method: "post", path: "/api/v1/documents/{slug}/source", summary: "A new version of the source (same inputs as the preview): dryRun=1 answers the plan (kept, changed with the old text, new, removed); otherwise applies it in one transaction; base= (from the plan) answers 409 if the source changed since", access: "document.import", tag: "documents", query: { ...sourceQuerySchema.shape, sentences: flag, dryRun: flag }, body: sourceInputSchema, rawBody: DOCUMENT_UPLOAD_TYPES, response: updatePlanSchema, errors: [409] },
  { method: "post", path: "/api/v1/documents/{slug}/align", summary: "Align a pasted translation ({ lang, text }) with the document's segments, paragraph by paragraph and sentence by sentence: the proposal to correct, with confidences and base versions (permission in the body's lang)", access: "translation.edit", tag: "documents", body: alignPreviewInputSchema, response: alignPreviewSchema, errors: [422, 503] },
  { method: "post", path: "/api/v1/documents/{slug}/align/apply", summary: "Store a corrected alignment as draft translations (409 if one changed since the preview) and/or translation-memory units, all or nothing, with a report", access: "translation.edit", tag: "documents", body: alignApplyInputSchema, response: alignApplyReportSchema, errors: [409] },
  { method: "get", path: "/api/v1/documents/{slug}/editions", summary: "The story's edition in every language: not published, published, published with changes since the snapshot (listed), or unpublished; whether it is complete, and what blocks it", access: "authenticated", tag: "editions", response: editionListSchema },
  { method: "get", path: "/api/v1/documents/{slug}/editions/{lang}", summary: "The story's edition in one language, with the changes since the published snapshot", access: "authenticated", tag: "editions", response: z.object({ edition: editionSchema }) },
  { method: "post", path: "/api/v1/documents/{slug}/editions/{lang}", summary: "Publish the edition in lang (reviewers of lang, administrators): a snapshot of every segment's text and revision, refused (422 edition_incomplete, with the blocking segments) unless every segment is approved and its QA errors overridden; on a published edition, publish an update with an optional public correction note (changed: false when there is nothing new)", access: "edition.publish", tag: "editions", body: publishInputSchema, response: z.object({ edition: editionSchema, changed: z.boolean() }) },
  { method: "post", path: "/api/v1/documents/{slug}/editions/{lang}/unpublish", summary: "Take a published edition off the reader, with a reason (administrators; audited)", access: "edition.unpublish", tag: "editions", body: unpublishInputSchema, response: z.object({ edition: editionSchema }) },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", access: "public", tag: "meta", response: z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).loose() },
];

const errorBody = z.object({ error: z.object({ code: z.enum(ERROR_CODES as [string, ...string[]]), message: z.string(), details: z.unknown().optional() }) });
/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) for a zod schema, without the $schema marker. */
function json(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/** What each error status means here (the body is always the Error schema). */
const ERROR_RESPONSES: Record<ErrorStatus, string> = {
  400: "validation_failed: a parameter or the body is invalid (details lists each problem), or an upload ended short of its Content-Length.",
  401: "unauthorized: sign in first.",
  403: "forbidden: the caller lacks the permission (in that language); cross_origin: a write from another site.",
  404: "not_found: no such resource, or outside the caller's languages.",
  409: "version_conflict or already_exists: the resource changed since it was read, or exists already (details.current where it applies).",
  413: "payload_too_large: the body is larger than this endpoint accepts (details.maxBytes).",
  422: "The request is understood but refused: qa_blocked (quality-check errors), a file with problems (details.problems), or time_budget_exceeded / memory_budget_exceeded (too much work for one request).",
  429: "rate_limited: too many requests from this client; Retry-After says when to try again.",
  503: "server_busy: every worker is busy; Retry-After says when to try again.",
};

const MUTATING = new Set(["post", "put", "patch", "delete"]);

/** The error statuses of an operation: from its access and inputs, plus the ones it declares. */
export function errorStatuses(op: Operation): ErrorStatus[] {
  const out = new Set<ErrorStatus>(op.errors ?? []);
  const hasPathParams = op.path.includes("{");
  if (op.body || op.rawBody || op.query || (MUTATING.has(op.method) && op.status !== 303)) out.add(400);
  if (op.access !== "public") out.add(401);
  if ((op.access !== "public" && op.access !== "authenticated") || MUTATING.has(op.method)) out.add(403);
  if (hasPathParams) out.add(404);
  if (op.body || op.rawBody) out.add(413);
  return [...out].sort((a, b) => a - b);
}

/** Query parameters of an operation, typed from its zod schemas. */
function queryParameters(op: Operation): Record<string, unknown>[] {
  if (!op.query) return [];
  const shape: Record<string, z.ZodType> = op.query instanceof z.ZodObject ? (op.query.shape as Record<string, z.ZodType>) : op.query;
  const pages = op.paginated && !["cursor", "before", "after"].some((k) => k in shape) ? { cursor: z.string().optional().describe("The page after this cursor (nextCursor of the previous page).") } : {};
  return Object.entries({ ...shape, ...pages }).map(([name, schema]) => {
    const { description, ...rest } = json(schema);
    return { name, in: "query", required: !schema.safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

/** The success response's content: JSON with its schema, and/or the other media types the operation produces. */
function successContent(op: Operation): Record<string, unknown> | undefined {
  const content: Record<string, unknown> = {};
  if (op.response) content["application/json"] = { schema: json(op.response) };
  for (const t of op.produces ?? []) {
    content[t] =
      t === "application/x-ndjson"
        ? {
            schema: {
              type: "string",
              description:
                'One JSON object per line: progress lines { "type": "progress", "phase": "upload" | "parse" | "write", "bytes", "total", "units" } (bytes received while uploading, read by the parser while parsing; units read so far, or to be written), then { "type": "done", …the JSON answer\'s fields } or { "type": "error", "status", "error": { "code", "message", "details"? } } (422 time_budget_exceeded or memory_budget_exceeded when the import outgrows its worker, 503 server_busy when the import queue is full).',
            },
          }
        : t === "text/event-stream"
          ? { schema: { type: "string", description: "Server-sent events." } }
          : { schema: { type: "string", format: "binary" } };
  }
  return Object.keys(content).length ? content : undefined;
}

/** Builds the OpenAPI 3.1 document. */
export function buildOpenApi(serverUrl = "/"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: m[1] === "lang" ? json(op.path.startsWith("/api/v1/glossary/") ? anyLang : targetLang) : m[1] === "version" ? { type: "integer", minimum: 1 } : { type: "string" },
    }));
    const query = queryParameters(op);
    const status = String(op.status ?? 200);
    const content = successContent(op);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      tags: [op.tag],
      "x-permission": op.access,
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body || op.rawBody
        ? {
            requestBody: {
              required: true,
              content: {
                ...(op.body ? { "application/json": { schema: json(op.body) } } : {}),
                ...Object.fromEntries((op.rawBody ?? []).map((t) => [t, { schema: { type: "string", format: "binary" } }])),
              },
            },
          }
        : {}),
      responses: {
        [status]: { description: status === "303" ? "Redirect (Location)" : status === "204" ? "Done (no content)" : "Success", ...(content ? { content } : {}) },
        ...Object.fromEntries(errorStatuses(op).map((s) => [String(s), { $ref: `#/components/responses/E${s}` }])),
        default: { $ref: "#/components/responses/Error" },
      },
    };
  }
  const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  return {
    openapi: "3.1.0",
    info: { title: "Newsroom Workbench API", version: "1", description: "Every error answer is { error: { code, message, details? } }." },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: json(errorBody) },
      responses: {
        ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([s, description]) => [`E${s}`, { description, content: errorContent }])),
        Error: { description: "Any other error (500 internal: nothing is leaked).", content: errorContent },
      },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "wb.session_token" } } },
    security: [{ session: [] }],
  };
}

/** A stable, unique operationId for client generators, e.g. post_documents_slug_xliff. */
function operationId(op: Operation): string {
  return `${op.method}_${op.path.replace(/^\/api\/v1\//, "").replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+/g, "_")}`;
}
