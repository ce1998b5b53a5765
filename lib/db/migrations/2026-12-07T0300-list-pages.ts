import type { Kysely } from "kysely";
import { foldConceptSearch, foldForSearch } from "../../text/fold";

// The remaining lists as pages (issue 12): the audit log, users, glossary concepts,
// memory units (concordance) and comments each read one page in the order of an
// index whose last key is the id, so the order is total for keyset pagination.
//
// The glossary's search moves into SQL: foldForSearch() of each term's text and of
// each concept's id and definition is stored beside them (as tm_units already does
// for concordance), so a LIKE on the folded text finds what the in-memory filter found.

const BATCH = 500;

/** Fills `column` of `table` with fold(row) for every row, a batch at a time (keyset on id). */
async function backfill(db: Kysely<any>, table: string, columns: readonly string[], column: string, fold: (row: Record<string, string>) => string): Promise<void> {
  let after = "";
  for (;;) {
    const rows = (await db.selectFrom(table).select(["id", ...columns]).where("id", ">", after).orderBy("id").limit(BATCH).execute()) as Record<string, string>[];
    if (rows.length === 0) return;
    for (const row of rows) await db.updateTable(table).set({ [column]: fold(row) }).where("id", "=", row.id).execute();
    after = rows[rows.length - 1]!.id!;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("terms").addColumn("text_fold", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("concepts").addColumn("search_fold", "text", (c) => c.notNull().defaultTo("")).execute();
  await backfill(db, "terms", ["text"], "text_fold", (r) => foldForSearch(r.text!));
  await backfill(db, "concepts", ["definition"], "search_fold", (r) => foldConceptSearch(r.id!, r.definition!));
  await db.schema.createIndex("concepts_subject_idx").on("concepts").columns(["subject", "id"]).execute();
  await db.schema.createIndex("terms_concept_status_idx").on("terms").columns(["concept_id", "status", "lang"]).execute();
  await db.schema.createIndex("audit_log_created_id_idx").on("audit_log").columns(["created_at", "id"]).execute();
  await db.schema.dropIndex("audit_log_created_idx").execute();
  await db.schema.createIndex("audit_log_action_id_idx").on("audit_log").columns(["action", "created_at", "id"]).execute();
  await db.schema.dropIndex("audit_log_action_idx").execute();
  await db.schema.createIndex("user_name_idx").on("user").columns(["name", "id"]).execute();
  await db.schema.createIndex("tm_units_pair_updated_idx").on("tm_units").columns(["source_lang", "target_lang", "updated_at", "id"]).execute();
  await db.schema.createIndex("comments_segment_lang_id_idx").on("comments").columns(["segment_id", "lang", "created_at", "id"]).execute();
  await db.schema.dropIndex("comments_segment_lang_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("comments_segment_lang_idx").on("comments").columns(["segment_id", "lang", "created_at"]).execute();
  await db.schema.dropIndex("comments_segment_lang_id_idx").execute();
  await db.schema.dropIndex("tm_units_pair_updated_idx").execute();
  await db.schema.dropIndex("user_name_idx").execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "created_at"]).execute();
  await db.schema.dropIndex("audit_log_action_id_idx").execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").column("created_at").execute();
  await db.schema.dropIndex("audit_log_created_id_idx").execute();
  await db.schema.dropIndex("terms_concept_status_idx").execute();
  await db.schema.dropIndex("concepts_subject_idx").execute();
  await db.schema.alterTable("concepts").dropColumn("search_fold").execute();
  await db.schema.alterTable("terms").dropColumn("text_fold").execute();
}
