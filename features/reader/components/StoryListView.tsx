import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { feedPath } from "@/features/reader/server/feeds";
import { getDb } from "@/lib/db";
import { LANGUAGES, formatDate, getLanguage, isLanguageCode, textAttrs } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { READER_PAGE_SIZE } from "@/features/reader/server/service";
import { listCachedReaderStories } from "@/features/reader/server/cache";
import { READER_ORDER } from "@/features/reader/server/repository";
import { pageRequestFrom } from "@/lib/db/keyset";
import { Pager, pageHref } from "@/lib/ui/Pager";
import { LanguageSwitcher } from "@/features/reader/components/LanguageSwitcher";
import { NEWSROOM_TIME_ZONE, languageLinks } from "@/features/reader/reader";

/** The metadata of the story list: canonical URL, one alternate per language, the feed. */
export function storyListMetadata(lang: string): Metadata {
  if (!isLanguageCode(lang)) return {};
  return {
    alternates: {
      canonical: `/${lang}`,
      languages: Object.fromEntries(LANGUAGES.map((l) => [l.bcp47, `/${l.code}`])),
      types: { "application/atom+xml": [{ url: feedPath(lang), title: getT(lang, "reader")("feed", { language: getLanguage(lang).nativeName }) }] },
    },
  };
}

/** One page of the stories published in `lang` (`query`: the page's `after`/`before` cursor). */
export async function StoryListView({ lang, query }: { lang: string; query: Readonly<Record<string, string | string[] | undefined>> }) {
  if (!isLanguageCode(lang)) notFound();
  const t = getT(lang, "reader");
  const common = getT(lang, "common");
  const request = pageRequestFrom(query, READER_ORDER.length, READER_PAGE_SIZE);
  if (!request) notFound();
  const page = await listCachedReaderStories(await getDb(), lang, request);
  const stories = page.items;
  const attrs = textAttrs(lang);
  return (
    <>
      <LanguageSwitcher label={common("languageSwitcher.label")} links={languageLinks(lang, (l) => `/${l}`)} />
      <main id="content" className="stories" {...attrs}>
        <h1>{t("storiesHeading")}</h1>
        {stories.length === 0 ? (
          <p>{t("noStories")}</p>
        ) : (
          <ul className="story-list" data-testid="story-list">
            {stories.map((s) => (
              <li key={s.slug}>
                <a href={`/${lang}/stories/${s.slug}`} {...textAttrs(s.title.lang)}>
                  {s.title.text}
                </a>
                <p className="story-meta">
                  <time dateTime={s.publishedAt}>{formatDate(lang, new Date(s.publishedAt), { dateStyle: "long", timeZone: NEWSROOM_TIME_ZONE })}</time>
                  {s.updatedAt && (
                    <time dateTime={s.updatedAt} data-testid="story-updated">
                      {t("updatedOn", { date: formatDate(lang, new Date(s.updatedAt), { dateStyle: "long", timeZone: NEWSROOM_TIME_ZONE }) })}
                    </time>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pager
          label={common("pager.label")}
          previousLabel={common("pager.previous")}
          nextLabel={common("pager.next")}
          previousHref={pageHref(`/${lang}`, {}, { before: page.prev })}
          nextHref={pageHref(`/${lang}`, {}, { after: page.next })}
        />
      </main>
    </>
  );
}
