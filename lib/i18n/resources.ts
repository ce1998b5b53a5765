/** Reads UI strings from locales/<lang>/<namespace>.json (server side and tests). */
import fs from "node:fs";
import path from "node:path";
import type { Resource } from "i18next";
import { LANGUAGE_CODES } from "./languages";
import { NAMESPACES } from "./config";

export const LOCALES_DIR = path.join(process.cwd(), "locales");

const loaded = new Map<string, Resource>();

/**
 * Every namespace of every language, as an i18next resource object. Read from
 * disk once per directory (pages ask for it on every request); development
 * reads again each time so edited strings show up.
 */
export function loadResources(dir: string = LOCALES_DIR): Resource {
  if (process.env.NODE_ENV === "development") return readResources(dir);
  let resources = loaded.get(dir);
  if (!resources) {
    resources = readResources(dir);
    loaded.set(dir, resources);
  }
  return resources;
}

function readResources(dir: string): Resource {
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
