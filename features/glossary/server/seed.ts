import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import type { ConceptFile } from "../files";
import { bumpGlossaryVersion, findConcept, findTermByText, insertConcept, insertGlossaryEvent, insertTerm, newTermRow } from "./repository";

export const GLOSSARY_SEED_AUTHOR = "system:seed";

/** Loads the reviewed glossary files: creates missing concepts and terms (approved); never changes existing ones. */
export async function seedGlossary(db: Kysely<Database>, concepts: readonly ConceptFile[]): Promise<{ concepts: number; terms: number }> {
  let conceptsCreated = 0;
  let termsCreated = 0;
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    for (const c of concepts) {
      if (!(await findConcept(trx, c.id))) {
        await insertConcept(trx, { id: c.id, subject: c.subject, definition: c.definition, note: c.note ?? null, created_by: GLOSSARY_SEED_AUTHOR, created_at: now, updated_at: now });
        await insertGlossaryEvent(trx, { conceptId: c.id, action: "concept.create", actorId: GLOSSARY_SEED_AUTHOR, details: { source: "glossary files" } });
        conceptsCreated++;
      }
      for (const [lang, terms] of Object.entries(c.terms)) {
        for (const t of terms ?? []) {
          if (await findTermByText(trx, c.id, lang, t.text)) continue;
          const id = newId("term");
          await insertTerm(trx, newTermRow(id, c.id, lang, t, { by: GLOSSARY_SEED_AUTHOR, now, status: "approved" }));
          await insertGlossaryEvent(trx, { conceptId: c.id, termId: id, action: "term.approve", actorId: GLOSSARY_SEED_AUTHOR, details: { source: "glossary files" } });
          termsCreated++;
        }
      }
    }
    if (conceptsCreated + termsCreated > 0) await bumpGlossaryVersion(trx);
  });
  return { concepts: conceptsCreated, terms: termsCreated };
}
