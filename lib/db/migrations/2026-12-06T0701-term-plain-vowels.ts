import type { Kysely } from "kysely";

// A term the glossary allows typed without the language's own letters
// (Kurmanji ê î û typed e i u on a Turkish keyboard): 0 or 1, like
// case_sensitive. Also flags the Kurmanji ordinary word for calibre as a
// common word (see 2026-12-06T0700), for databases seeded before it was.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("terms")
    .addColumn("plain_vowels", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.updateTable("terms").set({ common_word: 1 }).where("concept_id", "=", "kalibr").where("lang", "=", "kmr").where("text", "=", "kalîbre").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("terms").dropColumn("plain_vowels").execute();
}
