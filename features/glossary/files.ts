/** The controlled glossary as reviewed files: glossary/concepts/<id>.yaml (one concept per file). */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { LANGUAGE_CODES, SOURCE_LANGUAGE } from "@/lib/i18n/languages";
import type { GlossaryTerm } from "./recognize";

export const GLOSSARY_DIR = path.join(process.cwd(), "glossary", "concepts");

import { SUBJECTS } from "./subjects";

export { SUBJECTS };

export const termFileSchema = z.strictObject({
  text: z.string().trim().min(1),
  type: z.enum(["fullForm", "abbreviation", "variant"]),
  pos: z.enum(["properNoun", "noun", "phrase", "adjective", "verb"]),
  usage: z.enum(["preferred", "admitted", "forbidden"]),
  caseSensitive: z.boolean().optional(),
  doNotTranslate: z.boolean().optional(),
  commonWord: z.boolean().optional(),
  plainVowels: z.boolean().optional(),
  note: z.string().optional(),
});

export const conceptFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  subject: z.enum(SUBJECTS),
  definition: z.string().trim().min(1),
  note: z.string().optional(),
  // Terms in any language of the table, English always (a language added later has none yet).
  terms: z
    .partialRecord(z.enum(LANGUAGE_CODES as [string, ...string[]]), z.array(termFileSchema).min(1))
    .refine((terms) => terms[SOURCE_LANGUAGE] !== undefined, `every concept has terms in ${SOURCE_LANGUAGE}`),
});

export type ConceptFile = z.infer<typeof conceptFileSchema>;

/** Reads and validates every concept file; throws naming the file and the problem. */
export function loadGlossaryFiles(dir: string = GLOSSARY_DIR): ConceptFile[] {
  // The folder is read at run time (`next start` runs in the checkout); it is not part of the build's
  // file tracing, which would otherwise include the whole project for a path it cannot resolve.
  if (!fs.existsSync(/* turbopackIgnore: true */ dir)) return [];
  return fs
    .readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const file = path.join(/* turbopackIgnore: true */ dir, f);
      const parsed = conceptFileSchema.safeParse(parse(fs.readFileSync(/* turbopackIgnore: true */ file, "utf8")));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      if (`${parsed.data.id}.yaml` !== f) throw new Error(`${file}: id "${parsed.data.id}" does not match the file name`);
      return parsed.data;
    });
}

/** The terms of one language, ready for a Recognizer (files hold approved terms). */
export function termsOf(concepts: readonly ConceptFile[], lang: string): GlossaryTerm[] {
  return concepts.flatMap((c) =>
    (c.terms[lang] ?? []).map((t, i) => ({
      conceptId: c.id,
      termId: `${c.id}:${lang}:${i}`,
      text: t.text,
      type: t.type,
      pos: t.pos,
      usage: t.usage,
      caseSensitive: t.caseSensitive,
      commonWord: t.commonWord,
      plainVowels: t.plainVowels,
      status: "approved",
    })),
  );
}
