/** Request and response schemas of POST /api/v1/qa/check (validation and OpenAPI). */
import { z } from "zod";
import { LANGUAGE_CODES } from "@/lib/i18n/languages";
import { CHECK_IDS } from "./types";

const lang = z.enum(LANGUAGE_CODES as [string, ...string[]]);

export const qaCheckInputSchema = z
  .object({
    sourceLang: lang,
    targetLang: lang,
    source: z.string().max(100_000, "Texts longer than 100,000 characters are not checked in one call."),
    target: z.string().max(100_000, "Texts longer than 100,000 characters are not checked in one call."),
  })
  .refine((v) => v.sourceLang !== v.targetLang, { path: ["targetLang"], message: "The target language must differ from the source language." });

export const qaCheckOutputSchema = z.object({
  issues: z.array(
    z.object({
      check: z.enum(CHECK_IDS),
      severity: z.enum(["error", "warning"]),
      /** The issue in the caller's UI language (the lang cookie, then Accept-Language, then English). */
      message: z.string(),
      /** UTF-16 offsets into the target; -1 when something is absent (then sourceStart/sourceEnd). */
      start: z.number().int(),
      end: z.number().int(),
      sourceStart: z.number().int().optional(),
      sourceEnd: z.number().int().optional(),
    }),
  ),
});
export type QaCheckOutput = z.infer<typeof qaCheckOutputSchema>;
