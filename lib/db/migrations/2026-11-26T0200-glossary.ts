import type { Kysely } from "kysely";

// The controlled glossary, concept-oriented as in TBX: a concept has terms per
// language; each term has its own workflow status. Every change is recorded in
// glossary_events; glossary_state.version bumps on every change so recognizers
// are rebuilt.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("concepts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("terms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("concept_id", "text", (c) => c.notNull().references("concepts.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("pos", "text", (c) => c.notNull())
    .addColumn("usage", "text", (c) => c.notNull())
    .addColumn("case_sensitive", "integer", (c) => c.notNull())
    .addColumn("do_not_translate", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("proposed_by", "text")
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("review_comment", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("terms_concept_lang_text_unique", ["concept_id", "lang", "text"])
    .execute();
  await db.schema.createIndex("terms_lang_status_idx").on("terms").columns(["lang", "status"]).execute();

  await db.schema
    .createTable("glossary_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("concept_id", "text", (c) => c.notNull())
    .addColumn("term_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("details", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("glossary_events_concept_idx").on("glossary_events").columns(["concept_id", "created_at"]).execute();

  await db.schema
    .createTable("glossary_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("glossary_state").values({ id: 1, version: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["glossary_state", "glossary_events", "terms", "concepts"]) await db.schema.dropTable(t).execute();
}
