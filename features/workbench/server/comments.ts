import "server-only";
import { sql, type Kysely } from "kysely";
import { direction, keysetCondition, toPage, type Page, type PageRequest, type SortKey } from "@/lib/db/keyset";
import { pageQueryShape } from "@/lib/api/page";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { CommentRow, Database } from "@/lib/db/schema";
import type { Db } from "@/features/stories/server/repository";
import { newId } from "@/features/stories/stories";

export const commentInputSchema = z.object({
  body: z.string().trim().min(1, "A comment cannot be empty.").max(4000),
  /** Reply to this thread (the root comment's id); omit to start a thread. */
  threadId: z.string().max(100).optional(),
});

/** @usernames in a comment, in order, without duplicates. */
export function parseMentions(body: string): string[] {
  return [...new Set([...body.matchAll(/(?:^|[^\p{L}\p{N}_.@-])@([a-z0-9][a-z0-9._-]{1,63})/giu)].map((m) => m[1]!.toLowerCase().replace(/[._-]+$/, "")))];
}

export function commentDto(c: CommentRow) {
  return {
    id: c.id,
    segmentId: c.segment_id,
    lang: c.lang,
    threadId: c.thread_id,
    authorId: c.author_id,
    authorName: c.author_name,
    body: c.body,
    mentions: JSON.parse(c.mentions) as string[],
    resolvedAt: c.resolved_at,
    resolvedBy: c.resolved_by,
    createdAt: c.created_at,
  };
}

export const COMMENTS_PAGE_SIZE = 100;

/** `GET …/comments`: the page of a segment's comments in a language (oldest first). */
export const commentListQuerySchema = z.object(pageQueryShape(COMMENTS_PAGE_SIZE));

/** A segment's comments in order of writing, the id breaking ties. */
export const COMMENTS_ORDER: readonly SortKey[] = [
  { column: "comments.created_at", desc: false },
  { column: "comments.id", desc: false },
];

/** One page of the comments on a segment's translation in `lang`, oldest first (threads and replies alike). */
export async function listComments(db: Db, segmentId: string, lang: string, request: PageRequest = { limit: COMMENTS_PAGE_SIZE }): Promise<Page<CommentRow>> {
  const reverse = request.before !== undefined;
  const cursor = request.after ?? request.before;
  let q = db.selectFrom("comments").selectAll().where("segment_id", "=", segmentId).where("lang", "=", lang);
  if (cursor) q = q.where((eb) => keysetCondition(eb, COMMENTS_ORDER, cursor, reverse));
  for (const key of COMMENTS_ORDER) q = q.orderBy(sql.ref(key.column), direction(key, reverse));
  return toPage(await q.limit(request.limit + 1).execute(), request, (c) => [c.created_at, c.id]);
}

/** Open threads per segment of a document in a language. */
export async function countOpenThreads(db: Db, documentId: string, lang: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("comments")
    .innerJoin("segments", "segments.id", "comments.segment_id")
    .select("comments.segment_id as segmentId")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("segments.document_id", "=", documentId)
    .where("comments.lang", "=", lang)
    .whereRef("comments.thread_id", "=", "comments.id")
    .where("comments.resolved_at", "is", null)
    .groupBy("comments.segment_id")
    .execute();
  return new Map(rows.map((r) => [r.segmentId, Number(r.n)]));
}

/** Adds a comment (a new thread, or a reply that reopens nothing). Mentioned usernames must exist. */
export async function addComment(db: Kysely<Database>, input: { segmentId: string; lang: string; authorId: string; authorName: string; body: string; threadId?: string }): Promise<CommentRow> {
  const segment = await db.selectFrom("segments").select("id").where("id", "=", input.segmentId).executeTakeFirst();
  if (!segment) throw new ApiError("not_found", "No such segment.");
  if (input.threadId) {
    const root = await db.selectFrom("comments").select(["id", "thread_id", "segment_id", "lang"]).where("id", "=", input.threadId).executeTakeFirst();
    if (!root || root.thread_id !== root.id || root.segment_id !== input.segmentId || root.lang !== input.lang) throw new ApiError("not_found", "No such thread on this segment.");
  }
  const mentioned = parseMentions(input.body);
  const known = mentioned.length
    ? new Set((await db.selectFrom("user").select("username").where("username", "in", mentioned).execute()).map((u) => u.username))
    : new Set<string | null>();
  const id = newId("cmt");
  const row: CommentRow = {
    id,
    segment_id: input.segmentId,
    lang: input.lang,
    thread_id: input.threadId ?? id,
    author_id: input.authorId,
    author_name: input.authorName,
    body: input.body,
    mentions: JSON.stringify(mentioned.filter((m) => known.has(m))),
    resolved_at: null,
    resolved_by: null,
    created_at: new Date().toISOString(),
  };
  await db.insertInto("comments").values(row).execute();
  return row;
}

/** Resolves or reopens a thread (by its root comment). */
export async function setThreadResolved(db: Kysely<Database>, input: { segmentId: string; lang: string; threadId: string; resolved: boolean; by: string }): Promise<CommentRow> {
  const root = await db.selectFrom("comments").selectAll().where("id", "=", input.threadId).executeTakeFirst();
  if (!root || root.thread_id !== root.id || root.segment_id !== input.segmentId || root.lang !== input.lang) throw new ApiError("not_found", "No such thread on this segment.");
  const patch = input.resolved ? { resolved_at: new Date().toISOString(), resolved_by: input.by } : { resolved_at: null, resolved_by: null };
  await db.updateTable("comments").set(patch).where("id", "=", root.id).execute();
  return { ...root, ...patch };
}
