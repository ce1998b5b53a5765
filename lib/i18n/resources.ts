/** Reads UI strings from locales/<lang>/<namespace>.json (server side and tests). */
import fs from "node:fs";
import path from "node:path";
import type { Resource } from "i18next";
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, extraLanguages, languagesDir } from "./languages";
import { NAMESPACES } from "./config";

export const LOCALES_DIR = path.join(process.cwd(), "locales");

/** Namespaces a language of LANGUAGES_DIR must translate: everything a reader sees. */
export const READER_NAMESPACES = ["common", "reader", "errors"] as const;

/** The folder holding a language's UI strings: locales/<lang>/, or LANGUAGES_DIR/locales/<lang>/ for a language of LANGUAGES_DIR. */
export function localeDir(lang: string, dir: string = LOCALES_DIR): string {
  const extra = languagesDir();
  // LANGUAGES_DIR is read at run time, outside the build's file tracing.
  if (extra && extraLanguages().some((l) => l.code === lang)) return path.resolve(/* turbopackIgnore: true */ extra, "locales", lang);
  return path.join(/* turbopackIgnore: true */ dir, lang);
}

const loaded = new Map<string, Resource>();

/**
 * Every namespace of every language, as an i18next resource object. Read from
 * disk once per directory (pages ask for it on every request); development
 * reads again each time so edited strings show up.
 */
export function loadResources(dir: string = LOCALES_DIR): Resource {
  if (process.env.NODE_ENV === "development") return readResources(dir);
  // Keyed by the languages too: LANGUAGES_DIR may add some after the first read.
  const key = `${dir}\n${LANGUAGE_CODES.join(",")}`;
  let resources = loaded.get(key);
  if (!resources) {
    resources = readResources(dir);
    loaded.set(key, resources);
  }
  return resources;
}

function readResources(dir: string): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGE_CODES) {
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      const file = path.join(localeDir(lang, dir), `${ns}.json`);
      // A language of LANGUAGES_DIR may go live with its reader's strings only: its
      // missing namespaces (the workbench's) show in English until translated.
      if (!fs.existsSync(file) && !(READER_NAMESPACES as readonly string[]).includes(ns) && extraLanguages().some((l) => l.code === lang)) {
        resources[lang][ns] = JSON.parse(fs.readFileSync(path.join(dir, DEFAULT_LANGUAGE, `${ns}.json`), "utf8"));
        continue;
      }
      resources[lang][ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  return resources;
}
