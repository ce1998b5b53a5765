import "server-only";
import type { ResourceLanguage, TFunction, i18n } from "i18next";
import { createI18n, type Namespace } from "./config";
import { loadResources } from "./resources";
import type { LanguageCode } from "./languages";

let shared: i18n | undefined;

/**
 * A `t` fixed to one language and namespace for this request. The shared
 * instance's language is never changed, so concurrent requests cannot leak
 * into each other.
 */
export function getT(lang: LanguageCode, ns: Namespace | readonly Namespace[] = "common"): TFunction {
  shared ??= createI18n(loadResources());
  return shared.getFixedT(lang, ns as Namespace);
}

/** The given namespaces of one language, to hand to the client's I18nProvider. */
export function clientResources(lang: LanguageCode, namespaces: readonly Namespace[]): ResourceLanguage {
  const all = loadResources()[lang] ?? {};
  return Object.fromEntries(namespaces.map((ns) => [ns, all[ns] ?? {}]));
}
