/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the
 * route handlers validate with. A test checks that every route is listed here.
 */
import { effortOutputSchema, providersOutputSchema, suggestInputSchema, suggestOutputSchema } from "@/features/mt/server/service";
import { z } from "zod";
import { ERROR_CODES } from "./errors";
import { createUserSchema, grantSchema, passwordSchema } from "@/features/auth/server/users";
import { reviewSchema, saveTranslationSchema } from "@/features/stories/server/translations";
import { commentInputSchema } from "@/features/workbench/server/comments";
import { lookupInputSchema, lookupOutputSchema, recognizeInputSchema, recognizeOutputSchema } from "@/features/glossary/schemas";
import { qaCheckInputSchema, qaCheckOutputSchema } from "@/features/qa/schemas";
import { concordanceOutputSchema, tmLookupOutputSchema } from "@/features/tm/server/service";
import { qaReportSchema } from "@/features/qa/server/report";
import { editionListSchema, editionSchema, publishInputSchema, unpublishInputSchema } from "@/features/editions/server/service";
import { conceptEditSchema, proposalSchema, reviewTermSchema } from "@/features/glossary/server/workflow";
import { importSummarySchema } from "@/features/glossary/server/exchange";
import { xliffImportReportSchema } from "@/features/exchange/xliff/schemas";
import { alignApplyInputSchema, alignApplyReportSchema, alignPreviewInputSchema, alignPreviewSchema } from "@/features/align/schemas";
import { createDocumentSchema, createdDocumentSchema, previewOutputSchema, sourceInputSchema, updatePlanSchema } from "@/features/documents/schemas";
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
  readonly query?: Record<string, string>;
  /** Query parameters described by the zod schema the handler parses them with (types, enums, defaults). */
  readonly querySchema?: z.ZodObject;
  /** Query parameters that are required (default: only `lang`). */
  readonly requiredQuery?: readonly string[];
  /** Media types of a raw (non-JSON) request body, e.g. an uploaded file. */
  readonly rawBody?: readonly string[];
  /** Media types of a non-JSON success response, e.g. a file download. */
  readonly produces?: readonly string[];
}

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
  { method: "get", path: "/api/v1/admin/users", summary: "List accounts", access: "user.manage", tag: "admin", response: z.object({ users: z.array(userSchema) }) },
  { method: "post", path: "/api/v1/admin/users", summary: "Create an account", access: "user.manage", tag: "admin", body: createUserSchema, response: z.object({ user: userSchema }), status: 201 },
  { method: "patch", path: "/api/v1/admin/users/{id}", summary: "Disable, enable, or change the administrator role", access: "user.manage", tag: "admin", body: z.object({ disabled: z.boolean().optional(), admin: z.boolean().optional() }), response: z.object({ user: userSchema }) },
  { method: "put", path: "/api/v1/admin/users/{id}/password", summary: "Reset a password (signs the user out everywhere)", access: "user.manage", tag: "admin", body: z.object({ password: passwordSchema }), status: 204 },
  { method: "post", path: "/api/v1/admin/users/{id}/grants", summary: "Grant a role in a language", access: "user.manage", tag: "admin", body: grantSchema, response: z.object({ grant: z.object({ id: z.string(), role: z.string(), lang: z.string() }) }), status: 201 },
  { method: "delete", path: "/api/v1/admin/users/{id}/grants/{grantId}", summary: "Revoke a grant", access: "user.manage", tag: "admin", status: 204 },
  { method: "get", path: "/api/v1/admin/audit", summary: "The audit log, newest first", access: "audit.read", tag: "admin", query: { action: "string", outcome: "string", user: "string", lang: "string", from: "date-time", to: "date-time", before: "date-time", limit: "integer" } },
  { method: "get", path: "/api/v1/documents", summary: "One page of documents (not archived) with per-language progress, filtered and sorted; keyset pagination: pass a response's `next` as `after` (or `prev` as `before`) for the neighbouring page, null at either end", access: "authenticated", tag: "documents", querySchema: documentListQuerySchema, response: documentPageSchema },
  { method: "get", path: "/api/v1/documents/{slug}/translations/{lang}", summary: "Segments with their translation in a language", access: "authenticated", tag: "documents", response: workbenchDocumentSchema },
  { method: "get", path: "/api/v1/documents/{slug}/events", summary: "Server-sent events: translation, comments and presence changes", access: "authenticated", tag: "documents", query: { lang: "string" } },
  { method: "post", path: "/api/v1/documents/{slug}/presence", summary: "Announce the segment the caller is on", access: "authenticated", tag: "documents", body: presenceInputSchema, status: 204 },
  { method: "put", path: "/api/v1/translations/{segmentId}/{lang}", summary: "Save a draft or translated text (409 when baseVersion is stale)", access: "translation.edit", tag: "translations", body: saveTranslationSchema, response: z.object({ translation: translationSchema }) },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/review", summary: "Approve, or reject with a comment", access: "translation.approve", tag: "translations", body: reviewSchema, response: z.object({ translation: translationSchema }) },
  { method: "get", path: "/api/v1/translations/{segmentId}/{lang}/revisions", summary: "Every revision, oldest first", access: "authenticated", tag: "translations", response: z.object({ revisions: z.array(revisionSchema) }) },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/revisions/{version}/restore", summary: "Restore a revision as a new revision", access: "translation.edit", tag: "translations", body: restoreInputSchema, response: z.object({ translation: translationSchema }) },
  { method: "get", path: "/api/v1/translations/{segmentId}/{lang}/comments", summary: "Comment threads", access: "authenticated", tag: "comments", response: z.object({ comments: z.array(commentSchema) }) },
  { method: "post", path: "/api/v1/translations/{segmentId}/{lang}/comments", summary: "Start or reply to a thread", access: "translation.edit", tag: "comments", body: commentInputSchema, response: z.object({ comment: commentSchema }), status: 201 },
  { method: "patch", path: "/api/v1/translations/{segmentId}/{lang}/comments/{threadId}", summary: "Resolve or reopen a thread", access: "translation.edit", tag: "comments", body: resolveInputSchema, response: z.object({ comment: commentSchema }) },
  { method: "post", path: "/api/v1/glossary/recognize", summary: "Glossary concepts in a text (UTF-16 offsets); anonymous callers see approved terms only", access: "public", tag: "glossary", body: recognizeInputSchema, response: recognizeOutputSchema },
  { method: "post", path: "/api/v1/glossary/{lang}/terms", summary: "Propose a term in a language (for an existing concept, or with a new concept)", access: "glossary.propose", tag: "glossary", body: proposalSchema, status: 201 },
  { method: "post", path: "/api/v1/glossary/{lang}/terms/{termId}/review", summary: "Approve, reject (with a comment) or deprecate a term", access: "glossary.approve", tag: "glossary", body: reviewTermSchema },
  { method: "patch", path: "/api/v1/glossary/concepts/{id}", summary: "Edit a concept's subject, definition or note (admins; recorded in its history)", access: "glossary.manage", tag: "glossary", body: conceptEditSchema },
  { method: "post", path: "/api/v1/glossary/lookup", summary: "The glossary for a segment: concepts in the source, their target terms, and which the target uses", access: "public", tag: "glossary", body: lookupInputSchema, response: lookupOutputSchema },
  { method: "get", path: "/api/v1/glossary/pending", summary: "Proposed terms waiting for review, per language", access: "authenticated", tag: "glossary", response: z.object({ pending: z.record(z.string(), z.number().int()) }) },
  { method: "get", path: "/api/v1/tm/lookup", summary: "Translation-memory matches for a source text (101 in context, 100 exact, fuzzy by word-level similarity); granularity=paragraph|sentence|both (default both): matches for the whole text and/or, per sentence of the text (offsets in querySentence), the best sentence matches, limit per sentence", access: "authenticated", tag: "tm", query: { sourceLang: "string", targetLang: "string", text: "string", limit: "integer", min: "integer", prev: "string", next: "string", granularity: "string" }, response: tmLookupOutputSchema },
  { method: "get", path: "/api/v1/tm/concordance", summary: "Memory units whose source or target contains a word or phrase", access: "authenticated", tag: "tm", query: { sourceLang: "string", targetLang: "string", q: "string", in: "string", limit: "integer" }, response: concordanceOutputSchema },
  { method: "get", path: "/api/v1/glossary/export", summary: "The glossary as a TBX v3 (TBX-Basic), TBX 2008 or CSV file, filtered by languages and statuses (comma-separated); anonymous callers get approved terms only", access: "public", tag: "glossary", query: { format: "string", lang: "string", status: "string" }, requiredQuery: [], produces: ["application/x-tbx+xml", "text/csv"] },
  { method: "post", path: "/api/v1/glossary/import", summary: "Import a TBX or CSV glossary (raw body, at most 20 MB) all or nothing; dryRun=1 reports and writes nothing; 422 lists every problem", access: "glossary.manage", tag: "glossary", query: { format: "string", dryRun: "string", status: "string", filename: "string" }, requiredQuery: ["format"], rawBody: ["application/x-tbx+xml", "application/xml", "text/csv"], response: importSummarySchema },
  { method: "post", path: "/api/v1/mt/suggest", summary: "Machine-translation suggestions for one segment from every provider routed to the target language (MT_ROUTES), each with the glossary terms it used or missed and its QA issues; a failing provider is listed in failures, one without the language in skipped. Nothing is saved as a translation (permission in the body's targetLang)", access: "translation.edit", tag: "mt", body: suggestInputSchema, response: suggestOutputSchema },
  { method: "get", path: "/api/v1/mt/effort", summary: "Post-editing effort of a month per MT provider and language: suggestions served and inserted, the share used, translations confirmed from them, median and mean effort per mille", access: "user.manage", tag: "mt", query: { month: "string" }, requiredQuery: [], response: effortOutputSchema },
  { method: "get", path: "/api/v1/mt/providers", summary: "Enabled machine-translation providers, the languages each serves (or why not) and this month's usage (characters, requests, suggestions served and inserted)", access: "user.manage", tag: "mt", response: providersOutputSchema },
  { method: "post", path: "/api/v1/qa/check", summary: "Quality checks of a translation, with messages in the caller's UI language (lang cookie, then Accept-Language)", access: "public", tag: "qa", body: qaCheckInputSchema, response: qaCheckOutputSchema },
  { method: "get", path: "/api/v1/documents/{slug}/qa", summary: "The QA report of a document in one language: every issue with its segment", access: "authenticated", tag: "qa", query: { lang: "string" }, response: qaReportSchema },
  { method: "post", path: "/api/v1/tm/import", summary: "Import a TMX 1.4b file (raw body, streamed) into the translation memory, all or nothing; dryRun=1 reports only; with Accept: application/x-ndjson the answer streams progress lines", access: "document.import", tag: "tm", query: { filename: "string", dryRun: "string" }, requiredQuery: [], rawBody: ["application/x-tmx+xml", "application/xml"] },
  { method: "get", path: "/api/v1/tm/export", summary: "The translation memory of a language pair as TMX 1.4b", access: "authenticated", tag: "tm", query: { sourceLang: "string", targetLang: "string" }, requiredQuery: ["targetLang"], produces: ["application/x-tmx+xml"] },
  { method: "get", path: "/api/v1/documents/{slug}/export", summary: "The story in one language as HTML or Markdown (approved translations, the source elsewhere, marked), or the whole document as a multilingual TMX", access: "authenticated", tag: "documents", query: { format: "string", lang: "string" }, requiredQuery: ["format"], produces: ["text/html", "text/markdown", "application/x-tmx+xml"] },
  { method: "get", path: "/api/v1/documents/{slug}/xliff", summary: "The document in one target language as XLIFF 2.1 (default) or 1.2: unit id = segment key, status as state, comments as notes, translation version and source hash for the import's checks", access: "authenticated", tag: "documents", query: { lang: "string", version: "string" }, produces: ["application/xliff+xml"] },
  { method: "post", path: "/api/v1/documents/{slug}/xliff", summary: "Import a translated XLIFF (1.0–1.2, sdlxliff, 2.0–2.2; raw body, at most 10 MB) into the document's translations in lang (translation.edit there): a report per unit (update, unchanged, conflict, unmatched, skipped with its reason); dryRun=1 writes nothing; the updates are written all or nothing; expect=planHash refuses (409) a plan that changed since the preview; qaOverride (reviewers) confirms despite quality-check errors", access: "translation.edit", tag: "documents", query: { lang: "string", dryRun: "string", filename: "string", qaOverride: "string", expect: "string" }, rawBody: ["application/xliff+xml", "application/x-xliff+xml", "application/xml"], response: z.object({ report: xliffImportReportSchema }) },
  { method: "post", path: "/api/v1/documents/preview", summary: "The segmentation of a new story (writes nothing): raw .txt, .md, .html or .docx upload with ?format=, or JSON { text, format } or { segments }; sentences=1 splits paragraphs into sentences", access: "document.import", tag: "documents", query: { format: "string", sentences: "string" }, requiredQuery: [], body: sourceInputSchema, rawBody: DOCUMENT_UPLOAD_TYPES, response: previewOutputSchema },
  { method: "post", path: "/api/v1/documents", summary: "Create a document from its segments (keys s01, s02, …); 409 when the slug exists", access: "document.import", tag: "documents", body: createDocumentSchema, response: createdDocumentSchema, status: 201 },
  { method: "post", path: "/api/v1/documents/{slug}/source", summary: "A new version of the source (same inputs as the preview): dryRun=1 answers the plan (kept, changed with the old text, new, removed); otherwise applies it in one transaction; base= (from the plan) answers 409 if the source changed since", access: "document.import", tag: "documents", query: { format: "string", sentences: "string", dryRun: "string", base: "string" }, requiredQuery: [], body: sourceInputSchema, rawBody: DOCUMENT_UPLOAD_TYPES, response: updatePlanSchema },
  { method: "post", path: "/api/v1/documents/{slug}/align", summary: "Align a pasted translation ({ lang, text }) with the document's segments, paragraph by paragraph and sentence by sentence: the proposal to correct, with confidences and base versions (permission in the body's lang)", access: "translation.edit", tag: "documents", body: alignPreviewInputSchema, response: alignPreviewSchema },
  { method: "post", path: "/api/v1/documents/{slug}/align/apply", summary: "Store a corrected alignment as draft translations (409 if one changed since the preview) and/or translation-memory units, all or nothing, with a report", access: "translation.edit", tag: "documents", body: alignApplyInputSchema, response: alignApplyReportSchema },
  { method: "get", path: "/api/v1/documents/{slug}/editions", summary: "The story's edition in every language: not published, published, published with changes since the snapshot (listed), or unpublished; whether it is complete, and what blocks it", access: "authenticated", tag: "editions", response: editionListSchema },
  { method: "get", path: "/api/v1/documents/{slug}/editions/{lang}", summary: "The story's edition in one language, with the changes since the published snapshot", access: "authenticated", tag: "editions", response: z.object({ edition: editionSchema }) },
  { method: "post", path: "/api/v1/documents/{slug}/editions/{lang}", summary: "Publish the edition in lang (reviewers of lang, administrators): a snapshot of every segment's text and revision, refused (422 edition_incomplete, with the blocking segments) unless every segment is approved and its QA errors overridden; on a published edition, publish an update with an optional public correction note (changed: false when there is nothing new)", access: "edition.publish", tag: "editions", body: publishInputSchema, response: z.object({ edition: editionSchema, changed: z.boolean() }) },
  { method: "post", path: "/api/v1/documents/{slug}/editions/{lang}/unpublish", summary: "Take a published edition off the reader, with a reason (administrators; audited)", access: "edition.unpublish", tag: "editions", body: unpublishInputSchema, response: z.object({ edition: editionSchema }) },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", access: "public", tag: "meta" },
];

const errorBody = z.object({ error: z.object({ code: z.enum(ERROR_CODES as [string, ...string[]]), message: z.string(), details: z.unknown().optional() }) });
/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) for a zod schema, without the $schema marker. */
function json(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/** Builds the OpenAPI 3.1 document. */
export function buildOpenApi(serverUrl = "/"): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const query = Object.entries(op.query ?? {}).map(([name, type]) => ({
      name,
      in: "query",
      required: op.requiredQuery ? op.requiredQuery.includes(name) : name === "lang",
      schema: type === "date-time" ? { type: "string", format: "date-time" } : { type },
    }));
    if (op.querySchema) {
      for (const [name, field] of Object.entries(op.querySchema.shape)) {
        const schema = field as z.ZodType;
        query.push({ name, in: "query", required: !schema.safeParse(undefined).success, schema: json(schema) as { type: string } });
      }
    }
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      "x-permission": op.access,
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: json(op.body) } } } } : {}),
      ...(op.rawBody ? { requestBody: { required: true, content: { ...(op.body ? { "application/json": { schema: json(op.body) } } : {}), ...Object.fromEntries(op.rawBody.map((t) => [t, { schema: { type: "string", format: "binary" } }])) } } } : {}),
      responses: {
        [status]: {
          description: "Success",
          ...(op.response ? { content: { "application/json": { schema: json(op.response) } } } : {}),
          ...(op.produces ? { content: Object.fromEntries(op.produces.map((t) => [t, { schema: { type: "string", format: "binary" } }])) } : {}),
        },
        default: { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Newsroom Workbench API", version: "1", description: "Every error answer is { error: { code, message, details? } }." },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas: { Error: json(errorBody) }, securitySchemes: { session: { type: "apiKey", in: "cookie", name: "wb.session_token" } } },
    security: [{ session: [] }],
  };
}
