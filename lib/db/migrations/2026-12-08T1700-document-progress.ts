import { sql, type Kysely } from "kysely";
import { dialectOf } from "../connection";

// Stored progress per document and language (issue 12): the workbench list's
// counts and its "needs work" filter read a few index rows per document instead of
// every segment and translation.
//
// document_progress(document_id, lang, status, outdated, n): how many current
// segments of the document have a translation in `lang` with `status`, made
// against the segment's current source (outdated = 0) or an earlier one (1).
// document_segment_counts(document_id, n): how many current segments it has.
// "Current" = removed_at is null; outdated = translation.source_hash ≠ segment.source_hash,
// as countTranslationsByStatus counted them from rows.
//
// Database triggers keep both exactly in step with every write (saves, imports,
// pre-translation, source updates, deletes, bulk inserts), whatever code writes:
// - translations: insert (+1), delete (−1, while its segment exists), update of
//   status / source_hash / segment_id / lang (−old, +new);
// - segments: insert (+1 segment), delete (BEFORE, so its translations are still
//   there: −1 segment, −its translations; their own cascaded deletes then find no
//   segment and change nothing), update of source_hash / removed_at / document_id
//   (−old, +new for the segment and its translations);
// - documents: delete drops its rows (after the cascades ran).
// Each trigger changes the counts in one upsert of deltas (rows in key order, so
// two PostgreSQL writers lock the rows of one document in the same order). Rows at
// n = 0 stay; readers skip them.

const KEY = "(document_id, lang, status, outdated)";
const UPSERT = `ON CONFLICT ${KEY} DO UPDATE SET n = document_progress.n + excluded.n`;
const UPSERT_SEGMENTS = "ON CONFLICT (document_id) DO UPDATE SET n = document_segment_counts.n + excluded.n";

/** The contribution of translation `t` (old/new) while its segment is current, as rows (document_id, lang, status, outdated, n). */
const translationRow = (t: "old" | "new", sign: 1 | -1) =>
  `SELECT s.document_id AS document_id, ${t}.lang AS lang, ${t}.status AS status, CASE WHEN ${t}.source_hash = s.source_hash THEN 0 ELSE 1 END AS outdated, ${sign} AS n
   FROM segments s WHERE s.id = ${t}.segment_id AND s.removed_at IS NULL`;

/** The contributions of the translations of segment `s` (old/new), as rows, while it is current. */
const segmentTranslationRows = (s: "old" | "new", sign: 1 | -1) =>
  `SELECT ${s}.document_id AS document_id, t.lang AS lang, t.status AS status, CASE WHEN t.source_hash = ${s}.source_hash THEN 0 ELSE 1 END AS outdated, ${sign} * count(*) AS n
   FROM translations t WHERE t.segment_id = ${s}.id AND ${s}.removed_at IS NULL
   GROUP BY 2, 3, 4`;

/** One upsert of the summed deltas of `parts`, in key order. */
const applyProgress = (...parts: string[]) =>
  `INSERT INTO document_progress (document_id, lang, status, outdated, n)
   SELECT document_id, lang, status, outdated, sum(n) FROM (${parts.join(" UNION ALL ")}) AS d
   WHERE true GROUP BY document_id, lang, status, outdated ORDER BY document_id, lang, status, outdated
   ${UPSERT}`;

/** ±1 current segment of document `s` (old/new), when it is current. */
const applySegment = (s: "old" | "new", sign: 1 | -1) =>
  `INSERT INTO document_segment_counts (document_id, n) SELECT ${s}.document_id, ${sign} WHERE ${s}.removed_at IS NULL ${UPSERT_SEGMENTS}`;

/** Trigger bodies by name: [table, timing and event, condition (OLD/NEW), statements]. */
const TRIGGERS: Record<string, [string, string, string | null, string[]]> = {
  progress_translation_insert: ["translations", "AFTER INSERT", null, [applyProgress(translationRow("new", 1))]],
  progress_translation_delete: ["translations", "AFTER DELETE", null, [applyProgress(translationRow("old", -1))]],
  progress_translation_update: [
    "translations",
    "AFTER UPDATE",
    "old.status IS DISTINCT FROM new.status OR old.source_hash IS DISTINCT FROM new.source_hash OR old.segment_id IS DISTINCT FROM new.segment_id OR old.lang IS DISTINCT FROM new.lang",
    [applyProgress(translationRow("old", -1), translationRow("new", 1))],
  ],
  progress_segment_insert: ["segments", "AFTER INSERT", null, [applySegment("new", 1)]],
  progress_segment_delete: ["segments", "BEFORE DELETE", null, [applySegment("old", -1), applyProgress(segmentTranslationRows("old", -1))]],
  progress_segment_update: [
    "segments",
    "AFTER UPDATE",
    "old.source_hash IS DISTINCT FROM new.source_hash OR old.removed_at IS DISTINCT FROM new.removed_at OR old.document_id IS DISTINCT FROM new.document_id",
    [applySegment("old", -1), applySegment("new", 1), applyProgress(segmentTranslationRows("old", -1), segmentTranslationRows("new", 1))],
  ],
  progress_document_delete: [
    "documents",
    "AFTER DELETE",
    null,
    ["DELETE FROM document_progress WHERE document_id = old.id", "DELETE FROM document_segment_counts WHERE document_id = old.id"],
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  await db.schema
    .createTable("document_progress")
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outdated", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_progress_pkey", ["document_id", "lang", "status", "outdated"])
    .execute();
  await db.schema
    .createTable("document_segment_counts")
    .addColumn("document_id", "text", (c) => c.primaryKey())
    .addColumn("n", "integer", (c) => c.notNull())
    .execute();

  // Backfill in one grouped statement each (before the triggers, in the migration's transaction).
  await sql`
    INSERT INTO document_progress (document_id, lang, status, outdated, n)
    SELECT s.document_id, t.lang, t.status, CASE WHEN t.source_hash = s.source_hash THEN 0 ELSE 1 END, count(*)
    FROM translations t INNER JOIN segments s ON s.id = t.segment_id
    WHERE s.removed_at IS NULL
    GROUP BY s.document_id, t.lang, t.status, CASE WHEN t.source_hash = s.source_hash THEN 0 ELSE 1 END`.execute(db);
  await sql`
    INSERT INTO document_segment_counts (document_id, n)
    SELECT document_id, count(*) FROM segments WHERE removed_at IS NULL GROUP BY document_id`.execute(db);

  // Statistics for the planner at once (SQLite's start-up PRAGMA optimize analyses new tables itself).
  if (pg) await sql`ANALYZE document_progress, document_segment_counts`.execute(db);

  for (const [name, [table, event, when, statements]] of Object.entries(TRIGGERS)) {
    if (pg) {
      const body = statements.map((s) => `${s.replace(/\bold\./g, "OLD.").replace(/\bnew\./g, "NEW.")};`).join("\n");
      // A BEFORE trigger returns the row for the write to go on; an AFTER trigger's result is ignored.
      await sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n${body}\nRETURN ${event.startsWith("BEFORE") ? "OLD" : "NULL"};\nEND\n$fn$`).execute(db);
      const condition = when ? ` WHEN (${when.replace(/\bold\./g, "OLD.").replace(/\bnew\./g, "NEW.")})` : "";
      await sql.raw(`CREATE TRIGGER ${name} ${event} ON ${table} FOR EACH ROW${condition} EXECUTE FUNCTION ${name}()`).execute(db);
    } else {
      const condition = when ? ` WHEN ${when.replace(/IS DISTINCT FROM/g, "IS NOT")}` : "";
      await sql.raw(`CREATE TRIGGER ${name} ${event} ON ${table} FOR EACH ROW${condition} BEGIN\n${statements.map((s) => `${s};`).join("\n")}\nEND`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  for (const [name, [table]] of Object.entries(TRIGGERS)) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name}${pg ? ` ON ${table}` : ""}`).execute(db);
    if (pg) await sql.raw(`DROP FUNCTION IF EXISTS ${name}()`).execute(db);
  }
  await db.schema.dropTable("document_segment_counts").execute();
  await db.schema.dropTable("document_progress").execute();
}
