/** Reads UI strings from locales/<lang>/<namespace>.json (server side and tests). */
import fs from "node:fs";
import path from "node:path";
import type { Resource } from "i18next";
import { LANGUAGE_CODES } from "./languages";
import { NAMESPACES } from "./config";

export const LOCALES_DIR = path.join(process.cwd(), "locales");

/** Every namespace of every language, as an i18next resource object. */
export function loadResources(dir: string = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const lang of LANGUAGE_CODES) {
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      const file = path.join(dir, lang, `${ns}.json`);
      resources[lang][ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  return resources;
}
