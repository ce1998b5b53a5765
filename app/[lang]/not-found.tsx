import { headers } from "next/headers";
import { DEFAULT_LANGUAGE, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";

/** Localized 404 inside a language's pages (the language comes from the URL). */
export default async function NotFound() {
  const path = (await headers()).get("x-pathname") ?? "";
  const first = path.split("/")[1];
  const lang = isLanguageCode(first) ? first : DEFAULT_LANGUAGE;
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
