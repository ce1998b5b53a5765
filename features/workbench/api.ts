/** Typed fetchers for the workbench API (client side). */
import { apiFetch } from "@/lib/api/client";
import type { Comment, CommentPage, DocumentSummary, Revision, TextOrigin, Translation, WorkbenchDocument } from "./schemas";
import type { GlossaryLookup } from "@/features/glossary/schemas";
import type { TmLookupMatch } from "@/features/tm/api";

export type { TmLookupMatch };

const seg = (segmentId: string, lang: string) => `/api/v1/translations/${encodeURIComponent(segmentId)}/${encodeURIComponent(lang)}`;

export const workbenchApi = {
  documents: () => apiFetch<{ documents: DocumentSummary[] }>("/api/v1/documents"),
  document: (slug: string, lang: string) => apiFetch<WorkbenchDocument>(`/api/v1/documents/${encodeURIComponent(slug)}/translations/${encodeURIComponent(lang)}`),
  save: (segmentId: string, lang: string, body: { text: string; status: "draft" | "translated"; baseVersion: number; qaOverride?: { reason: string }; origin?: TextOrigin }) =>
    apiFetch<{ translation: Translation }>(seg(segmentId, lang), { method: "PUT", json: body }),
  review: (segmentId: string, lang: string, body: { decision: "approve" | "reject"; baseVersion: number; comment?: string; qaOverride?: { reason: string } }) =>
    apiFetch<{ translation: Translation }>(`${seg(segmentId, lang)}/review`, { method: "POST", json: body }),
  revisions: (segmentId: string, lang: string) => apiFetch<{ revisions: Revision[] }>(`${seg(segmentId, lang)}/revisions`),
  restore: (segmentId: string, lang: string, version: number, baseVersion: number) =>
    apiFetch<{ translation: Translation }>(`${seg(segmentId, lang)}/revisions/${version}/restore`, { method: "POST", json: { baseVersion } }),
  /** One page of a segment's comments, oldest first; `after` is the previous page's `next`. */
  comments: (segmentId: string, lang: string, after?: string) =>
    apiFetch<CommentPage>(`${seg(segmentId, lang)}/comments${after ? `?${new URLSearchParams({ after })}` : ""}`),
  addComment: (segmentId: string, lang: string, body: { body: string; threadId?: string }) =>
    apiFetch<{ comment: Comment }>(`${seg(segmentId, lang)}/comments`, { method: "POST", json: body }),
  resolveThread: (segmentId: string, lang: string, threadId: string, resolved: boolean) =>
    apiFetch<{ comment: Comment }>(`${seg(segmentId, lang)}/comments/${encodeURIComponent(threadId)}`, { method: "PATCH", json: { resolved } }),
  glossary: (body: { sourceLang: string; targetLang: string; source: string; target: string }) => apiFetch<GlossaryLookup>("/api/v1/glossary/lookup", { method: "POST", json: body }),
  memory: (q: { sourceLang: string; targetLang: string; text: string; prev?: string; next?: string }) =>
    apiFetch<{ matches: TmLookupMatch[] }>(`/api/v1/tm/lookup?${new URLSearchParams({ ...q, limit: "5", min: "50", granularity: "paragraph" })}`),
  concordance: (q: { sourceLang: string; targetLang: string; q: string }) => apiFetch<{ units: Omit<TmLookupMatch, "score">[] }>(`/api/v1/tm/concordance?${new URLSearchParams({ ...q, limit: "20" })}`),
  presence: (slug: string, body: { lang: string; segmentId: string | null; editing: boolean }) =>
    apiFetch<void>(`/api/v1/documents/${encodeURIComponent(slug)}/presence`, { method: "POST", json: body }),
};
