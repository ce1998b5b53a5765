/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the
 * route handlers validate with. A test checks that every route is listed here.
 */
import { z } from "zod";
import { ERROR_CODES } from "./errors";
import { createUserSchema, grantSchema, passwordSchema } from "@/features/auth/server/users";
import { reviewSchema, saveTranslationSchema } from "@/features/stories/server/translations";
import { commentInputSchema } from "@/features/workbench/server/comments";
import { lookupInputSchema, lookupOutputSchema, recognizeInputSchema, recognizeOutputSchema } from "@/features/glossary/schemas";
import { conceptEditSchema, proposalSchema, reviewTermSchema } from "@/features/glossary/server/workflow";
import {
  commentSchema,
  documentSummarySchema,
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
  { method: "get", path: "/api/v1/documents", summary: "Documents with per-language progress", access: "authenticated", tag: "documents", response: z.object({ documents: z.array(documentSummarySchema) }) },
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
      required: name === "lang",
      schema: type === "date-time" ? { type: "string", format: "date-time" } : { type },
    }));
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      "x-permission": op.access,
      ...(params.length + query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: json(op.body) } } } } : {}),
      responses: {
        [status]: { description: "Success", ...(op.response ? { content: { "application/json": { schema: json(op.response) } } } : {}) },
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
