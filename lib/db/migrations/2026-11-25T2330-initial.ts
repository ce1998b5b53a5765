import type { Kysely } from "kysely";

// Migrations stay in the SQL subset SQLite and PostgreSQL share: text ids made
// in the app, ISO text timestamps, integers, foreign keys and plain indexes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source_lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("source_updated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("segments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("source_text", "text", (c) => c.notNull())
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addColumn("removed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("segments_document_key_unique", ["document_id", "key"])
    .execute();
  await db.schema.createIndex("segments_document_position_idx").on("segments").columns(["document_id", "position"]).execute();

  await db.schema
    .createTable("translations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("segment_id", "text", (c) => c.notNull().references("segments.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("translations_segment_lang_unique", ["segment_id", "lang"])
    .execute();
  await db.schema.createIndex("translations_lang_status_idx").on("translations").columns(["lang", "status"]).execute();

  await db.schema
    .createTable("translation_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("translation_id", "text", (c) => c.notNull().references("translations.id").onDelete("cascade"))
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("translation_revisions_version_unique", ["translation_id", "version"])
    .execute();
  await db.schema
    .createIndex("translation_revisions_segment_lang_idx")
    .on("translation_revisions")
    .columns(["segment_id", "lang", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("translation_revisions").execute();
  await db.schema.dropTable("translations").execute();
  await db.schema.dropTable("segments").execute();
  await db.schema.dropTable("documents").execute();
}
