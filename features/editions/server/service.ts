import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database, DocumentRow, EditionRow } from "@/lib/db/schema";
import { LANGUAGE_CODES, isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import { can, type Principal } from "@/features/auth/permissions";
import { insertAudit } from "@/features/auth/server/repository";
import { findDocumentBySlug } from "@/features/stories/server/repository";
import { newId } from "@/features/stories/stories";
import { qaErrors } from "@/features/stories/server/translations";
import { getEventBus } from "@/features/workbench/server/events";
import { revalidateReaderStory } from "@/features/reader/server/cache";
import { editionChanges, editionState, sameSnapshot, type Blocker, type EditionText } from "../editions";
import {
  findEdition,
  listEditionSegments,
  listEditions,
  listLiveSegments,
  listQaOverrideVersions,
  markUnpublished,
  replaceEditionSegments,
  upsertEdition,
} from "./repository";

export const MAX_NOTE_LENGTH = 1000;

export const publishInputSchema = z.object({
  /** Public correction note, shown on the story; only with an update after the first publication. */
  correctionNote: z.string().trim().max(MAX_NOTE_LENGTH).optional(),
});
export const unpublishInputSchema = z.object({ reason: z.string().trim().min(1, "Give the reason for unpublishing.").max(MAX_NOTE_LENGTH) });

const blockerSchema = z.object({ key: z.string(), reason: z.enum(["untranslated", "not_approved", "outdated", "qa_errors"]), checks: z.array(z.string()).optional() });
const changeSchema = z.object({ key: z.string(), kind: z.string(), change: z.enum(["changed", "added", "removed"]), published: z.string().nullable(), live: z.string().nullable() });

export const editionSchema = z.object({
  lang: z.string(),
  state: z.enum(["not_published", "published", "changed", "unpublished"]),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  correctionNote: z.string().nullable(),
  version: z.number().int(),
  unpublishedAt: z.string().nullable(),
  unpublishReason: z.string().nullable(),
  /** Every segment approved (QA errors overridden): publishable now. */
  complete: z.boolean(),
  blockers: z.array(blockerSchema),
  /** What publishing an update would change on the public page. */
  changes: z.array(changeSchema),
});
export type EditionDto = z.infer<typeof editionSchema>;
export const editionListSchema = z.object({ slug: z.string(), editions: z.array(editionSchema) });

async function documentOrThrow(db: Kysely<Database>, slug: string): Promise<DocumentRow> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc || doc.status === "archived") throw new ApiError("not_found", "No such document.");
  return doc;
}

/**
 * What the edition in `lang` would show if published now (the source text, or
 * each segment's current translation), and what keeps it from being published:
 * a segment not approved, approved against an earlier source, or with QA
 * errors no reviewer overrode on that version.
 */
export async function liveEdition(db: Kysely<Database>, doc: DocumentRow, lang: string): Promise<{ texts: EditionText[]; blockers: Blocker[] }> {
  const rows = await listLiveSegments(db, doc.id, lang);
  const isSource = lang === doc.source_lang;
  const overrides = isSource ? new Set<string>() : await listQaOverrideVersions(db, doc.id, lang);
  const texts: EditionText[] = [];
  const blockers: Blocker[] = [];
  for (const r of rows) {
    const base = { segmentId: r.segment_id, key: r.key, position: r.position, kind: r.kind, sourceHash: r.source_hash };
    if (isSource) {
      texts.push({ ...base, text: r.source_text, revisionId: null, translationVersion: null });
      continue;
    }
    texts.push({ ...base, text: r.text ?? "", revisionId: r.revision_id, translationVersion: r.version });
    if (r.text === null || r.text.trim() === "") blockers.push({ key: r.key, reason: "untranslated" });
    else if (r.status !== "approved") blockers.push({ key: r.key, reason: "not_approved" });
    else if (r.translation_hash !== r.source_hash) blockers.push({ key: r.key, reason: "outdated" });
    else if (!overrides.has(`${r.segment_id}@${r.version}`)) {
      // Segments are checked one after another: a story has a bounded number of them.
      const errors = await qaErrors(db, { sourceLang: doc.source_lang, targetLang: lang, source: r.source_text, target: r.text });
      if (errors.length > 0) blockers.push({ key: r.key, reason: "qa_errors", checks: [...new Set(errors.map((e) => e.check))] });
    }
  }
  return { texts, blockers };
}

function snapshotTexts(rows: Awaited<ReturnType<typeof listEditionSegments>>): EditionText[] {
  return rows.map((r) => ({ segmentId: r.segment_id, key: r.key, position: r.position, kind: r.kind, text: r.text, revisionId: r.revision_id, translationVersion: r.translation_version, sourceHash: r.source_hash }));
}

function toDto(lang: string, edition: EditionRow | undefined, live: { texts: EditionText[]; blockers: Blocker[] }, snapshot: EditionText[]): EditionDto {
  const changes = edition ? editionChanges(snapshot, live.texts) : [];
  return {
    lang,
    state: editionState(edition, changes),
    publishedAt: edition?.published_at ?? null,
    updatedAt: edition?.updated_at ?? null,
    correctionNote: edition?.correction_note ?? null,
    version: edition?.version ?? 0,
    unpublishedAt: edition?.status === "unpublished" ? edition.unpublished_at : null,
    unpublishReason: edition?.status === "unpublished" ? edition.unpublish_reason : null,
    complete: live.blockers.length === 0,
    blockers: live.blockers.map((b) => ({ ...b, checks: "checks" in b ? [...b.checks] : undefined })),
    changes: changes.map((c) => ({ ...c })),
  };
}

/** The edition of a story in one language, as the workbench shows it (state, blockers, changes since the snapshot). */
export async function getEditionStatus(db: Kysely<Database>, slug: string, lang: string): Promise<EditionDto> {
  if (!isLanguageCode(lang)) throw new ApiError("not_found", "No such language.");
  const doc = await documentOrThrow(db, slug);
  const edition = await findEdition(db, doc.id, lang);
  const snapshot = edition ? snapshotTexts(await listEditionSegments(db, [edition.id])) : [];
  return toDto(lang, edition, await liveEdition(db, doc, lang), snapshot);
}

/** Every language's edition of a story (one per language of the table). */
export async function listEditionStatuses(db: Kysely<Database>, slug: string): Promise<EditionDto[]> {
  const doc = await documentOrThrow(db, slug);
  const editions = new Map((await listEditions(db, doc.id)).map((e) => [e.lang, e]));
  const snapshots = await listEditionSegments(db, [...editions.values()].map((e) => e.id));
  const result: EditionDto[] = [];
  // One pass per language of the fixed language table, not per row of data.
  for (const lang of LANGUAGE_CODES) {
    const edition = editions.get(lang);
    const snapshot = edition ? snapshotTexts(snapshots.filter((s) => s.edition_id === edition.id)) : [];
    result.push(toDto(lang, edition, await liveEdition(db, doc, lang), snapshot));
  }
  return result;
}

/** Who may publish an edition in `lang`: its reviewers and administrators. */
export const canPublish = (principal: Principal, lang: string) => can(principal, "edition.publish", lang);

/** Who publishes: a signed-in user, or the seed. */
export interface Actor {
  readonly id: string;
  readonly label: string;
}

/** The actor for a signed-in principal (route() has already refused anonymous callers). */
export function actorOf(principal: Principal): Actor {
  if (principal.kind !== "user") throw new ApiError("unauthorized", "Sign in to do this.");
  return { id: principal.userId, label: principal.email };
}

export type PublishResult = { readonly edition: EditionDto; readonly changed: boolean };

/**
 * Publishes the edition of a story in `lang`, or publishes an update: stores
 * the snapshot of every segment's current text with its revision, when the
 * edition is complete. An update may carry a public correction note. Nothing
 * changes (changed: false) when the published snapshot already shows the live
 * text and no note is given.
 */
export async function publishEdition(
  db: Kysely<Database>,
  actor: Actor,
  slug: string,
  lang: string,
  input: z.infer<typeof publishInputSchema>,
  now = new Date().toISOString(),
): Promise<PublishResult> {
  if (!isLanguageCode(lang)) throw new ApiError("not_found", "No such language.");
  const doc = await documentOrThrow(db, slug);
  const live = await liveEdition(db, doc, lang);
  if (live.blockers.length > 0) {
    throw new ApiError("edition_incomplete", `The ${lang} edition is not complete: ${live.blockers.length} segment(s) are not approved or have quality-check errors without an override.`, { blockers: live.blockers });
  }
  const note = input.correctionNote ? input.correctionNote : undefined;
  const result = await db.transaction().execute(async (trx) => {
    const existing = await findEdition(trx, doc.id, lang);
    if (!existing && note) throw new ApiError("validation_failed", "A correction note goes with an update, after the first publication.");
    const snapshot = existing ? snapshotTexts(await listEditionSegments(trx, [existing.id])) : [];
    if (existing?.status === "published" && !note && sameSnapshot(snapshot, live.texts)) return { edition: existing, changed: false, action: null };
    const title = live.texts.find((t) => t.kind === "title")?.text ?? doc.title;
    const id = existing?.id ?? newId("ed");
    const action = existing ? ("update" as const) : ("publish" as const);
    await upsertEdition(trx, {
      id,
      document_id: doc.id,
      lang,
      status: "published",
      title,
      published_at: existing?.published_at ?? now,
      updated_at: existing ? now : null,
      // A later update without a note keeps the standing correction.
      correction_note: note ?? existing?.correction_note ?? null,
      published_by: actor.id,
      version: (existing?.version ?? 0) + 1,
      unpublished_at: null,
      unpublished_by: null,
      unpublish_reason: null,
    });
    await replaceEditionSegments(trx, id, live.texts);
    await insertAudit(trx, {
      action: `edition.${action}`,
      outcome: "success",
      actor_id: actor.id,
      actor_label: actor.label,
      target_type: "edition",
      target_id: id,
      target_label: `${doc.slug} (${lang})`,
      lang,
      ip: null,
      details: { slug: doc.slug, version: (existing?.version ?? 0) + 1, segments: live.texts.length, changes: existing ? editionChanges(snapshot, live.texts).length : live.texts.length, correctionNote: note ?? null },
      created_at: now,
    });
    return { edition: (await findEdition(trx, doc.id, lang))!, changed: true, action };
  });
  if (result.action) await announceEdition({ type: "edition", documentId: doc.id, lang, slug: doc.slug, action: result.action });
  return { edition: toDto(lang, result.edition, live, live.texts), changed: result.changed };
}

/** Takes a published edition off the reader (administrators, with a reason; audited). The snapshot is kept. */
export async function unpublishEdition(db: Kysely<Database>, actor: Actor, slug: string, lang: string, reason: string, now = new Date().toISOString()): Promise<EditionDto> {
  if (!isLanguageCode(lang)) throw new ApiError("not_found", "No such language.");
  const doc = await documentOrThrow(db, slug);
  await db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, doc.id, lang);
    if (!edition || edition.status !== "published") throw new ApiError("not_found", `The story has no published ${lang} edition.`);
    await markUnpublished(trx, edition.id, { at: now, by: actor.id, reason });
    await insertAudit(trx, {
      action: "edition.unpublish",
      outcome: "success",
      actor_id: actor.id,
      actor_label: actor.label,
      target_type: "edition",
      target_id: edition.id,
      target_label: `${doc.slug} (${lang})`,
      lang,
      ip: null,
      details: { slug: doc.slug, version: edition.version, reason },
      created_at: now,
    });
  });
  await announceEdition({ type: "edition", documentId: doc.id, lang, slug: doc.slug, action: "unpublish" });
  return getEditionStatus(db, slug, lang);
}

/** Tells every instance (the bus) that an edition changed, so cached reader pages are revalidated. */
async function announceEdition(event: { type: "edition"; documentId: string; lang: string; slug: string; action: "publish" | "update" | "unpublish" }): Promise<void> {
  // This instance at once (the bus may answer after the response); the others when the bus tells them.
  revalidateReaderStory(event.slug);
  try {
    await getEventBus().publish(event);
  } catch (error) {
    // The edition is stored; a bus failure only delays other instances' caches.
    console.error("edition announcement failed", error);
  }
}

/**
 * Publishes every complete edition of a story that has none yet (the seed:
 * stories imported before editions existed). Returns the languages published.
 */
export async function publishCompleteEditions(db: Kysely<Database>, actor: Actor, slug: string, now?: string): Promise<LanguageCode[]> {
  const doc = await documentOrThrow(db, slug);
  const existing = new Set((await listEditions(db, doc.id)).map((e) => e.lang));
  const published: LanguageCode[] = [];
  for (const lang of LANGUAGE_CODES) {
    if (existing.has(lang)) continue;
    if ((await liveEdition(db, doc, lang)).blockers.length > 0) continue;
    await publishEdition(db, actor, slug, lang, {}, now);
    published.push(lang);
  }
  return published;
}
