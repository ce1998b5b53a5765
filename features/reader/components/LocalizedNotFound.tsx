"use client";

import { usePathname } from "next/navigation";
import { DEFAULT_LANGUAGE, isLanguageCode, textAttrs, type LanguageCode } from "@/lib/i18n/languages";

export interface NotFoundTexts {
  readonly title: string;
  readonly body: string;
  readonly allStories: string;
}

/**
 * The 404 of the cached reader pages, in the language of the URL: a cached
 * not-found page gets no params, but its path starts with the language.
 */
export function LocalizedNotFound({ texts }: { texts: Readonly<Record<LanguageCode, NotFoundTexts>> }) {
  const first = usePathname()?.split("/")[1];
  // A language added at start-up (LANGUAGES_DIR) may have no texts in this build: English then.
  const lang = isLanguageCode(first) && texts[first] ? first : DEFAULT_LANGUAGE;
  const t = texts[lang] ?? texts[DEFAULT_LANGUAGE]!;
  return (
    <main id="content" {...textAttrs(lang)}>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p>
        <a href={`/${lang}`}>{t.allStories}</a>
      </p>
    </main>
  );
}
