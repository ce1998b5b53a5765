import type { Kysely } from "kysely";

// Source updates (issue 7): a changed segment keeps its key and id and takes
// the new text; the text it had before is kept here, one row per source
// version (by hash), so the editor can show each outdated translation the diff
// between the source it was made against and the current source. A table
// rather than a previous_source_text column: translations into different
// languages can be outdated against different earlier versions (tr made
// against v1, ar against v2, source now v3), and a column would only remember
// the last one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("source_revisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("segment_id", "text", (c) => c.notNull().references("segments.id").onDelete("cascade"))
    .addColumn("source_hash", "text", (c) => c.notNull())
    .addColumn("source_text", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    // When a source update replaced this text.
    .addColumn("replaced_at", "text", (c) => c.notNull())
    .addUniqueConstraint("source_revisions_segment_hash_unique", ["segment_id", "source_hash"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("source_revisions").execute();
}
