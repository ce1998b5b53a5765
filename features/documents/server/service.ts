import "server-only";
import { readRequestBytes } from "@/lib/api/body";
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database, DocumentRow, NewSegment } from "@/lib/db/schema";
import { SOURCE_LANGUAGE } from "@/lib/i18n/languages";
import { hashSource, newId } from "@/features/stories/stories";
import { type Db as AnyDb, findDocumentBySlug, insertDocument, insertSegments, listSegments } from "@/features/stories/server/repository";
import { insertAudit } from "@/features/auth/server/repository";
import type { Principal } from "@/features/auth/permissions";
import { type Block, DocumentInputError, type ImportFormat, LIMITS } from "../blocks";
import { type UpdatePlan, createDocumentSchema, previewOutputSchema, sourceInputSchema, sourceQuerySchema } from "../schemas";

import { defineJob, runJob } from "@/lib/worker/pool";
import type * as ParseJob from "../parse-source";
import { tooManySegments } from "../parse-source";
import { type DraftSegment, assignKeys, nextKeys, segmentBlocks, suggestSlug, validateSegments } from "../segmentation";
import { matchSegments } from "../match";

export { createDocumentSchema, sourceQuerySchema } from "../schemas";

const parseSourceJob = defineJob<typeof ParseJob.parseSourceJob>("features/documents/parse-source.ts", "parseSourceJob");

// ---------------------------------------------------------------- reading the source

const CONTENT_TYPES: Record<string, ImportFormat> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

const readBytes = (request: Request, max: number) => readRequestBytes(request, max);

export { decodeText, parseSource } from "../parse-source";

export function toApiError(e: unknown): unknown {
  if (e instanceof DocumentInputError) return new ApiError(e.reason === "too_large" ? "payload_too_large" : "validation_failed", e.message);
  return e;
}

export interface SourceInput {
  readonly format: ImportFormat | null;
  readonly sentences: boolean;
  readonly blocks: Block[];
  readonly segments: DraftSegment[];
}

/**
 * The source of a preview, a new document's check or a source update: a raw
 * upload (?format=txt|md|html|docx, or the Content-Type) or JSON
 * ({ text, format, sentences } or { segments }); ?sentences=1 splits paragraphs
 * into sentences.
 */
export async function readSourceInput(request: Request): Promise<SourceInput> {
  const query = sourceQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  try {
    if (contentType === "application/json") {
      const bytes = await readBytes(request, LIMITS.maxTextBytes * 2);
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new ApiError("validation_failed", "The request body is not valid JSON.");
      }
      const input = sourceInputSchema.parse(value);
      const sentences = input.sentences || query.sentences;
      if (input.segments) return { format: null, sentences, blocks: input.segments, segments: segmentBlocks(input.segments, { sentences, lang: SOURCE_LANGUAGE }) };
      // Parsed and segmented in a worker thread (lib/worker), within its time budget.
      const { blocks, segments } = await runJob(parseSourceJob, { format: input.format, input: input.text!, sentences, lang: SOURCE_LANGUAGE });
      return { format: input.format, sentences, blocks, segments };
    }
    const format = query.format ?? CONTENT_TYPES[contentType];
    if (!format) throw new ApiError("validation_failed", "Say which format the upload is in: ?format=txt, md, html or docx (or send JSON).");
    const bytes = await readBytes(request, format === "docx" ? LIMITS.maxDocxBytes : LIMITS.maxTextBytes);
    if (bytes.byteLength === 0) throw new ApiError("validation_failed", "The upload is empty.");
    const { blocks, segments } = await runJob(parseSourceJob, { format, input: bytes, sentences: query.sentences, lang: SOURCE_LANGUAGE });
    return { format, sentences: query.sentences, blocks, segments };
  } catch (e) {
    throw toApiError(e);
  }
}

function checkSegments(segments: readonly DraftSegment[]): void {
  const problems = validateSegments(segments);
  if (problems.length) throw new ApiError("validation_failed", problems.map((p) => p.message).join(" "), problems);
}

// ---------------------------------------------------------------- preview and create

export function previewOf(input: SourceInput): z.infer<typeof previewOutputSchema> {
  if (input.segments.length > LIMITS.maxSegments) throw tooManySegments(input.segments.length);
  const title = input.segments.find((s) => s.kind === "title")?.text ?? null;
  return {
    format: input.format,
    sentences: input.sentences,
    blocks: input.blocks.map((b) => ({ kind: b.kind, text: b.text })),
    segments: assignKeys(input.segments),
    title,
    suggestedSlug: suggestSlug(title ?? input.segments[0]?.text ?? "story"),
  };
}

const actorOf = (p: Principal) => (p.kind === "user" ? { actor_id: p.userId, actor_label: p.email } : { actor_id: null, actor_label: null });

/** Creates a document from its segments (409 when the slug exists). */
export async function createDocument(db: Kysely<Database>, input: z.infer<typeof createDocumentSchema>, principal: Principal, ip: string | null = null, now = new Date().toISOString()) {
  let segments: DraftSegment[] = input.segments;
  const titleSegment = segments.find((s) => s.kind === "title");
  if (!titleSegment) {
    if (!input.title) throw new ApiError("validation_failed", "Give a title, or mark one segment as the title.");
    segments = [{ kind: "title", text: input.title }, ...segments];
  }
  checkSegments(segments);
  const keyed = assignKeys(segments);
  const title = input.title ?? titleSegment!.text;
  const id = newId("doc");
  if (await findDocumentBySlug(db, input.slug)) throw new ApiError("already_exists", `A document with the slug "${input.slug}" exists already.`);
  try {
    await db.transaction().execute(async (trx) => {
      await insertDocument(trx, {
        id,
        slug: input.slug,
        title,
        source_lang: SOURCE_LANGUAGE,
        status: input.status,
        published_at: input.publishedAt ? new Date(input.publishedAt).toISOString() : now,
        source_updated_at: null,
        created_at: now,
        updated_at: now,
      });
      await insertSegments(
        trx,
        keyed.map((s, i): NewSegment => ({ id: newId("seg"), document_id: id, key: s.key, position: i + 1, kind: s.kind, source_text: s.text, source_hash: hashSource(s.text), removed_at: null, created_at: now, updated_at: now })),
      );
      await insertAudit(trx, { action: "document.import", outcome: "success", ...actorOf(principal), target_type: "document", target_id: id, target_label: input.slug, lang: SOURCE_LANGUAGE, ip, details: { segments: keyed.length }, created_at: now });
    });
  } catch (e) {
    // Someone created the slug between the check and the insert.
    if (await findDocumentBySlug(db, input.slug).then((d) => d && d.id !== id)) throw new ApiError("already_exists", `A document with the slug "${input.slug}" exists already.`);
    throw e;
  }
  return {
    document: { id, slug: input.slug, title, status: input.status, publishedAt: input.publishedAt ? new Date(input.publishedAt).toISOString() : now },
    segments: keyed.map((s) => ({ key: s.key, kind: s.kind, text: s.text })),
  };
}

// ---------------------------------------------------------------- source updates

type Db = Kysely<Database>;

/** Fingerprint of a document's current source: its segments' keys, kinds and hashes, in order. */
function fingerprint(segments: readonly { key: string; kind: string; source_hash: string }[]): string {
  return createHash("sha256")
    .update(segments.map((s) => `${s.key}\u0000${s.kind}\u0000${s.source_hash}`).join("\n"))
    .digest("hex")
    .slice(0, 32);
}

interface ComputedPlan {
  readonly plan: UpdatePlan;
  readonly rows: {
    readonly kept: { id: string; position: number; kind: DraftSegment["kind"]; changedPlace: boolean }[];
    readonly changed: { id: string; position: number; kind: DraftSegment["kind"]; text: string; oldText: string; oldHash: string; oldKind: DraftSegment["kind"] }[];
    readonly added: { key: string; position: number; kind: DraftSegment["kind"]; text: string }[];
    readonly removed: { id: string }[];
  };
}

async function computePlan(db: AnyDb, doc: DocumentRow, input: readonly DraftSegment[]): Promise<ComputedPlan> {
  const current = await listSegments(db, doc.id);
  let next: DraftSegment[] = [...input];
  // A new version without a title line keeps the current title.
  const oldTitle = current.find((s) => s.kind === "title");
  if (oldTitle && !next.some((s) => s.kind === "title")) next = [{ kind: "title", text: oldTitle.source_text }, ...next];
  checkSegments(next);

  const allKeys = await db.selectFrom("segments").select("key").where("document_id", "=", doc.id).execute();
  const nextHashes = next.map((s) => hashSource(s.text));
  const { entries, removed } = matchSegments(
    current.map((s) => ({ key: s.key, kind: s.kind, text: s.source_text, hash: s.source_hash })),
    next.map((s, i) => ({ kind: s.kind, text: s.text, hash: nextHashes[i]! })),
  );
  const freshKeys = nextKeys(allKeys.map((k) => k.key), entries.filter((e) => e.status === "new").length);
  let fresh = 0;

  const rows: ComputedPlan["rows"] = { kept: [], changed: [], added: [], removed: [] };
  const segments: UpdatePlan["segments"] = entries.map((e, i) => {
    const s = next[e.newIndex]!;
    const position = i + 1;
    if (e.status === "new") {
      const key = freshKeys[fresh++]!;
      rows.added.push({ key, position, kind: s.kind, text: s.text });
      return { status: "new", key, kind: s.kind, text: s.text, position, previousText: null, previousKind: null, similarity: null, moved: false };
    }
    const old = current[e.oldIndex]!;
    if (e.status === "kept") {
      rows.kept.push({ id: old.id, position, kind: s.kind, changedPlace: old.position !== position || old.kind !== s.kind });
      return { status: "kept", key: old.key, kind: s.kind, text: s.text, position, previousText: null, previousKind: old.kind === s.kind ? null : old.kind, similarity: null, moved: e.moved };
    }
    rows.changed.push({ id: old.id, position, kind: s.kind, text: s.text, oldText: old.source_text, oldHash: old.source_hash, oldKind: old.kind });
    return { status: "changed", key: old.key, kind: s.kind, text: s.text, position, previousText: old.source_text, previousKind: old.kind, similarity: Math.round(e.similarity * 1000) / 1000, moved: e.moved };
  });
  for (const oi of removed) rows.removed.push({ id: current[oi]!.id });
  const counts = { kept: rows.kept.length, changed: rows.changed.length, new: rows.added.length, removed: removed.length };
  return {
    rows,
    plan: {
      slug: doc.slug,
      base: fingerprint(current),
      dryRun: true,
      applied: false,
      sourceUpdatedAt: doc.source_updated_at,
      counts,
      segments,
      removed: removed.map((oi) => ({ key: current[oi]!.key, kind: current[oi]!.kind, text: current[oi]!.source_text })),
    },
  };
}

async function documentOrThrow(db: Db, slug: string): Promise<DocumentRow> {
  const doc = await findDocumentBySlug(db, slug);
  if (!doc) throw new ApiError("not_found", "No such document.");
  return doc;
}

/** What a new version of the source would keep, change, add and remove (writes nothing). */
export async function planSourceUpdate(db: Db, slug: string, segments: readonly DraftSegment[]): Promise<UpdatePlan> {
  return (await computePlan(db, await documentOrThrow(db, slug), segments)).plan;
}

/**
 * Applies a new version of the source in one transaction. With `base` (from a
 * dry run), a document whose source changed since answers 409 and writes nothing.
 */
export async function applySourceUpdate(
  db: Db,
  slug: string,
  segments: readonly DraftSegment[],
  options: { base?: string; principal: Principal; ip?: string | null; now?: string },
): Promise<UpdatePlan> {
  const now = options.now ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const found = await findDocumentBySlug(trx, slug);
    if (!found) throw new ApiError("not_found", "No such document.");
    // Takes the document's row lock on PostgreSQL, so two updates of one document run one after the other.
    await trx.updateTable("documents").set((eb) => ({ updated_at: eb.ref("updated_at") })).where("id", "=", found.id).execute();
    const doc = (await findDocumentBySlug(trx, slug))!;
    const { plan, rows } = await computePlan(trx, doc, segments);
    if (options.base && options.base !== plan.base) {
      throw new ApiError("version_conflict", "The document's source changed since this update was checked; check it again.", { base: plan.base });
    }
    const changedAnything = rows.changed.length + rows.added.length + rows.removed.length > 0 || rows.kept.some((k) => k.changedPlace);
    if (!changedAnything) return { ...plan, dryRun: false, applied: false };

    for (const k of rows.kept) {
      if (k.changedPlace) await trx.updateTable("segments").set({ position: k.position, kind: k.kind, updated_at: now }).where("id", "=", k.id).execute();
    }
    for (const c of rows.changed) {
      await trx
        .insertInto("source_revisions")
        .values({ id: newId("srcrev"), segment_id: c.id, source_hash: c.oldHash, source_text: c.oldText, kind: c.oldKind, replaced_at: now })
        .onConflict((oc) => oc.columns(["segment_id", "source_hash"]).doNothing())
        .execute();
      await trx
        .updateTable("segments")
        .set({ source_text: c.text, source_hash: hashSource(c.text), kind: c.kind, position: c.position, updated_at: now })
        .where("id", "=", c.id)
        .execute();
    }
    if (rows.removed.length) {
      await trx
        .updateTable("segments")
        .set({ removed_at: now, updated_at: now })
        .where("id", "in", rows.removed.map((r) => r.id))
        .execute();
    }
    await insertSegments(
      trx,
      rows.added.map((a): NewSegment => ({ id: newId("seg"), document_id: doc.id, key: a.key, position: a.position, kind: a.kind, source_text: a.text, source_hash: hashSource(a.text), removed_at: null, created_at: now, updated_at: now })),
    );
    const title = plan.segments.find((s) => s.kind === "title")?.text ?? doc.title;
    await trx.updateTable("documents").set({ source_updated_at: now, updated_at: now, title }).where("id", "=", doc.id).execute();
    await insertAudit(trx, {
      action: "document.source_update",
      outcome: "success",
      ...actorOf(options.principal),
      target_type: "document",
      target_id: doc.id,
      target_label: doc.slug,
      lang: SOURCE_LANGUAGE,
      ip: options.ip ?? null,
      details: plan.counts,
      created_at: now,
    });
    return { ...plan, dryRun: false, applied: true, sourceUpdatedAt: now };
  });
}
