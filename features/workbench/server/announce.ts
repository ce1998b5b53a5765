import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { getEventBus } from "./events";

/** Tells everyone with the document open how many open threads a segment now has. */
export async function announceComments(db: Kysely<Database>, segmentId: string, lang: string): Promise<void> {
  const segment = await db.selectFrom("segments").select("document_id").where("id", "=", segmentId).executeTakeFirst();
  if (!segment) return;
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("segment_id", "=", segmentId)
    .where("lang", "=", lang)
    .whereRef("thread_id", "=", "id")
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  await getEventBus().publish({ type: "comments", documentId: segment.document_id, lang, segmentId, openThreads: Number(row.n) });
}
