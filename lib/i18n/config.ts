/** i18next set-up shared by the server and the client. */
import i18next, { type i18n, type Resource } from "i18next";
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, findLanguage, formatDate, formatNumber, type LanguageCode } from "./languages";

/** UI string namespaces: one per feature, plus errors. */
export const NAMESPACES = ["common", "reader", "auth", "admin", "workbench", "glossary", "qa", "tm", "documents", "exchange", "align", "mt", "errors"] as const;
export type Namespace = (typeof NAMESPACES)[number];

const codeFor = (lng: string): LanguageCode => (findLanguage(lng)?.code as LanguageCode | undefined) ?? DEFAULT_LANGUAGE;

/**
 * A fresh, synchronously initialised i18next instance over the given resources.
 * `{{n, number}}` and `{{d, datetime}}` use the language's own digits.
 */
export function createI18n(resources: Resource, lng: string = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng,
    fallbackLng: false,
    supportedLngs: [...LANGUAGE_CODES],
    ns: [...NAMESPACES],
    defaultNS: "common",
    initAsync: false,
    // React escapes every string it renders; nothing is inserted as HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance.services.formatter?.add("number", (value, l, options) => formatNumber(codeFor(l ?? lng), Number(value), options as Intl.NumberFormatOptions));
  instance.services.formatter?.add("datetime", (value, l, options) =>
    formatDate(codeFor(l ?? lng), value instanceof Date ? value : new Date(String(value)), options as Intl.DateTimeFormatOptions),
  );
  return instance;
}
