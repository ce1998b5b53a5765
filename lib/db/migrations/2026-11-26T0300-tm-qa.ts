import type { Kysely } from "kysely";

// Translation memory: one unit per approved translation (kept current as
// approvals change) and per imported TMX unit. Every change takes the next
// number of tm_state.seq, so an in-memory index catches up by reading the
// units changed since the number it has seen; removed units stay as
// tombstones (deleted = 1) for that purpose.
//
// QA overrides: a reviewer confirming or approving a translation despite QA
// errors gives a reason, recorded with the checks it overrode.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tm_units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source_lang", "text", (c) => c.notNull())
    .addColumn("target_lang", "text", (c) => c.notNull())
    .addColumn("source_text", "text", (c) => c.notNull())
    .addColumn("target_text", "text", (c) => c.notNull())
    // Folded (case, accents, script variants) for concordance search.
    .addColumn("source_fold", "text", (c) => c.notNull())
    .addColumn("target_fold", "text", (c) => c.notNull())
    .addColumn("context_before", "text")
    .addColumn("context_after", "text")
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("origin_detail", "text")
    .addColumn("document_id", "text")
    .addColumn("segment_id", "text")
    .addColumn("author", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("deleted", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("tm_units_segment_lang_unique", ["segment_id", "target_lang"])
    .execute();
  await db.schema.createIndex("tm_units_pair_seq_idx").on("tm_units").columns(["source_lang", "target_lang", "seq"]).execute();

  await db.schema
    .createTable("tm_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("tm_state").values({ id: 1, seq: 0 }).execute();

  await db.schema
    .createTable("qa_overrides")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("segment_id", "text", (c) => c.notNull().references("segments.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("checks", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("qa_overrides_segment_idx").on("qa_overrides").columns(["segment_id", "lang", "version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["qa_overrides", "tm_state", "tm_units"]) await db.schema.dropTable(t).execute();
}
