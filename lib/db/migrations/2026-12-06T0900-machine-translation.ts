import type { Kysely } from "kysely";

// Machine translation: answers cached per provider, language pair, glossary
// version and text (no second charge for the same segment); usage counted per
// provider, target language and month (characters sent, suggestions served,
// suggestions inserted) for the monthly caps and the effort report; the
// provider-side glossary of each language pair; the post-editing effort of
// every confirmed translation that started from a suggestion.
//
// A translation remembers the suggestion its text started from until it is
// confirmed (translation_suggestions); revisions record where their text came from (typed, memory, mt).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mt_cache")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("source_lang", "text", (c) => c.notNull())
    .addColumn("target_lang", "text", (c) => c.notNull())
    .addColumn("glossary_version", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mt_usage")
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("target_lang", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("characters", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("requests", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("served", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("mt_usage_pk", ["provider", "target_lang", "month"])
    .execute();

  await db.schema
    .createTable("mt_glossaries")
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("source_lang", "text", (c) => c.notNull())
    .addColumn("target_lang", "text", (c) => c.notNull())
    .addColumn("glossary_version", "integer", (c) => c.notNull())
    .addColumn("remote_id", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mt_glossaries_pk", ["provider", "source_lang", "target_lang"])
    .execute();

  await db.schema
    .createTable("mt_effort")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("suggestion", "text", (c) => c.notNull())
    .addColumn("final_text", "text", (c) => c.notNull())
    // Character edit distance, and that distance per thousand characters of the longer text.
    .addColumn("distance", "integer", (c) => c.notNull())
    .addColumn("effort_permille", "integer", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mt_effort_group_idx").on("mt_effort").columns(["month", "provider", "lang", "effort_permille"]).execute();

  await db.schema
    .createTable("translation_suggestions")
    .addColumn("segment_id", "text", (c) => c.notNull().references("segments.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("translation_suggestions_pk", ["segment_id", "lang"])
    .execute();
  await db.schema.alterTable("translation_revisions").addColumn("text_origin", "text").execute();
  await db.schema.alterTable("translation_revisions").addColumn("text_origin_detail", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ["text_origin", "text_origin_detail"]) await db.schema.alterTable("translation_revisions").dropColumn(c).execute();
  for (const t of ["translation_suggestions", "mt_effort", "mt_glossaries", "mt_usage", "mt_cache"]) await db.schema.dropTable(t).execute();
}
