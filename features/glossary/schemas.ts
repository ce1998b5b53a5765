/** Request and response schemas of the glossary API (validation and OpenAPI). */
import { z } from "zod";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { TERM_STATUSES } from "@/lib/db/schema";
import { pageCursorsShape, pageQueryShape } from "@/lib/api/page";

export const recognizeInputSchema = z.object({
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]),
  text: z.string().max(100_000, "Texts longer than 100,000 characters are not recognized in one call."),
  /**
   * Concepts the text is known to name (e.g. those of the source it translates):
   * terms that are also ordinary words (`commonWord`) are reported only for these.
   */
  concepts: z.array(z.string().min(1).max(100)).max(500).optional(),
});

export const recognizeOutputSchema = z.object({
  matches: z.array(
    z.object({
      conceptId: z.string(),
      sourceTerm: z.string().nullable(),
      termId: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      status: z.string(),
      usage: z.enum(["preferred", "admitted", "forbidden"]),
      /** The term is also an ordinary word, reported because its concept was given in `concepts`. */
      commonWord: z.boolean(),
    }),
  ),
});

export const lookupInputSchema = z.object({
  sourceLang: z.enum(LANGUAGE_CODES as [string, ...string[]]).default("en"),
  targetLang: z.enum(LANGUAGE_CODES as [string, ...string[]]),
  source: z.string().max(100_000),
  target: z.string().max(100_000).default(""),
});

const span = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const lookupOutputSchema = z.object({
  concepts: z.array(
    z.object({
      conceptId: z.string(),
      sourceTerm: z.string().nullable(),
      definition: z.string(),
      sourceMatches: z.array(span),
      targetTerms: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          usage: z.enum(["preferred", "admitted", "forbidden"]),
          status: z.string(),
          /** The term is a name kept as written (glossary `doNotTranslate`). */
          doNotTranslate: z.boolean(),
          /** The term is also an ordinary word: it counts only here, in a translation of a source that names the concept. */
          commonWord: z.boolean(),
        }),
      ),
      /** An approved (or proposed) non-forbidden target term occurs in the target. */
      present: z.boolean(),
      targetMatches: z.array(span.extend({ usage: z.string(), termId: z.string(), commonWord: z.boolean() })),
    }),
  ),
});
export type GlossaryLookup = z.infer<typeof lookupOutputSchema>;

export const CONCEPTS_PAGE_SIZE = 50;

/**
 * `GET /api/v1/glossary/concepts` and the glossary page: filters, then the page (by concept id).
 * Anonymous callers see approved terms only, so `status` narrows within what the caller may see.
 */
export const conceptListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe("Words of a term, the definition or the concept id (case, accents and script variants folded)"),
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]).optional().describe("Only concepts with a term in this language (the search looks at those terms)"),
  status: z.enum(TERM_STATUSES).optional().describe("Only concepts with a term in this status"),
  subject: z.string().trim().max(100).optional(),
  ...pageQueryShape(CONCEPTS_PAGE_SIZE),
});
export type ConceptListQuery = z.infer<typeof conceptListQuerySchema>;

const conceptTermSchema = z.object({
  id: z.string(),
  lang: z.string(),
  text: z.string(),
  type: z.string(),
  usage: z.enum(["preferred", "admitted", "forbidden"]),
  status: z.enum(TERM_STATUSES),
});

export const conceptPageSchema = z.object({
  concepts: z.array(z.object({ id: z.string(), subject: z.string(), definition: z.string(), note: z.string().nullable(), updatedAt: z.string(), terms: z.array(conceptTermSchema) })),
  ...pageCursorsShape,
});
