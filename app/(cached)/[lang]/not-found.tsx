import { DEFAULT_LANGUAGE, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";

/** 404 of the cached reader pages (no request to read the language from: the default language). */
export default function NotFound() {
  const lang = DEFAULT_LANGUAGE;
  const t = getT(lang, "errors");
  return (
    <main id="content" {...textAttrs(lang)}>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <a href={`/${lang}`}>{getT(lang, "reader")("allStories")}</a>
      </p>
    </main>
  );
}
