import type { Kysely } from "kysely";

// The memory index reads changes in (seq, id) pages: one import shares one seq,
// so a million-unit import is read a page at a time. The index on
// (pair, seq, id) makes each page a range read instead of sorting the pair's
// units by id once per page; it replaces the (pair, seq) index it extends.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("tm_units_pair_seq_id_idx").on("tm_units").columns(["source_lang", "target_lang", "seq", "id"]).execute();
  await db.schema.dropIndex("tm_units_pair_seq_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("tm_units_pair_seq_idx").on("tm_units").columns(["source_lang", "target_lang", "seq"]).execute();
  await db.schema.dropIndex("tm_units_pair_seq_id_idx").execute();
}
