/** Reads UI strings from locales/<lang>/<namespace>.json (server side and tests). */
import fs from "node:fs";
import path from "node:path";
import type { Resource } from "i18next";
import { LANGUAGE_CODES, extraLanguages, languagesDir } from "./languages";
import { NAMESPACES } from "./config";

export const LOCALES_DIR = path.join(process.cwd(), "locales");

/** The folder holding a language's UI strings: locales/<lang>/, or LANGUAGES_DIR/locales/<lang>/ for a language of LANGUAGES_DIR. */
export function localeDir(lang: string, dir: string = LOCALES_DIR): string {
  const extra = languagesDir();
  if (extra && extraLanguages().some((l) => l.code === lang)) return path.resolve(extra, "locales", lang);
  return path.join(dir, lang);
}

/** Every namespace of every language, as an i18next resource object. */
export function loadResources(dir: string = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGE_CODES) {
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      const file = path.join(localeDir(lang, dir), `${ns}.json`);
      resources[lang][ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  return resources;
}
