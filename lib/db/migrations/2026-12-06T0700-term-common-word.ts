import type { Kysely } from "kysely";

// A term that is also an ordinary word (issue 16: "calibre", Turkish "kalibre"
// beside the missile Kalibr) is recognized only in a translation whose source
// names its concept, never as a mention of the concept in running text.
// 0 or 1, like case_sensitive. The seed leaves existing terms alone, so the
// glossary's ordinary-word variants are flagged here for databases seeded before.
const SEEDED: readonly (readonly [concept: string, lang: string, text: string])[] = [
  ["kalibr", "en", "calibre"],
  ["kalibr", "tr", "kalibre"],
  ["russia", "ru", "русский"],
  ["syrian-rebels", "ru", "боевик"],
  ["syrian-rebels", "ar", "ثوار"],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("terms")
    .addColumn("common_word", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [concept, lang, text] of SEEDED) {
    await db.updateTable("terms").set({ common_word: 1 }).where("concept_id", "=", concept).where("lang", "=", lang).where("text", "=", text).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("terms").dropColumn("common_word").execute();
}
