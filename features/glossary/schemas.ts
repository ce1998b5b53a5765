/** Request and response schemas of the glossary API (validation and OpenAPI). */
import { z } from "zod";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";

export const recognizeInputSchema = z.object({
  lang: z.enum(LANGUAGE_CODES as [string, ...string[]]),
  text: z.string().max(100_000, "Texts longer than 100,000 characters are not recognized in one call."),
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
    }),
  ),
});
