import "server-only";
import type { Kysely } from "kysely";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Database, TermRow } from "@/lib/db/schema";
import { newId } from "@/features/stories/stories";
import { SUBJECTS } from "../files";
import { foldConceptSearch } from "@/lib/text/fold";
import { bumpGlossaryVersion, findConcept, findTermByText, insertConcept, insertGlossaryEvent, insertTerm, newTermRow } from "./repository";

export const termInputSchema = z.object({
  text: z.string().trim().min(1).max(200),
  type: z.enum(["fullForm", "abbreviation", "variant"]).default("fullForm"),
  pos: z.enum(["properNoun", "noun", "phrase", "adjective", "verb"]).default("noun"),
  usage: z.enum(["preferred", "admitted", "forbidden"]).default("preferred"),
  caseSensitive: z.boolean().default(false),
  doNotTranslate: z.boolean().default(false),
  /** Also an ordinary word ("calibre"): recognized only in a translation of a source that names the concept. */
  commonWord: z.boolean().default(false),
  /** Also recognized typed without the language's own letters (Kurmanji ê î û as e i u). */
  plainVowels: z.boolean().default(false),
  note: z.string().trim().max(1000).optional(),
});

/** A proposal: a new term for an existing concept, or a new concept with its English term. */
export const proposalSchema = z
  .object({
    conceptId: z.string().max(100).optional(),
    concept: z
      .object({
        id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Concept ids are lowercase words joined by hyphens.").max(80),
        subject: z.enum(SUBJECTS),
        definition: z.string().trim().min(1).max(1000),
        note: z.string().trim().max(1000).optional(),
        english: termInputSchema,
      })
      .optional(),
    term: termInputSchema,
    comment: z.string().trim().max(1000).optional(),
  })
  .refine((v) => Boolean(v.conceptId) !== Boolean(v.concept), "Give either conceptId (a term for an existing concept) or concept (a new one).");

export const reviewTermSchema = z
  .object({ decision: z.enum(["approve", "reject", "deprecate"]), comment: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision !== "reject" || (v.comment ?? "").length > 0, { message: "A rejection needs a comment.", path: ["comment"] });


export function termDto(t: TermRow) {
  return {
    id: t.id,
    conceptId: t.concept_id,
    lang: t.lang,
    text: t.text,
    type: t.type,
    pos: t.pos,
    usage: t.usage,
    caseSensitive: t.case_sensitive === 1,
    doNotTranslate: t.do_not_translate === 1,
    commonWord: t.common_word === 1,
    plainVowels: t.plain_vowels === 1,
    note: t.note,
    status: t.status,
    proposedBy: t.proposed_by,
    proposedAt: t.proposed_at,
    reviewedBy: t.reviewed_by,
    reviewedAt: t.reviewed_at,
    reviewComment: t.review_comment,
  };
}

/** A translator proposes a term in `lang` (and, for a new concept, its English term). Proposals are not enforced until approved. */
export async function proposeTerm(db: Kysely<Database>, lang: string, input: z.infer<typeof proposalSchema>, by: string): Promise<TermRow[]> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const created: TermRow[] = [];
    let conceptId: string;
    if (input.concept) {
      conceptId = input.concept.id;
      if (await findConcept(trx, conceptId)) throw new ApiError("already_exists", `A concept "${conceptId}" exists; propose a term for it instead.`, { field: "concept.id" });
      await insertConcept(trx, { id: conceptId, subject: input.concept.subject, definition: input.concept.definition, note: input.concept.note ?? null, created_by: by, created_at: now, updated_at: now });
      await insertGlossaryEvent(trx, { conceptId, action: "concept.propose", actorId: by, details: { comment: input.comment } });
      if (lang !== "en") {
        const en = newTermRow(newId("term"), conceptId, "en", input.concept.english, { by, now, status: "proposed" });
        await insertTerm(trx, en);
        await insertGlossaryEvent(trx, { conceptId, termId: en.id, action: "term.propose", actorId: by, details: { lang: "en", text: en.text } });
        created.push(en);
      }
    } else {
      conceptId = input.conceptId!;
      if (!(await findConcept(trx, conceptId))) throw new ApiError("not_found", "No such concept.");
    }
    if (await findTermByText(trx, conceptId, lang, input.term.text)) throw new ApiError("already_exists", "This concept already has this term in this language.", { field: "term.text" });
    const term = newTermRow(newId("term"), conceptId, lang, input.term, { by, now, status: "proposed" });
    await insertTerm(trx, term);
    await insertGlossaryEvent(trx, { conceptId, termId: term.id, action: "term.propose", actorId: by, details: { lang, text: term.text, comment: input.comment } });
    created.push(term);
    await bumpGlossaryVersion(trx);
    return created;
  });
}

const ALLOWED: Record<string, readonly string[]> = { approve: ["proposed", "rejected"], reject: ["proposed"], deprecate: ["approved"] };
const NEXT: Record<string, TermRow["status"]> = { approve: "approved", reject: "rejected", deprecate: "deprecated" };

/** A reviewer of the term's language approves or rejects a proposal, or deprecates an approved term. */
export async function reviewTerm(db: Kysely<Database>, lang: string, termId: string, input: z.infer<typeof reviewTermSchema>, by: string): Promise<TermRow> {
  return db.transaction().execute(async (trx) => {
    const term = await trx.selectFrom("terms").selectAll().where("id", "=", termId).executeTakeFirst();
    if (!term || term.lang !== lang) throw new ApiError("not_found", "No such term in this language.");
    if (!ALLOWED[input.decision]!.includes(term.status)) throw new ApiError("validation_failed", `A ${term.status} term cannot be ${NEXT[input.decision]}.`);
    const now = new Date().toISOString();
    const updated = { status: NEXT[input.decision]!, reviewed_by: by, reviewed_at: now, review_comment: input.comment ?? null, updated_at: now };
    const r = await trx.updateTable("terms").set(updated).where("id", "=", termId).where("status", "=", term.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new ApiError("version_conflict", "Someone else reviewed this term in the meantime.");
    await insertGlossaryEvent(trx, { conceptId: term.concept_id, termId, action: `term.${input.decision}`, actorId: by, details: { lang, text: term.text, comment: input.comment } });
    await bumpGlossaryVersion(trx);
    return { ...term, ...updated };
  });
}

/** What an admin may change on a concept: its subject, definition and note (terms have their own workflow). */
export const conceptEditSchema = z
  .object({
    subject: z.string().trim().min(1).max(100).optional(),
    definition: z.string().trim().min(1, "A concept needs a definition.").max(1000).optional(),
    note: z.string().trim().max(1000).nullable().optional(),
    /** The concept's updated_at as the editor saw it: an edit made on an older copy is refused. */
    baseUpdatedAt: z.string().min(1),
  })
  .refine((v) => v.subject !== undefined || v.definition !== undefined || v.note !== undefined, "Nothing to change: give subject, definition or note.");

export function conceptDto(c: { id: string; subject: string; definition: string; note: string | null; updated_at: string }) {
  return { id: c.id, subject: c.subject, definition: c.definition, note: c.note, updatedAt: c.updated_at };
}

/** An admin edits a concept; the change (before and after of each field) goes into the concept's history. */
export async function editConcept(db: Kysely<Database>, id: string, input: z.infer<typeof conceptEditSchema>, by: string) {
  return db.transaction().execute(async (trx) => {
    const concept = await findConcept(trx, id);
    if (!concept) throw new ApiError("not_found", "No such concept.");
    if (concept.updated_at !== input.baseUpdatedAt) throw new ApiError("version_conflict", "Someone else changed this concept in the meantime; reload it and edit again.", { current: conceptDto(concept) });
    const next = {
      subject: input.subject ?? concept.subject,
      definition: input.definition ?? concept.definition,
      note: input.note === undefined ? concept.note : input.note || null,
    };
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const key of ["subject", "definition", "note"] as const) if (next[key] !== concept[key]) changes[key] = { from: concept[key], to: next[key] };
    if (Object.keys(changes).length === 0) return conceptDto(concept);
    // Strictly later than the stored time, so an edit never leaves updated_at where a stale editor could match it.
    const now = new Date(Math.max(Date.now(), Date.parse(concept.updated_at) + 1)).toISOString();
    const r = await trx.updateTable("concepts").set({ ...next, updated_at: now, search_fold: foldConceptSearch(id, next.definition) }).where("id", "=", id).where("updated_at", "=", concept.updated_at).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new ApiError("version_conflict", "Someone else changed this concept in the meantime; reload it and edit again.");
    await insertGlossaryEvent(trx, { conceptId: id, action: "concept.edit", actorId: by, details: changes });
    await bumpGlossaryVersion(trx);
    return conceptDto({ ...concept, ...next, updated_at: now });
  });
}

/** Proposals waiting for review, per language. */
export async function pendingCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom("terms").select("lang").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "proposed").groupBy("lang").execute();
  return Object.fromEntries(rows.map((r) => [r.lang, Number(r.n)]));
}
