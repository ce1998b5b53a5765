import "server-only";
import type { Kysely } from "kysely";
import { ApiError } from "@/lib/api/errors";
import type { Database, TranslationRow } from "@/lib/db/schema";
import { TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";
import { countSegments, countTranslationsByStatus, findDocumentBySlug, listRevisions, listSegments, listTranslations, saveTranslation } from "@/features/stories/server/repository";
import { decodeCursor, type Page, type PageRequest } from "@/lib/db/keyset";
import { WORKBENCH_ORDERS, listWorkbenchDocumentRows, type WorkbenchFilter } from "./repository";
import { isOutdated } from "@/features/stories/stories";
import { can, languagesWith, type Principal } from "@/features/auth/permissions";
import type { DocumentListQuery, DocumentSummary, Progress, Revision, WorkbenchDocument } from "../schemas";
import { countOpenThreads } from "./comments";
import type { EventBus } from "./events";
import { yieldToEventLoop } from "@/lib/event-loop";

/** Display names of users, by id. */
async function userNames(db: Kysely<Database>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("user").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const emptyProgress = (total: number): Progress => ({ total, untranslated: total, draft: 0, translated: 0, approved: 0, outdated: 0 });

/** Documents on one page of the workbench list and of `GET /api/v1/documents`. */
export const WORKBENCH_PAGE_SIZE = 25;

/** The filter and page a document-list query asks for; a cursor that is not one of ours is a validation error. */
export function resolveDocumentListQuery(query: DocumentListQuery, principal: Principal): { filter: WorkbenchFilter; request: PageRequest } {
  const langs = query.mine ? languagesWith(principal, "translation.edit", TARGET_LANGUAGE_CODES) : query.lang ? [query.lang] : TARGET_LANGUAGE_CODES;
  const filter: WorkbenchFilter = { q: query.q || undefined, status: query.status, progress: query.progress, langs, sort: query.sort };
  if (query.after !== undefined && query.before !== undefined) throw new ApiError("validation_failed", "Give either `after` or `before`, not both.");
  const raw = query.after ?? query.before;
  if (raw === undefined) return { filter, request: { limit: query.limit } };
  const values = decodeCursor(raw, WORKBENCH_ORDERS[query.sort].length);
  if (!values) throw new ApiError("validation_failed", "The cursor is not valid.", [{ path: query.after !== undefined ? "after" : "before", message: "not a cursor of this list" }]);
  return { filter, request: query.after !== undefined ? { after: values, limit: query.limit } : { before: values, limit: query.limit } };
}

/**
 * One page of documents with per-language progress (segments by status), in three
 * queries whatever the page or the database holds: the page, the grouped counts, the segment totals.
 */
export async function listWorkbenchDocuments(db: Kysely<Database>, filter: WorkbenchFilter = { sort: "updated" }, request: PageRequest = { limit: WORKBENCH_PAGE_SIZE }): Promise<Page<DocumentSummary>> {
  const page = await listWorkbenchDocumentRows(db, filter, request);
  const ids = page.items.map((d) => d.id);
  // SQLite answers synchronously: between the queries, requests that came in meanwhile get a turn.
  await yieldToEventLoop();
  const counts = await countTranslationsByStatus(db, ids, TARGET_LANGUAGE_CODES);
  await yieldToEventLoop();
  const totals = await countSegments(db, ids);
  const progress = new Map<string, Record<string, Progress>>();
  for (const doc of page.items) {
    const total = totals.get(doc.id) ?? 0;
    progress.set(doc.id, Object.fromEntries(TARGET_LANGUAGE_CODES.map((lang) => [lang, emptyProgress(total)])));
  }
  for (const c of counts) {
    const p = progress.get(c.documentId)?.[c.lang];
    if (!p) continue;
    if (c.status === "untranslated") continue;
    p.outdated += c.outdated;
    p.untranslated -= c.count;
    p[c.status] += c.count;
  }
  return {
    ...page,
    items: page.items.map((doc) => ({ id: doc.id, slug: doc.slug, title: doc.title, sourceLang: doc.source_lang, status: doc.status, updatedAt: doc.updated_at, progress: progress.get(doc.id)! })),
  };
}

/** Every current segment of a document with its translation in `lang`. */
export async function getWorkbenchDocument(db: Kysely<Database>, slug: string, lang: string): Promise<WorkbenchDocument> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  const [segments, translations, threads] = await Promise.all([listSegments(db, doc.id), listTranslations(db, doc.id, [lang]), countOpenThreads(db, doc.id, lang)]);
  const bySegment = new Map(translations.map((t) => [t.segment_id, t]));
  const names = await userNames(db, translations.map((t) => t.updated_by));
  const previousSources = await earlierSources(db, segments, translations);
  return {
    document: { id: doc.id, slug: doc.slug, title: doc.title, sourceLang: doc.source_lang, status: doc.status, updatedAt: doc.updated_at },
    lang,
    segments: segments.map((s) => {
      const t = bySegment.get(s.id);
      return {
        id: s.id,
        key: s.key,
        kind: s.kind,
        position: s.position,
        source: s.source_text,
        openThreads: threads.get(s.id) ?? 0,
        translation: t
          ? {
              text: t.text,
              status: t.status,
              version: t.version,
              updatedBy: t.updated_by,
              updatedByName: t.updated_by ? (names.get(t.updated_by) ?? null) : null,
              updatedAt: t.updated_at,
              outdated: isOutdated(t.source_hash, s.source_hash),
              previousSource: isOutdated(t.source_hash, s.source_hash) ? (previousSources.get(`${s.id}\u0000${t.source_hash}`) ?? null) : null,
            }
          : null,
      };
    }),
  };
}

/** The earlier source texts that outdated translations were made against (source updates keep them), by segment and hash. */
async function earlierSources(db: Kysely<Database>, segments: readonly { id: string; source_hash: string }[], translations: readonly TranslationRow[]): Promise<Map<string, string>> {
  const current = new Map(segments.map((s) => [s.id, s.source_hash]));
  const ids = [...new Set(translations.filter((t) => current.has(t.segment_id) && isOutdated(t.source_hash, current.get(t.segment_id)!)).map((t) => t.segment_id))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("source_revisions").select(["segment_id", "source_hash", "source_text"]).where("segment_id", "in", ids).execute();
  return new Map(rows.map((r) => [`${r.segment_id}\u0000${r.source_hash}`, r.source_text]));
}

/** Every revision of a segment's translation, newest last, with author names. */
export async function getRevisions(db: Kysely<Database>, segmentId: string, lang: string): Promise<Revision[]> {
  const revisions = await listRevisions(db, segmentId, lang);
  const names = await userNames(db, revisions.map((r) => r.author_id));
  return revisions.map((r) => ({
    version: r.version,
    text: r.text,
    status: r.status,
    authorId: r.author_id,
    authorName: r.author_id ? (names.get(r.author_id) ?? null) : null,
    origin: r.origin,
    textOrigin: r.text_origin ? { kind: r.text_origin, detail: r.text_origin_detail ?? null } : null,
    note: r.note,
    createdAt: r.created_at,
  }));
}

/** Restores an earlier revision's text as a new revision on top of `baseVersion`. */
export async function restoreRevision(db: Kysely<Database>, principal: Principal, segmentId: string, lang: string, version: number, baseVersion: number): Promise<TranslationRow> {
  const revisions = await listRevisions(db, segmentId, lang);
  const target = revisions.find((r) => r.version === version);
  if (!target) throw new ApiError("not_found", "No such revision.");
  // Restoring approved text approves it again only for someone who may approve.
  const status = target.status === "approved" && !can(principal, "translation.approve", lang) ? "translated" : target.status;
  const result = await saveTranslation(db, {
    segmentId,
    lang,
    text: target.text,
    status,
    baseVersion,
    authorId: principal.kind === "user" ? principal.userId : null,
    origin: "restore",
    note: `Restored version ${version}`,
  });
  if (result.kind === "segment_not_found") throw new ApiError("not_found", "No such segment.");
  if (result.kind === "conflict") {
    throw new ApiError("version_conflict", "Someone else changed this translation since you loaded it.", { current: result.current ? { text: result.current.text, version: result.current.version, status: result.current.status, updatedBy: result.current.updated_by, updatedAt: result.current.updated_at } : null });
  }
  return result.translation;
}

/** Tells everyone with the document open that a translation changed. */
export async function announceTranslation(db: Kysely<Database>, bus: EventBus, t: TranslationRow): Promise<void> {
  const segment = await db.selectFrom("segments").select("document_id").where("id", "=", t.segment_id).executeTakeFirst();
  if (!segment) return;
  const names = await userNames(db, [t.updated_by]);
  await bus.publish({
    type: "translation",
    documentId: segment.document_id,
    lang: t.lang,
    segmentId: t.segment_id,
    translation: { text: t.text, status: t.status, version: t.version, updatedBy: t.updated_by, updatedByName: t.updated_by ? (names.get(t.updated_by) ?? null) : null, updatedAt: t.updated_at },
  });
}
