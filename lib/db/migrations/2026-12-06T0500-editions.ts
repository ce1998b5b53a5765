import type { Kysely } from "kysely";

// Published editions (issue 13): a story in one language (the source language
// included) as the reader sees it. Publishing stores a snapshot of every
// segment's exact text with the revision it came from; translators keep
// working on the live translations, and only "publish update" replaces the
// snapshot. One row per story and language; unpublishing keeps the row (and
// its snapshot) with the reason, so publishing again is an update.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("editions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    // "published" or "unpublished".
    .addColumn("status", "text", (c) => c.notNull())
    // The snapshot's title, for lists and feeds.
    .addColumn("title", "text", (c) => c.notNull())
    // First publication; updated_at is the last "publish update" (null before one).
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text")
    // Public correction note of the last update (news practice).
    .addColumn("correction_note", "text")
    .addColumn("published_by", "text")
    // How many times a snapshot was stored (1 = first publication).
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("unpublished_at", "text")
    .addColumn("unpublished_by", "text")
    .addColumn("unpublish_reason", "text")
    .addUniqueConstraint("editions_document_lang_unique", ["document_id", "lang"])
    .execute();
  // Reader lists and feeds: published editions of a language, newest first.
  await db.schema.createIndex("editions_lang_status_published_idx").on("editions").columns(["lang", "status", "published_at"]).execute();

  await db.schema
    .createTable("edition_segments")
    .addColumn("edition_id", "text", (c) => c.notNull().references("editions.id").onDelete("cascade"))
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    // The translation revision shown (null for the source language, whose text is identified by source_hash).
    .addColumn("revision_id", "text")
    .addColumn("translation_version", "integer")
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("edition_segments_pk", ["edition_id", "segment_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("edition_segments").execute();
  await db.schema.dropTable("editions").execute();
}
