import type { Kysely } from "kysely";

// Comments on a segment's translation in one language: threads (replies point
// at their root), resolve and reopen on the root, mentions as a JSON list.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("segment_id", "text", (c) => c.notNull().references("segments.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("thread_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull())
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("mentions", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("comments_segment_lang_idx").on("comments").columns(["segment_id", "lang", "created_at"]).execute();
  await db.schema.createIndex("comments_thread_idx").on("comments").column("thread_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("comments").execute();
}
