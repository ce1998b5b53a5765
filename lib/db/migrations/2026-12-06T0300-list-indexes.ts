import { sql, type Kysely } from "kysely";

// Lists at newsroom scale (issue 12): each list reads one page in the order of an
// index, so its cost does not grow with the number of stories. The order's last
// key is the id, which makes every order total for keyset pagination.
//
// translations(lang, status) goes: no query filters translations by language
// without a segment, and on an unanalysed database it lured the planner away from
// the per-segment unique index (editor, exports and alignment scanned every
// translation in the language).

export async function up(db: Kysely<any>): Promise<void> {
  // The reader's list is ordered by publication time: a published story always has one.
  await sql`update documents set published_at = created_at where status = 'published' and published_at is null`.execute(db);
  await db.schema.createIndex("documents_status_published_idx").on("documents").columns(["status", "published_at", "id"]).execute();
  await db.schema.createIndex("documents_updated_idx").on("documents").columns(["updated_at", "id"]).execute();
  await db.schema.createIndex("documents_created_idx").on("documents").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("documents_title_idx").on("documents").columns(["title", "id"]).execute();
  await db.schema.dropIndex("translations_lang_status_idx").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("translations_lang_status_idx").on("translations").columns(["lang", "status"]).execute();
  await db.schema.dropIndex("documents_title_idx").execute();
  await db.schema.dropIndex("documents_created_idx").execute();
  await db.schema.dropIndex("documents_updated_idx").execute();
  await db.schema.dropIndex("documents_status_published_idx").execute();
}
