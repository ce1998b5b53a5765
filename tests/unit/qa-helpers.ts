/**
 * Helpers for the QA unit tests: the seed story's published translations, and
 * glossary lookups computed like features/glossary/server/recognition.ts's
 * lookupSegment, from the glossary files (all approved) without a database.
 */
import fs from "node:fs";
import path from "node:path";
import { loadGlossaryFiles, termsOf } from "@/features/glossary/files";
import { Recognizer } from "@/features/glossary/recognize";
import { runChecks, type QaGlossaryLookup, type QaIssue } from "@/features/qa";

const concepts = loadGlossaryFiles();
const recognizers = new Map<string, Recognizer>();
const recognizer = (lang: string) => {
  let r = recognizers.get(lang);
  if (!r) recognizers.set(lang, (r = new Recognizer(lang, termsOf(concepts, lang))));
  return r;
};

/** The lookup the API would return for an anonymous caller (approved terms only). */
export function lookupFromFiles(sourceLang: string, targetLang: string, source: string, target: string): QaGlossaryLookup {
  const inSource = recognizer(sourceLang).find(source).filter((m) => m.usage !== "forbidden");
  const inTarget = target ? recognizer(targetLang).find(target) : [];
  const ids = [...new Set(inSource.map((m) => m.conceptId))];
  const order = { preferred: 0, admitted: 1, forbidden: 2 } as const;
  return {
    concepts: ids.map((id) => {
      const c = concepts.find((x) => x.id === id)!;
      return {
        conceptId: id,
        sourceTerm: null,
        sourceMatches: inSource.filter((m) => m.conceptId === id).map((m) => ({ start: m.start, end: m.end, text: m.text })),
        targetTerms: (c.terms[targetLang] ?? [])
          .map((t, i) => ({ id: `${id}:${targetLang}:${i}`, text: t.text, usage: t.usage, status: "approved", doNotTranslate: Boolean(t.doNotTranslate) }))
          .sort((a, b) => order[a.usage] - order[b.usage]),
        targetMatches: inTarget.filter((m) => m.conceptId === id).map((m) => ({ start: m.start, end: m.end, text: m.text, usage: m.usage, termId: m.termId })),
      };
    }),
  };
}

/** runChecks with the glossary lookup from the files. */
export function check(sourceLang: string, targetLang: string, source: string, target: string): QaIssue[] {
  return runChecks({ sourceLang, targetLang, source, target, glossary: lookupFromFiles(sourceLang, targetLang, source, target) });
}

export interface SeedSegment {
  readonly key: string;
  readonly source: string;
  readonly translations: Readonly<Record<string, string>>;
}

/** The seed story (content/stories/idlib-2020-02-28): English segments and every published translation (one file per language). */
export function seedStory(): SeedSegment[] {
  const dir = path.join(process.cwd(), "content", "stories", "idlib-2020-02-28");
  const en = JSON.parse(fs.readFileSync(path.join(dir, "en.json"), "utf8")) as { segments: { key: string; text: string }[] };
  const langs = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "en.json").map((f) => f.slice(0, -".json".length));
  const tr = Object.fromEntries(langs.map((l) => [l, (JSON.parse(fs.readFileSync(path.join(dir, `${l}.json`), "utf8")) as { translations: Record<string, string> }).translations]));
  return en.segments.map((s) => ({ key: s.key, source: s.text, translations: Object.fromEntries(langs.map((l) => [l, tr[l]![s.key]!])) }));
}
