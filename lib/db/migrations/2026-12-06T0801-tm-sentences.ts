import type { Kysely } from "kysely";

// Sentence units (issue 15): the sentence pairs of a paragraph unit are units of
// their own (origin "sentence"), linked to the paragraph unit they come from
// (parent_id; its document_id too) and, for an approved translation, to the
// revision that approved it (revision_id). They are rewritten with their paragraph.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tm_units").addColumn("parent_id", "text").execute();
  await db.schema.alterTable("tm_units").addColumn("revision_id", "text").execute();
  await db.schema.createIndex("tm_units_parent_idx").on("tm_units").column("parent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tm_units_parent_idx").execute();
  await db.schema.alterTable("tm_units").dropColumn("revision_id").execute();
  await db.schema.alterTable("tm_units").dropColumn("parent_id").execute();
}
